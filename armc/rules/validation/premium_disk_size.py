"""AZV015: Premium SSD disks need a VM size with premium storage."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.rules.provenance import label
from armc.semantics.compute import VM, VMSS, profile, size_of
from armc.semantics.reader import known_list, known_text

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext

_PREMIUM = ("premium_lrs", "premium_zrs", "premiumv2_lrs", "ultrassd_lrs")


class PremiumDiskSize(Rule):
    id = "AZV015"
    name = "premium-disk-size"
    category = "validation"
    default_severity = "error"
    resource_types = (VM, VMSS)
    summary = "Premium, Premium v2 and Ultra disks need a size that supports premium storage."
    rationale = (
        "Only sizes with premium storage support (usually an 's' in the name, such as "
        "Standard_D2s_v5) can attach Premium SSD, Premium SSD v2 or Ultra disks; otherwise "
        "the deployment fails. Pick an 's' size or a Standard SSD disk."
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for resource in ctx.resources(VM, VMSS):
            name, size = size_of(ctx, resource)
            if size is None or size.premium_storage:
                continue
            storage = (*profile(resource), "storageProfile")
            disks = [(*storage, "osDisk")]
            disks += [p for p, _ in known_list(ctx, resource, *storage, "dataDisks")]
            for disk in disks:
                path = (*disk, "managedDisk", "storageAccountType")
                kind = known_text(ctx, resource, *path)
                if kind is None or kind.lower() not in _PREMIUM:
                    continue
                yield Finding.at(
                    resource,
                    f"{label(ctx, resource)} uses a {kind} disk but size {name} has no premium "
                    "storage",
                    *path,
                    hint="use a size with premium storage ('s' sizes) or StandardSSD_LRS",
                )
