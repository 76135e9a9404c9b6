"""AZS011: the admin password must come from a secure parameter."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.rules.provenance import insecure_source, label
from armc.semantics.compute import VM, VMSS, profile

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


class UseSecureValueForSecureInputs(Rule):
    id = "AZS011"
    name = "use-secure-value-for-secure-inputs"
    category = "security"
    default_severity = "error"
    resource_types = (VM, VMSS)
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
        for resource in ctx.resources(VM, VMSS):
            path = (*profile(resource), "osProfile", "adminPassword")
            source = insecure_source(ctx, resource, *path)
            if source is None:
                continue
            kind, parameter = source
            if kind == "literal":
                yield Finding.at(
                    resource,
                    f"{label(ctx, resource)} has a literal adminPassword",
                    *path,
                    hint="use a securestring parameter",
                )
            else:
                yield Finding.at(
                    resource,
                    f"{label(ctx, resource)} takes adminPassword from parameter '{parameter}', "
                    "which is not secure",
                    *path,
                    hint=f"declare '{parameter}' as securestring",
                )
