"""AZC006: Windows VMs without Azure Hybrid Benefit (off by default)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, ClassVar

from armc.rules.base import Finding, Option, Rule
from armc.rules.cost._money import REGION_OPTION, money, pricing_options

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


class WindowsWithoutHybridBenefit(Rule):
    id = "AZC006"
    name = "windows-without-hybrid-benefit"
    category = "cost"
    default_severity = "off"
    resource_types = ("Microsoft.Compute/virtualMachines",)
    summary = "Windows VMs could use Azure Hybrid Benefit (licenseType Windows_Server)."
    rationale = (
        "With Windows Server licences with Software Assurance, `licenseType: Windows_Server` "
        "bills the VM at the Linux rate. Off by default: only organisations with such "
        "licences can use it."
    )
    equivalents = ("psrule:Azure.VM.UseHybridUseBenefit",)
    options: ClassVar[Mapping[str, Option]] = {
        "region": REGION_OPTION,
    }

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        from armc.cost.estimate import resource_region
        from armc.cost.model import ResourceCost
        from armc.cost.pricing import Job, vm_os

        options_ = pricing_options(self.settings["region"])
        for vm in ctx.resources("Microsoft.Compute/virtualMachines"):
            job = Job(vm, ctx, options_, ResourceCost(vm.key, vm.type, str(vm.name)))
            os, ahub = vm_os(job, ("properties",))
            if os != "windows" or ahub:
                continue
            size = job.text("properties", "hardwareProfile", "vmSize")
            region = resource_region(ctx, vm, self.settings["region"])
            saving = ""
            if size is not None:
                windows = options_.catalog.find("vm", region, size, os="windows")
                linux = options_.catalog.find("vm", region, size, os="linux")
                if windows is not None and linux is not None:
                    delta = (windows.usd - linux.usd) * options_.hours
                    saving = f": it would save {money(delta)} a month ({size} in {region})"
            yield Finding.at(
                vm,
                f"Windows VM '{vm.name}' does not use Azure Hybrid Benefit{saving}",
                "properties",
                hint='set "licenseType": "Windows_Server" if you have eligible licences',
            )
