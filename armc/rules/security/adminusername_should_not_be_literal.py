"""AZS010: the admin user name should come from a parameter."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.rules.provenance import label, parameters_behind
from armc.rules.support import is_literal, raw_at
from armc.semantics.compute import VM, VMSS, profile

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


class AdminUsernameShouldNotBeLiteral(Rule):
    id = "AZS010"
    name = "adminusername-should-not-be-literal"
    category = "security"
    default_severity = "warning"
    resource_types = (VM, VMSS)
    summary = "The admin user name should be a parameter, not a literal."
    rationale = (
        "A user name written in the template, directly or through a variable that is a "
        "constant, is the same in every deployment and visible to everyone who reads the "
        "template: half of the credentials an attacker needs. Take it from a parameter. "
        "The DSL's `admin azureuser ...` writes a literal too (the compiled template would "
        "fail Bicep's and arm-ttk's checks the same way), so it is reported on the `admin` "
        "line; a parameter with a default keeps the convenience: "
        '`param admin_user: string = "azureuser"` and `admin admin_user ssh admin_key`.'
    )
    equivalents = (
        "bicep:adminusername-should-not-be-literal",
        "arm-ttk:adminUsername-Should-Not-Be-A-Literal",
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for resource in ctx.resources(VM, VMSS):
            path = (*profile(resource), "osProfile", "adminUsername")
            raw = raw_at(resource, *path)
            if raw is None or parameters_behind(ctx, resource, *path):
                continue
            value = ctx.value(resource, *path)
            if not is_literal(raw) and (not isinstance(value, str) or ctx.is_unknown(value)):
                continue  # an expression armc cannot reduce to a constant
            how = "a literal" if is_literal(raw) else "an expression that is a constant"
            hint = "add an 'adminUsername' parameter and use [parameters('adminUsername')]"
            if ctx.template.origin == "dsl":
                hint = (
                    f'declare `param admin_user: string = "{value}"` and write '
                    "`admin admin_user ...`"
                )
            yield Finding.at(
                resource,
                f"{label(ctx, resource)} sets adminUsername to {how} ('{value}')",
                *path,
                hint=hint,
            )
