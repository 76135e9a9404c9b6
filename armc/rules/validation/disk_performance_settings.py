"""AZV061: provisioned IOPS and throughput belong to Premium SSD v2 and Ultra disks."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.semantics.reader import display_name, known_text

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext

DISK = "microsoft.compute/disks"
PROVISIONED = ("premiumv2_lrs", "ultrassd_lrs")
LIMITS = {  # sku: (min IOPS, max IOPS, IOPS per GiB, min MB/s, max MB/s)
    "premiumv2_lrs": (3000, 80000, 500, 125, 2000),
    "ultrassd_lrs": (100, 400000, 300, 1, 10000),
}


class DiskPerformanceSettings(Rule):
    id = "AZV061"
    name = "disk-performance-settings"
    category = "validation"
    default_severity = "error"
    resource_types = (DISK,)
    summary = "`diskIOPSReadWrite`/`diskMBpsReadWrite` only on Premium SSD v2 and Ultra, in range."
    rationale = (
        "Premium SSD v2 and Ultra disks provision IOPS and throughput apart from capacity: "
        "Premium SSD v2 3,000 to 80,000 IOPS (500 per GiB) and 125 to 2,000 MB/s; Ultra 100 "
        "to 400,000 IOPS (300 per GiB) and 1 to 10,000 MB/s. Other disk types derive "
        "performance from their size tier, and Azure rejects the settings on them."
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for disk in ctx.resources(DISK):
            sku = (known_text(ctx, disk, "sku", "name") or "").lower()
            size = ctx.value(disk, "properties", "diskSizeGB")
            for member, index in (("diskIOPSReadWrite", 0), ("diskMBpsReadWrite", 3)):
                value = ctx.value(disk, "properties", member)
                if value is None or ctx.is_unknown(value) or not sku:
                    continue
                path = (*disk.path, "properties", member)
                name = display_name(ctx, disk)
                if sku not in PROVISIONED:
                    yield Finding(
                        f"disk '{name}' ({sku}) sets {member}, which only Premium SSD v2 and "
                        "Ultra disks take",
                        path,
                        disk.key,
                        hint="remove it, or use PremiumV2_LRS or UltraSSD_LRS",
                    )
                    continue
                if not isinstance(value, int) or isinstance(value, bool):
                    continue
                low, high = LIMITS[sku][index], LIMITS[sku][index + 1]
                if index == 0 and isinstance(size, int) and not isinstance(size, bool):
                    high = min(high, max(low, LIMITS[sku][2] * size))
                if not low <= value <= high:
                    yield Finding(
                        f"disk '{name}' has {member} {value}; {sku} takes {low} to {high} here",
                        path,
                        disk.key,
                    )
