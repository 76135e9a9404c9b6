"""AZS015: VMs and scale sets should encrypt at host."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.rules.provenance import label
from armc.rules.support import as_bool
from armc.semantics.compute import VM, VMSS, profile

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


class VmEncryptionAtHost(Rule):
    id = "AZS015"
    name = "vm-encryption-at-host"
    category = "security"
    default_severity = "info"
    resource_types = (VM, VMSS)
    summary = "VMs and scale sets should enable encryption at host."
    rationale = (
        "Server-side encryption protects managed disks at rest, but temporary disks and "
        "disk caches live on the host unencrypted unless `securityProfile.encryptionAtHost` "
        "is true. It needs the EncryptionAtHost feature registered on the subscription, so "
        "this rule is informational by default."
    )
    equivalents = ("CKV_AZURE_97",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for resource in ctx.resources(VM, VMSS):
            path = (*profile(resource), "securityProfile", "encryptionAtHost")
            value = ctx.value(resource, *path)
            if ctx.is_unknown(value) or as_bool(value) is True:
                continue
            state = "disables" if as_bool(value) is False else "does not enable"
            yield Finding.at(
                resource,
                f"{label(ctx, resource)} {state} encryption at host",
                *(path if value is not None else profile(resource)),
                hint="set securityProfile.encryptionAtHost to true",
            )
