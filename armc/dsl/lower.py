"""Lower a checked `Module` into the template model (`armc.model.template.Template`).

Each declaration becomes one or more ARM resources, in declaration order, with the resources it
expands to (public IP, NIC, ...) right before it. Every value that came from DSL text gets its
span in the source map; the defaults a declaration causes get the declaration's span.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from armc import data
from armc.diagnostics import Diagnostics
from armc.dsl import ir
from armc.dsl.body import Body
from armc.dsl.codes import Reporter
from armc.dsl.evaluate import Evaluator, Scope, article, value_type
from armc.dsl.passes.compute import ComputePlan
from armc.dsl.passes.network import service_tag
from armc.dsl.passes.symbols import Symbols, kind_of
from armc.dsl.values import (
    COPY_INDEX,
    Arm,
    Const,
    ListValue,
    Position,
    Value,
    arm_string,
    arm_text,
    to_json,
)
from armc.model.template import (
    Dependency,
    DependencyKind,
    JsonPath,
    Output,
    Parameter,
    Resource,
    Template,
)
from armc.source import Span

SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"
LOCATION = "[parameters('location')]"
MAX_COUNT = 1000

TYPES = {
    "vnet": "Microsoft.Network/virtualNetworks",
    "subnet": "Microsoft.Network/virtualNetworks/subnets",
    "nsg": "Microsoft.Network/networkSecurityGroups",
    "pip": "Microsoft.Network/publicIPAddresses",
    "nic": "Microsoft.Network/networkInterfaces",
    "lb": "Microsoft.Network/loadBalancers",
    "bastion": "Microsoft.Network/bastionHosts",
    "avset": "Microsoft.Compute/availabilitySets",
    "disk": "Microsoft.Compute/disks",
    "vm": "Microsoft.Compute/virtualMachines",
    "vmss": "Microsoft.Compute/virtualMachineScaleSets",
}
ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "vm": ("id", "name", "private_ip", "public_ip", "principal_id"),
    "vmss": ("id", "name", "principal_id"),
    "pip": ("id", "name", "public_ip", "fqdn"),
    "lb": ("id", "name", "public_ip"),
    "bastion": ("id", "name", "public_ip"),
}
PROTOCOLS = {
    "tcp": "Tcp",
    "udp": "Udp",
    "icmp": "Icmp",
    "esp": "Esp",
    "ah": "Ah",
    "any": "*",
    "all": "All",
    "http": "Http",
    "https": "Https",
}


LOOP_MARK = "{0}"
"""In the name of an instance of an ARM copy loop, where `copyIndex()` goes: `web-{0}-nic`."""


def arm_name(name: str) -> str:
    """A resource name as an ARM expression argument: a literal, or in a copy loop
    `format('web-{0}', copyIndex())`."""
    if LOOP_MARK in name:
        return f"format({arm_string(name)}, copyIndex())"
    return arm_string(name)


def name_json(name: str) -> str:
    """A resource name as a template value."""
    return f"[{arm_name(name)}]" if LOOP_MARK in name else name


def name_value(name: str) -> Value:
    return Arm(arm_name(name), "string") if LOOP_MARK in name else Const(name)


def resource_id(kind: str, *names: str) -> str:
    """`[resourceId('Microsoft.Network/...', 'a', 'b')]`."""
    args = ", ".join(arm_name(n) for n in names)
    return f"[resourceId({arm_string(TYPES[kind])}, {args})]"


def instance_names(name: str, count: int) -> list[tuple[str, Position]]:
    return [(f"{name}-{i}", i) for i in range(count)]


@dataclass
class Pending:
    """A resource being built: its body, spans and dependencies (paths relative to the body)."""

    key: str
    kind: str
    name: str
    body: Body
    span: Span
    dependencies: list[tuple[str, DependencyKind, Span | None, JsonPath]] = field(
        default_factory=list
    )
    copy_index: Position = None  # an int for an unrolled instance
    type_name: str = ""
    api_version: str = ""

    def depend(
        self, target: str, span: Span | None, path: JsonPath, kind: DependencyKind = "implicit"
    ) -> None:
        self.dependencies.append((target, kind, span, path))


class Lowering(Reporter):
    def __init__(
        self,
        module: ir.Module,
        symbols: Symbols,
        plans: dict[tuple[str, str], ComputePlan],
        diagnostics: Diagnostics,
        file: str,
    ) -> None:
        self.module = module
        self.symbols = symbols
        self.plans = plans
        self.param_bodies: dict[str, dict[str, Any]] = {}
        self.diagnostics = diagnostics
        self.template = Template(
            file=file, origin="dsl", header={"$schema": SCHEMA, "contentVersion": "1.0.0.0"}
        )
        self.counts: dict[tuple[str, str], int | Arm | None] = {}
        self.loop_count: Any = None  # the ARM count of the copy loop being lowered
        self._references: list[tuple[str, Span]] = []
        self.evaluator = Evaluator(
            Scope(
                symbols.params, symbols.variables, symbols.resource_names, self._resource_attribute
            ),
            diagnostics,
        )
        self._default_tags: dict[str, Any] | None = None

    # ---- helpers -----------------------------------------------------------------------------

    def value(self, arg: ir.Arg, index: Position = None, literal_words: bool = True) -> Value:
        """An argument's value: a bare word is a parameter/variable if one has that name,
        otherwise literal text."""
        if isinstance(arg, ir.Word):
            if arg.text in self.symbols.params or arg.text in self.symbols.variables:
                return self.evaluator.eval(ir.NameRef(arg.text, arg.span), index)
            if arg.text == "index" and index is not None:
                return Const(index)
            if literal_words:
                return Const(int(arg.text) if arg.text.isdigit() else arg.text)
            self.report("DSL201", f"undefined name '{arg.text}'", arg.span)
            return Const(None)
        if isinstance(arg, ir.ValueArg):
            return self.evaluator.eval(arg.expr, index)
        if isinstance(arg, ir.CallWord):
            return self.evaluator.eval(ir.Call(arg.name, arg.args, arg.span), index)
        if isinstance(arg, ir.IndexedWord):
            return self.evaluator.eval(
                ir.Index(ir.NameRef(arg.text, arg.span), arg.index, arg.span), index
            )
        self.report("DSL311", "unexpected value here", arg.span)
        return Const(None)

    def json(self, arg: ir.Arg, index: Position = None) -> Any:
        return to_json(self.value(arg, index))

    def int_json(self, arg: ir.Arg, what: str, index: Position = None) -> Any:
        value = self.value(arg, index)
        if value_type(value) not in ("int", "any"):
            self.report("DSL301", f"{what} must be an int, not '{arg_text_of(arg)}'", arg.span)
            return 0
        return to_json(value)

    def collect_references(self) -> list[tuple[str, Span]]:
        found, self._references = self._references, []
        return found

    def count_for(self, declaration: ir.Declaration) -> int | Arm | None:
        """The declaration's count, evaluated (and checked) once."""
        key = (kind_of(declaration), declaration.common.name)
        if key not in self.counts:
            self.counts[key] = self.count_of(declaration.common)
        return self.counts[key]

    def count_of(self, common: ir.Common) -> int | Arm | None:
        """A compile-time count, or an ARM expression for a count known at deployment (the
        declaration becomes ARM copy loops)."""
        if common.count is None:
            return None
        value = self.evaluator.eval(common.count)
        if isinstance(value, Arm) and value.type in ("int", "any"):
            return value
        if (
            isinstance(value, Const)
            and isinstance(value.value, int)
            and not isinstance(value.value, bool)
            and 0 <= value.value <= MAX_COUNT
        ):
            return value.value
        if isinstance(value, Const):
            self.report(
                "DSL310", f"a count must be an int from 0 to {MAX_COUNT}", common.count.span
            )
        else:
            self.report("DSL310", "a count must be an int", common.count.span)
        return 0

    # ---- resource references from expressions ------------------------------------------------

    def _resource_attribute(
        self, name: str, instance: ir.Expr | str | None, attribute: str, span: Span
    ) -> Value | None:
        declaration = self._pick_declaration(name, instance, attribute)
        if declaration is None:
            return None
        kind = kind_of(declaration)
        count = self.count_for(declaration)
        loop_name = f"{name}-{LOOP_MARK}"
        if instance == "*":
            if declaration.common.count is None:
                self.report("DSL301", f"'{name}[*]' needs a counted declaration", span)
                return Const(None)
            if isinstance(count, Arm):
                self.report(
                    "DSL310",
                    f"'{name}' is counted at deployment: '{name}[*]' can only be a whole output",
                    span,
                )
                return Const(None)
            return ListValue(
                tuple(
                    self._attribute(declaration, kind, f"{name}-{i}", attribute, span)
                    for i in range(count or 0)
                )
            )
        if isinstance(instance, str):
            return None
        if instance is not None:
            position = self.evaluator.eval(instance)
            if declaration.common.count is None:
                self.report("DSL301", f"'{name}' is not counted; write '{name}.{attribute}'", span)
                return Const(None)
            if isinstance(count, Arm):  # a copy loop: the instance is part of the loop resource
                if not isinstance(position, Const) or not isinstance(position.value, int):
                    self.report("DSL311", "the index must be a constant", instance.span)
                    return Const(None)
                return self._attribute(
                    declaration, kind, f"{name}-{position.value}", attribute, span, loop_name
                )
            if (
                not isinstance(position, Const)
                or not isinstance(position.value, int)
                or not 0 <= position.value < (count or 0)
            ):
                self.report(
                    "DSL311",
                    f"'{name}' has {count} instances; the index must be a "
                    f"constant from 0 to {(count or 0) - 1}",
                    instance.span,
                )
                return Const(None)
            return self._attribute(declaration, kind, f"{name}-{position.value}", attribute, span)
        if declaration.common.count is not None:
            self.report(
                "DSL301",
                f"'{name}' is counted; write '{name}[0].{attribute}' or '{name}[*].{attribute}'",
                span,
            )
            return Const(None)
        return self._attribute(declaration, kind, name, attribute, span)

    def _pick_declaration(
        self, name: str, instance: ir.Expr | str | None, attribute: str
    ) -> ir.Declaration | None:
        """The declaration `name` refers to: among same-named declarations of different kinds,
        the first (in EXPRESSION_LOOKUP_ORDER) that is counted exactly when an instance is given
        and has the attribute."""
        candidates = self.symbols.all_declarations(name)
        for declaration in candidates:
            counted = declaration.common.count is not None
            if counted == (instance is not None) and attribute in ATTRIBUTES.get(
                kind_of(declaration), ("id", "name")
            ):
                return declaration
        return candidates[0] if candidates else None

    def _attribute(
        self,
        declaration: ir.Declaration,
        kind: str,
        name: str,
        attribute: str,
        span: Span,
        key_name: str | None = None,
    ) -> Value:
        """`attribute` of the instance `name`; `key_name` names the resource keys when they
        differ from `name` (an instance of a copy loop is part of the loop's resource)."""
        type_name = TYPES.get(kind) or (
            declaration.type if isinstance(declaration, ir.RawResourceDecl) else ""
        )
        key_name = key_name or name
        key = f"{kind}:{key_name}"
        rid = f"resourceId({arm_string(type_name)}, {arm_name(name)})"
        network_api = data.api_version(TYPES["nic"])
        known = ATTRIBUTES.get(kind, ("id", "name"))
        has_public_ip = kind != "vm" or (
            (plan := self.plans.get(("vm", declaration.common.name))) is not None and plan.public_ip
        )
        if attribute not in known or (attribute == "public_ip" and not has_public_ip):
            reason = (
                "no public IP (add 'public-ip')"
                if attribute == "public_ip" and attribute in known
                else f"no attribute '{attribute}'"
            )
            self.report(
                "DSL318",
                f"{kind} '{name}' has {reason}",
                span,
                hint=f"known attributes: {', '.join(known)}",
            )
            return Const(None)
        if attribute == "id":
            self._references.append((key, span))
            return Arm(rid, "string")
        if attribute == "name":
            return name_value(name)
        if attribute == "private_ip" and kind == "vm":
            self._references.append((f"nic:{key_name}-nic", span))
            nic = f"resourceId({arm_string(TYPES['nic'])}, {arm_name(name + '-nic')})"
            return Arm(
                f"reference({nic}, {arm_string(network_api)})"
                ".ipConfigurations[0].properties.privateIPAddress",
                "string",
            )
        suffix = {"pip": "", "vm": "-pip", "lb": "-pip", "bastion": "-pip"}.get(kind)
        if suffix is not None:
            self._references.append((f"pip:{key_name}{suffix}", span))
            pip = f"resourceId({arm_string(TYPES['pip'])}, {arm_name(name + suffix)})"
            member = "ipAddress" if attribute == "public_ip" else "dnsSettings.fqdn"
            return Arm(f"reference({pip}, {arm_string(network_api)}).{member}", "string")
        if attribute == "principal_id" and kind in ("vm", "vmss"):
            api = data.api_version(TYPES[kind])
            self._references.append((key, span))
            return Arm(
                f"reference({rid}, {arm_string(api)}, 'full').identity.principalId", "string"
            )
        self.report("DSL318", f"{kind} '{name}' has no attribute '{attribute}'", span)
        return Const(None)

    # ---- common resource members ---------------------------------------------------------------

    def start(
        self,
        kind: str,
        name: str,
        declaration_span: Span,
        *,
        type_name: str | None = None,
        api_version: str | None = None,
        key_kind: str | None = None,
    ) -> Pending:
        type_name = type_name or TYPES[kind]
        api_version = api_version or data.api_version(type_name)
        body = Body()
        body.set(("type",), type_name)
        body.set(("apiVersion",), api_version)
        body.set(("name",), name_json(name))
        return Pending(
            f"{key_kind or kind}:{name}",
            kind,
            name,
            body,
            declaration_span,
            type_name=type_name,
            api_version=api_version,
        )

    def location_and_tags(
        self, pending: Pending, common: ir.Common | None, index: Position = None
    ) -> None:
        if common is not None and common.location is not None:
            location = self.value(common.location, index)
            if value_type(location) not in ("string", "any"):
                self.report("DSL301", "a location must be a string", common.location.span)
            pending.body.set(("location",), to_json(location), common.location.span)
        else:
            pending.body.set(("location",), LOCATION)
        tags = dict(self.default_tags())
        if common is not None and common.tags is not None:
            own = self.tags_json(common.tags, index)
            tags.update(own)
        if tags:
            pending.body.set(
                ("tags",),
                tags,
                common.tags.span if common and common.tags else self.module_tags_span,
            )
            if common is not None and common.tags is not None:
                for entry in common.tags.entries:
                    pending.body.span(("tags", entry.key), entry.span)

    @property
    def module_tags_span(self) -> Span | None:
        return self.module.tags.span if self.module.tags is not None else None

    def default_tags(self) -> dict[str, Any]:
        if self._default_tags is None:
            self._default_tags = self.tags_json(self.module.tags) if self.module.tags else {}
        return self._default_tags

    def tags_json(self, tags: ir.ObjectExpr, index: Position = None) -> dict[str, Any]:
        """Tag values must be strings (ARM rejects numbers and booleans)."""
        result: dict[str, Any] = {}
        for entry in tags.entries:
            value = self.evaluator.eval(entry.value, index)
            if value_type(value) not in ("string", "any"):
                self.report(
                    "DSL301",
                    f"tag '{entry.key}' must be a string, not {article(value_type(value))}",
                    entry.value.span,
                    hint="quote it",
                )
            result[entry.key] = to_json(value)
        return result

    def condition(self, common: ir.Common, index: Position) -> Any:
        """The condition of a declaration (None when it always deploys)."""
        if common.condition is None:
            return None
        value = self.evaluator.expect(common.condition, "bool", "an 'if' condition", index)
        if isinstance(value, Const) and value.value is True:
            return None
        return to_json(value)

    def finish(
        self, pending: Pending, condition: Any = None, condition_span: Span | None = None
    ) -> Resource:
        body = pending.body.data
        if LOOP_MARK in pending.name:
            loop = pending.name.replace(f"-{LOOP_MARK}", "")
            body = _insert_after(
                body, "name", "copy", {"name": f"{pending.kind}-{loop}", "count": self.loop_count}
            )
            pending.body.span(("copy",), pending.span)
        if condition is not None:
            body = {"condition": condition, **body}
            pending.body.span(("condition",), condition_span)
        for target, span in self.collect_references():
            if target != pending.key:
                pending.depend(target, span, ())
        index = len(self.template.resources)
        path: JsonPath = ("resources", index)
        source_map = self.template.source_map
        source_map.set(path, pending.span)
        for sub_path, span in pending.body.spans:
            source_map.set(path + sub_path, span)
        seen: set[tuple[str, str, JsonPath]] = set()
        dependencies: list[Dependency] = []
        for target, kind, reference_span, sub_path in pending.dependencies:
            if target == pending.key or (target, kind, sub_path) in seen:
                continue
            seen.add((target, kind, sub_path))
            dependencies.append(Dependency(target, kind, reference_span, path + sub_path))
        resource = Resource(
            key=pending.key,
            type=pending.type_name,
            api_version=pending.api_version,
            name=name_json(pending.name),
            body=body,
            path=path,
            dependencies=dependencies,
            copy_index=pending.copy_index if isinstance(pending.copy_index, int) else None,
        )
        self.template.resources.append(resource)
        return resource

    # ---- the whole module ----------------------------------------------------------------------

    def run(self) -> Template:
        self.parameters()
        for declaration in self.module.declarations:
            self.count_for(declaration)
        from armc.dsl.lower_compute import lower_compute
        from armc.dsl.lower_network import NetworkLowering

        network = NetworkLowering(self)
        for declaration in self.module.declarations:
            if isinstance(declaration, ir.ComputeDecl):
                plan = self.plans.get((declaration.kind, declaration.common.name))
                if plan is not None:
                    lower_compute(self, declaration, plan)
            else:
                network.lower(declaration)
        self.outputs()
        return self.template

    def parameters(self) -> None:
        template = self.template
        if "location" not in self.param_bodies:
            default: Any = "[resourceGroup().location]"
            span = None
            if self.module.location is not None:
                default = self.json(self.module.location)
                span = self.module.location.span
            template.parameters["location"] = Parameter(
                "location",
                {
                    "type": "string",
                    "defaultValue": default,
                    "metadata": {
                        "description": "Location of every resource (default: "
                        + ("the DSL 'location')" if span else "the resource group's)")
                    },
                },
                ("parameters", "location"),
            )
            if span is not None:
                template.source_map.set(("parameters", "location"), span)
                template.source_map.set(("parameters", "location", "defaultValue"), span)
        elif self.module.location is not None:
            self.report(
                "DSL202",
                "'location' is both a parameter and a 'location' statement",
                self.module.location.span,
            )
        for param in self.module.params:
            body = self.param_bodies.get(param.name)
            if body is None:
                continue
            path: JsonPath = ("parameters", param.name)
            template.parameters[param.name] = Parameter(param.name, body, path)
            template.source_map.set(path, param.span)
            template.source_map.set((*path, "type"), param.type_span)
            if param.default is not None:
                template.source_map.set((*path, "defaultValue"), param.default.span)

    def _loop_output(self, expr: ir.Expr) -> dict[str, Any] | None:
        """`web[*].attr` over a copy loop: an output copy loop, or None for anything else."""
        if not (
            isinstance(expr, ir.Attribute)
            and isinstance(expr.target, ir.Splat)
            and isinstance(expr.target.target, ir.NameRef)
        ):
            return None
        name = expr.target.target.name
        if name in self.symbols.params or name in self.symbols.variables:
            return None
        declaration = self._pick_declaration(name, "*", expr.name)
        if declaration is None:
            return None
        count = self.count_for(declaration)
        if not isinstance(count, Arm):
            return None
        element = self._attribute(
            declaration, kind_of(declaration), f"{name}-{LOOP_MARK}", expr.name, expr.span
        )
        return {"type": "array", "copy": {"count": to_json(count), "input": to_json(element)}}

    def outputs(self) -> None:
        for output in self.module.outputs:
            loop = self._loop_output(output.value)
            if loop is not None:
                path: JsonPath = ("outputs", output.name)
                self.template.outputs[output.name] = Output(output.name, loop, path)
                self.template.source_map.set(path, output.span)
                self.template.source_map.set((*path, "copy"), output.value.span)
                self.collect_references()
                continue
            value = self.evaluator.eval(output.value)
            self.collect_references()
            type_name = output.type or {
                "string": "string",
                "int": "int",
                "bool": "bool",
                "array": "array",
                "object": "object",
            }.get(value_type(value), "string")
            if output.type is not None and output.type not in (
                "string",
                "int",
                "bool",
                "array",
                "object",
                "securestring",
                "secureObject",
            ):
                self.report("DSL301", f"unknown output type '{output.type}'", output.name_span)
            path = ("outputs", output.name)
            self.template.outputs[output.name] = Output(
                output.name, {"type": type_name, "value": to_json(value)}, path
            )
            self.template.source_map.set(path, output.span)
            self.template.source_map.set((*path, "value"), output.value.span)


def arg_text_of(arg: ir.Arg) -> str:
    if isinstance(arg, ir.Word):
        return arg.text
    return "this value"


def address_json(lowering: Lowering, arg: ir.Arg) -> Any:
    """An NSG address: a service tag in its canonical spelling, a CIDR, `*` or a value."""
    if isinstance(arg, ir.Star):
        return "*"
    if isinstance(arg, ir.Word):
        tag = service_tag(arg.text)
        if tag is not None and arg.text not in lowering.symbols.params:
            return tag
    return lowering.json(arg)


def iter_instances(
    lowering: Lowering, declaration: ir.Declaration
) -> Iterator[tuple[str, Position]]:
    """(name, position) of every instance: one for an uncounted declaration, N for a
    compile-time count, one `NAME-{0}` copy-loop instance for a count known at deployment."""
    base = declaration.common.name
    count = lowering.count_for(declaration)
    if declaration.common.count is None:
        yield base, None
    elif isinstance(count, Arm):
        lowering.loop_count = to_json(count)
        try:
            yield f"{base}-{LOOP_MARK}", COPY_INDEX
        finally:
            lowering.loop_count = None
    else:
        yield from instance_names(base, count or 0)


def _insert_after(body: dict[str, Any], after: str, key: str, value: Any) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for existing, member in body.items():
        result[existing] = member
        if existing == after:
            result[key] = value
    return result


__all__ = ["Lowering", "arm_text", "resource_id"]
