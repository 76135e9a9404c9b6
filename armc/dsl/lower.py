"""Lower a checked `Module` into the template model (`armc.model.template.Template`).

Each declaration becomes one or more ARM resources, in declaration order, with the resources it
expands to (public IP, NIC, ...) right before it. Every value that came from DSL text gets its
span in the source map; the defaults a declaration causes get the declaration's span.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from armc import data
from armc.diagnostics import Diagnostics
from armc.dsl import ir
from armc.dsl.body import Body
from armc.dsl.evaluate import Evaluator, Scope, article, value_type
from armc.dsl.lower_names import (
    LOCATION,
    LOOP_MARK,
    SCHEMA,
    TYPES,
    Pending,
    instance_names,
    name_json,
)
from armc.dsl.lower_references import References
from armc.dsl.passes.compute import ComputePlan
from armc.dsl.passes.network import service_tag
from armc.dsl.passes.symbols import Symbols
from armc.dsl.values import (
    COPY_INDEX,
    Arm,
    Const,
    Position,
    Value,
    arm_text,
    to_json,
)
from armc.model.template import (
    Dependency,
    JsonPath,
    Output,
    Parameter,
    Resource,
    Template,
)
from armc.source import Span


class Lowering(References):
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
        self.files: dict[Span, bytes] = {}  # bootstrap files read by the passes, by span

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

    def location_none(self, arg: ir.Arg) -> bool:
        """`location none` (unless `none` is a parameter or variable)."""
        return (
            isinstance(arg, ir.Word)
            and arg.text == "none"
            and arg.text not in self.symbols.params
            and arg.text not in self.symbols.variables
        )

    def check_region(self, arg: ir.Arg, value: Any) -> None:
        """A bare-word region that is a near miss of a known one (`westeurop`) is DSL311 with a
        did-you-mean hint; an unknown name with no close match passes (Azure adds regions)."""
        from armc.dsl.regions import region_hint

        if isinstance(arg, ir.Word) and isinstance(value, str):
            hint = region_hint(value)
            if hint is not None:
                self.report("DSL311", f"unknown region '{value}'", arg.span, hint=hint)

    def location_and_tags(
        self,
        pending: Pending,
        common: ir.Common | None,
        index: Position = None,
        *,
        with_location: bool = True,
    ) -> None:
        """The resource's location (the declaration's, else the `location` parameter; none
        when `with_location` is False) and tags (the file's defaults, then its own)."""
        if not with_location:
            pass
        elif common is not None and common.location is not None:
            if self.location_none(common.location):
                self.report(
                    "DSL311",
                    "only a 'resource' can be without a location ('location none')",
                    common.location.span,
                )
            location = self.value(common.location, index)
            if value_type(location) not in ("string", "any"):
                self.report("DSL301", "a location must be a string", common.location.span)
            pending.body.set(("location",), to_json(location), common.location.span)
            self.check_region(common.location, to_json(location))
        else:
            pending.body.set(("location",), LOCATION)
        if (
            common is not None
            and common.tags is not None
            and not isinstance(common.tags, ir.ObjectExpr)
        ):
            self._tags_expression(pending, common.tags, index)
            return
        tags = dict(self.default_tags())
        if common is not None and isinstance(common.tags, ir.ObjectExpr):
            own = self.tags_json(common.tags, index)
            tags.update(own)
        if tags:
            pending.body.set(
                ("tags",),
                tags,
                common.tags.span if common and common.tags else self.module_tags_span,
            )
            if common is not None and isinstance(common.tags, ir.ObjectExpr):
                for entry in common.tags.entries:
                    pending.body.span(("tags", entry.key), entry.span)

    def _tags_expression(self, pending: Pending, tags: ir.Expr, index: Position) -> None:
        """`tags t`: the object parameter (or expression) itself, after the file's default tags
        (`union` lets its own keys win, as a `tags { ... }` block's do)."""
        value = self.evaluator.eval(tags, index)
        if value_type(value) not in ("object", "any"):
            self.report("DSL301", "tags must be an object", tags.span)
            return
        if self.module.tags is None or not self.default_tags():
            pending.body.set(("tags",), to_json(value), tags.span)
            return
        defaults = self.evaluator.eval(self.module.tags, index)
        union = f"[union({arm_text(defaults)}, {arm_text(value)})]"
        pending.body.set(("tags",), union, tags.span)

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
            name=body["name"],
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
        from armc.dsl.lower_resources import ResourceLowering

        network = ResourceLowering(self)
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
                self.check_region(self.module.location, default)
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
