"""AZC001: managed disk sizes should match a billing tier."""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.model.template import JsonPath, Resource
from armc.rules.base import Finding, Rule
from armc.rules.provenance import label
from armc.semantics.compute import VM, VMSS, profile
from armc.semantics.reader import known_list, known_text

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext

TIERS = [4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32767]
"""Sizes (GiB) of the Premium and Standard SSD billing tiers (P1/E1 to P80/E80)."""


class DiskSizeAlignment(Rule):
    id = "AZC001"
    name = "disk-size-alignment"
    category = "cost"
    default_severity = "info"
    summary = "Managed disk sizes should be a billing tier size (32, 64, 128... GiB)."
    rationale = (
        "Premium and Standard SSD disks are billed by tier: a 200 GiB disk costs as much as "
        "the 256 GiB tier it falls into. Size disks at a tier boundary and get the extra "
        "capacity (and IOPS) you already pay for. Ultra and Premium SSD v2 disks, billed "
        "per GiB, are not reported."
    )
    equivalents = ("psrule:Azure.VM.DiskSizeAlignment",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for disk in ctx.resources("Microsoft.Compute/disks"):
            yield from _check(ctx, disk, ("properties", "diskSizeGB"), ("sku", "name"))
        for resource in ctx.resources(VM, VMSS):
            storage = (*profile(resource), "storageProfile")
            disks = [(*storage, "osDisk")]
            disks += [p for p, _ in known_list(ctx, resource, *storage, "dataDisks")]
            for path in disks:
                kind = (*path, "managedDisk", "storageAccountType")
                yield from _check(ctx, resource, (*path, "diskSizeGB"), kind)


def _check(
    ctx: RuleContext, resource: Resource, path: JsonPath, kind: JsonPath
) -> Iterator[Finding]:
    size = ctx.value(resource, *path)
    if not isinstance(size, int) or isinstance(size, bool) or size <= 0 or size in TIERS:
        return
    sku = (known_text(ctx, resource, *kind) or "").lower()
    if sku.startswith(("ultrassd", "premiumv2")):
        return
    index = bisect.bisect_left(TIERS, size)
    if index >= len(TIERS):
        return
    tier = TIERS[index]
    yield Finding.at(
        resource,
        f"{label(ctx, resource)} has a {size} GiB disk, billed as the {tier} GiB tier",
        *path,
        hint=f"use {tier} GiB (same price) or {TIERS[index - 1]} GiB" if index else None,
    )
