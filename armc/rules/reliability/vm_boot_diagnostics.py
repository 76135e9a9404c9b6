"""AZR010: VMs should keep boot diagnostics on."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.rules.provenance import label
from armc.rules.support import as_bool
from armc.semantics.compute import VM, VMSS, profile

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


class VmBootDiagnostics(Rule):
    id = "AZR010"
    name = "vm-boot-diagnostics"
    category = "reliability"
    default_severity = "warning"
    resource_types = (VM, VMSS)
    summary = "VMs and scale sets should enable boot diagnostics."
    rationale = (
        "Boot diagnostics keep the serial console log and a screenshot of the VM's screen: "
        "without them a VM that does not boot cannot be diagnosed, and the serial console "
        "does not work. Managed boot diagnostics (enabled without a storageUri) need no "
        "storage account."
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for resource in ctx.resources(VM, VMSS):
            base = (*profile(resource), "diagnosticsProfile", "bootDiagnostics")
            enabled = ctx.value(resource, *base, "enabled")
            if ctx.is_unknown(enabled) or as_bool(enabled) is True:
                continue
            where = (*base, "enabled") if enabled is not None else profile(resource)
            state = "disables" if as_bool(enabled) is False else "does not enable"
            yield Finding.at(
                resource,
                f"{label(ctx, resource)} {state} boot diagnostics",
                *where,
                hint='set diagnosticsProfile.bootDiagnostics to {"enabled": true}',
            )
