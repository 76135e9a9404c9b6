"""AZS011: the admin password must come from a secure parameter."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.rules.provenance import label, parameters_behind
from armc.rules.support import calls_list_function, is_literal, raw_at
from armc.semantics.compute import VM, VMSS, profile

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


class UseSecureValueForSecureInputs(Rule):
    id = "AZS011"
    name = "use-secure-value-for-secure-inputs"
    category = "security"
    default_severity = "error"
    summary = "adminPassword must be a secure parameter, never a literal or a plain parameter."
    rationale = (
        "A password written in the template is readable by everyone with access to the "
        "template, the repository or the deployment history; a plain `string` parameter is "
        "stored and shown in the deployment's parameters. Use a `securestring` parameter "
        "(fed from Key Vault with a parameters-file reference)."
    )
    equivalents = (
        "bicep:use-secure-value-for-secure-inputs",
        "arm-ttk:adminPassword-Should-Not-Be-A-Literal",
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        params = ctx.template.parameters
        for resource in ctx.resources(VM, VMSS):
            path = (*profile(resource), "osProfile", "adminPassword")
            raw = raw_at(resource, *path)
            if raw is None:
                continue
            if is_literal(raw):
                yield Finding.at(
                    resource,
                    f"{label(ctx, resource)} has a literal adminPassword",
                    *path,
                    hint="use a securestring parameter",
                )
                continue
            if not isinstance(raw, str) or calls_list_function(raw):
                continue
            names = parameters_behind(ctx, resource, *path)
            plain = [n for n in names if n in params and not params[n].secure]
            if plain and not any(params[n].secure for n in names if n in params):
                yield Finding.at(
                    resource,
                    f"{label(ctx, resource)} takes adminPassword from parameter '{plain[0]}', "
                    "which is not secure",
                    *path,
                    hint=f"declare '{plain[0]}' as securestring",
                )
