"""AZV014: a VM cannot have more data disks than its size allows."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.rules.provenance import label, origin
from armc.semantics.compute import VM, VMSS, profile, size_of, size_path

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


class VmMaxDataDisks(Rule):
    id = "AZV014"
    name = "vm-max-data-disks"
    category = "validation"
    default_severity = "error"
    resource_types = (VM, VMSS)
    summary = "A VM must not attach more data disks than its size supports."
    rationale = (
        "Every VM size has a maximum number of data disks (4 for a Standard_D2s_v5, 2 for a "
        "Standard_B1s). Attaching more fails the deployment (OperationNotAllowed). Choose a "
        "larger size or fewer, larger disks. Sizes come from armc's dated catalogue; sizes not "
        "in it are not checked."
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for resource in ctx.resources(VM, VMSS):
            disks = ctx.value(resource, *profile(resource), "storageProfile", "dataDisks")
            if not isinstance(disks, list):
                continue
            name, size = size_of(ctx, resource)
            if size is None or len(disks) <= size.max_data_disks:
                continue
            where = origin(ctx, resource, *size_path(resource), value=name)
            yield Finding.at(
                resource,
                f"{label(ctx, resource)} has {len(disks)} data disks but size {name}{where} allows "
                f"{size.max_data_disks}",
                *profile(resource),
                "storageProfile",
                "dataDisks",
                hint="use a larger size or fewer data disks",
            )
