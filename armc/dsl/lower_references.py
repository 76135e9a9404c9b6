"""References between declarations in expressions (`core.id`, `web[0].private_ip`,
`web[*].id`) and the counts that decide which instances exist."""

from __future__ import annotations

from typing import Any

from armc import data
from armc.diagnostics import Diagnostics
from armc.dsl import ir
from armc.dsl.codes import Reporter
from armc.dsl.evaluate import Evaluator, value_type
from armc.dsl.lower_names import ATTRIBUTES, LOOP_MARK, MAX_COUNT, TYPES, arm_name, name_value
from armc.dsl.passes.compute import ComputePlan
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
from armc.source import Span


class References(Reporter):
    """Resolves resource references for the evaluator; mixed into `Lowering`."""

    diagnostics: Diagnostics
    symbols: Symbols
    plans: dict[tuple[str, str], ComputePlan]
    evaluator: Evaluator
    counts: dict[tuple[str, str], int | Arm | None]
    _references: list[tuple[str, Span]]

    def raw_arm_name(self, raw: ir.RawResourceDecl, index: Position) -> Value | None:
        """The ARM name a `resource` declaration sets with a `name:` member (the declaration's
        own name then only names it in the DSL), or None."""
        if not any(pair.key == "name" for pair in raw.members):
            return None
        pair = next(pair for pair in raw.members if pair.key == "name")
        value = self.evaluator.eval(pair.value, index)
        if value_type(value) not in ("string", "any"):
            self.report("DSL301", "a resource name must be a string", pair.value.span)
            return None
        if isinstance(value, Const) and not value.value:
            self.report("DSL311", "a resource name must not be empty", pair.value.span)
            return None
        return value

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
                    self._attribute(declaration, kind, f"{name}-{i}", attribute, span, None, i)
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
                    declaration,
                    kind,
                    f"{name}-{position.value}",
                    attribute,
                    span,
                    loop_name,
                    position.value,
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
            return self._attribute(
                declaration, kind, f"{name}-{position.value}", attribute, span, None, position.value
            )
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
        position: Position = None,
    ) -> Value:
        """`attribute` of the instance `name`; `key_name` names the resource keys when they
        differ from `name` (an instance of a copy loop is part of the loop's resource)."""
        type_name = TYPES.get(kind) or (
            declaration.type if isinstance(declaration, ir.RawResourceDecl) else ""
        )
        key_name = key_name or name
        key = f"{kind}:{key_name}"
        own_name = (
            self.raw_arm_name(declaration, position)
            if isinstance(declaration, ir.RawResourceDecl)
            else None
        )
        name_text = arm_name(name) if own_name is None else arm_text(own_name)
        rid = f"resourceId({arm_string(type_name)}, {name_text})"
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
            return name_value(name) if own_name is None else own_name
        if attribute == "private_ip" and kind == "vm":
            self._references.append((f"nic:{key_name}-nic", span))
            nic = f"resourceId({arm_string(TYPES['nic'])}, {arm_name(name + '-nic')})"
            return Arm(
                f"reference({nic}, {arm_string(network_api)})"
                ".ipConfigurations[0].properties.privateIPAddress",
                "string",
            )
        suffix = {
            "pip": "",
            "vm": "-pip",
            "lb": "-pip",
            "bastion": "-pip",
            "natgw": "-pip",
            "vpn-gateway": "-pip",
        }.get(kind)
        if suffix is not None:
            self._references.append((f"pip:{key_name}{suffix}", span))
            pip = f"resourceId({arm_string(TYPES['pip'])}, {arm_name(name + suffix)})"
            member = "ipAddress" if attribute == "public_ip" else "dnsSettings.fqdn"
            return Arm(f"reference({pip}, {arm_string(network_api)}).{member}", "string")
        if attribute == "principal_id" and kind in ("vm", "vmss", "des"):
            api = data.api_version(TYPES[kind])
            self._references.append((key, span))
            return Arm(
                f"reference({rid}, {arm_string(api)}, 'full').identity.principalId", "string"
            )
        self.report("DSL318", f"{kind} '{name}' has no attribute '{attribute}'", span)
        return Const(None)

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
            declaration,
            kind_of(declaration),
            f"{name}-{LOOP_MARK}",
            expr.name,
            expr.span,
            None,
            COPY_INDEX,
        )
        return {"type": "array", "copy": {"count": to_json(count), "input": to_json(element)}}
