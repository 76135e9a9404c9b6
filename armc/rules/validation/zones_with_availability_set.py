"""AZV010: a VM is either zonal or in an availability set, never both."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.rules.provenance import label
from armc.semantics.compute import VM

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


class ZonesWithAvailabilitySet(Rule):
    id = "AZV010"
    name = "zones-with-availability-set"
    category = "validation"
    default_severity = "error"
    resource_types = (VM,)
    summary = "A VM cannot be both in an availability zone and in an availability set."
    rationale = (
        "Availability sets spread VMs over fault domains inside one datacenter; availability "
        "zones place a VM in one zone. Azure rejects a VM that names both "
        "(`zones` and `properties.availabilitySet`). Use zones where the region has them."
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for vm in ctx.resources(VM):
            zones = ctx.value(vm, "zones")
            avset = ctx.value(vm, "properties", "availabilitySet")
            if avset is None or ctx.is_unknown(avset):
                continue
            if not isinstance(zones, list) or not zones:
                continue
            yield Finding(
                f"{label(ctx, vm)} is placed in zone(s) and in an availability set",
                (*vm.path, "zones"),
                vm.key,
                hint="remove the availability set (zones already spread the VMs) or the zones",
                related=(((*vm.path, "properties", "availabilitySet"), "the availability set"),),
            )
