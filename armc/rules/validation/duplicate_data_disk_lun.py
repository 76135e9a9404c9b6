"""AZV016: data disks of a VM need distinct LUNs."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.rules.provenance import label
from armc.semantics.compute import VM, VMSS, profile
from armc.semantics.reader import known_list

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


class DuplicateDataDiskLun(Rule):
    id = "AZV016"
    name = "duplicate-data-disk-lun"
    category = "validation"
    default_severity = "error"
    resource_types = (VM, VMSS)
    summary = "Each data disk of a VM must have its own LUN."
    rationale = (
        "The logical unit number identifies a data disk on the VM's SCSI controller; two "
        "disks with the same `lun` make the deployment fail."
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for resource in ctx.resources(VM, VMSS):
            seen: dict[int, tuple[str | int, ...]] = {}
            storage = (*profile(resource), "storageProfile", "dataDisks")
            for path, _ in known_list(ctx, resource, *storage):
                lun = ctx.value(resource, *path, "lun")
                if not isinstance(lun, int) or isinstance(lun, bool):
                    continue
                first = seen.setdefault(lun, path)
                if first == path:
                    continue
                yield Finding(
                    f"{label(ctx, resource)} has two data disks with LUN {lun}",
                    (*resource.path, *path, "lun"),
                    resource.key,
                    related=(((*resource.path, *first, "lun"), "the first disk with this LUN"),),
                )
