"""AZR008: VMs should have the VM agent provisioned."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.rules.provenance import label
from armc.rules.support import as_bool
from armc.semantics.compute import VM, VMSS, profile

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


class VmAgent(Rule):
    id = "AZR008"
    name = "vm-agent"
    category = "reliability"
    default_severity = "warning"
    resource_types = (VM, VMSS)
    summary = "VMs should keep the Azure VM agent (provisionVMAgent) on."
    rationale = (
        "Without the VM agent no extension can run: no monitoring agent, no backup, no "
        "password reset, no Defender, no guest patching. `provisionVMAgent` defaults to true; "
        "only an explicit false is reported."
    )
    equivalents = ("psrule:Azure.VM.Agent",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for resource in ctx.resources(VM, VMSS):
            for config in ("windowsConfiguration", "linuxConfiguration"):
                path = (*profile(resource), "osProfile", config, "provisionVMAgent")
                if as_bool(ctx.value(resource, *path)) is not False:
                    continue
                yield Finding.at(
                    resource,
                    f"{label(ctx, resource)} does not provision the VM agent",
                    *path,
                    hint="remove provisionVMAgent or set it to true",
                )
