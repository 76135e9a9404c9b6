"""AZP011: the retired ManagedIdentityExtension must not be deployed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.rules.provenance import label
from armc.semantics.compute import EXTENSIONS, VMSS, extensions
from armc.semantics.reader import known_text

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


class ManagedIdentityExtension(Rule):
    id = "AZP011"
    name = "managed-identity-extension"
    category = "practice"
    default_severity = "error"
    resource_types = (*EXTENSIONS, VMSS)
    summary = "The ManagedIdentityExtension is retired; use the instance metadata service."
    rationale = (
        "ManagedIdentityExtensionForWindows and ManagedIdentityExtensionForLinux were the "
        "first way to get managed identity tokens on a VM. They are retired: the Azure "
        "Instance Metadata Service (169.254.169.254) issues tokens with no extension at all."
    )
    equivalents = ("arm-ttk:ManagedIdentityExtension-must-not-be-used",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for resource, base in extensions(ctx):
            kind = known_text(ctx, resource, *base, "type")
            if kind is None or not kind.lower().startswith("managedidentityextension"):
                continue
            yield Finding.at(
                resource,
                f"{label(ctx, resource)} deploys the retired {kind}",
                *base,
                "type",
                hint="remove it; request tokens from the instance metadata service",
            )
