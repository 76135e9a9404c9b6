"""AZC002: Premium SSD disks or large VM sizes in a non-production environment."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, ClassVar

from armc.rules.base import Finding, Option, Rule
from armc.rules.cost._money import REGION_OPTION, money, non_production, price, total

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext

_COMPUTE = ("Microsoft.Compute/virtualMachines", "Microsoft.Compute/virtualMachineScaleSets")


class PremiumInNonProduction(Rule):
    id = "AZC002"
    name = "premium-in-non-production"
    category = "cost"
    default_severity = "warning"
    resource_types = (*_COMPUTE, "Microsoft.Compute/disks")
    summary = "Non-production VMs should not use Premium SSD disks or large sizes."
    rationale = (
        "Dev and test environments rarely need Premium SSD latency or many vCPUs; Standard "
        "SSD and smaller sizes cost a fraction. The environment comes from an `environment` "
        "(or `env`, `stage`) tag, or from the default of a parameter of that name."
    )
    options: ClassVar[Mapping[str, Option]] = {
        "max_vcpus": Option(int, 8, "Sizes with more vCPUs than this are large."),
        "region": REGION_OPTION,
    }

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        from armc.data import vm_sizes_by_lower_name

        sizes = vm_sizes_by_lower_name()
        for resource in ctx.resources(*_COMPUTE, "Microsoft.Compute/disks"):
            env = non_production(ctx, resource)
            if env is None:
                continue
            cost = price(ctx, resource, self.settings["region"])
            premium = [
                line
                for line in cost.lines
                if "Premium SSD" in line.description and line.monthly_usd
            ]
            if premium:
                amount = total(premium)
                yield Finding.at(
                    resource,
                    f"'{cost.name}' is in '{env}' but uses Premium SSD disks: "
                    f"{money(amount)} a month",
                    hint="use StandardSSD_LRS outside production",
                )
            size = sizes.get((cost.sku or "").lower())
            if size is not None and size.vcpus > self.settings["max_vcpus"]:
                compute = total(line for line in cost.lines if line.unit == "hours")
                yield Finding.at(
                    resource,
                    f"'{cost.name}' is in '{env}' but its size {cost.sku} has {size.vcpus} "
                    f"vCPUs: {money(compute)} a month of compute",
                    hint=f"use a size with at most {self.settings['max_vcpus']} vCPUs",
                )
