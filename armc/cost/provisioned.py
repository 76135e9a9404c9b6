"""Premium SSD v2 and Ultra disks: billed per hour for what is provisioned, not by tier.

Each disk is three hourly meters of the price catalog's `disk-provisioned` service:

* capacity, per GiB-hour. Premium SSD v2 bills the size as provisioned; an Ultra disk bills
  the next size of its billing ladder (4, 8, 16 ... 512 GiB, then whole TiB: Azure's
  published increments, the ones PSRule's `Azure.VM.DiskSizeAlignment` checks);
* IOPS, per IOPS-hour. Premium SSD v2 includes 3,000 IOPS free, so only what is above is
  billed; an Ultra disk bills every provisioned IOPS;
* throughput, per MB/s-hour. Premium SSD v2 includes 125 MB/s free; Ultra bills all of it.

A Premium SSD v2 disk that does not set its IOPS or throughput gets the free baseline (noted).
An Ultra disk that does not set them is unpriced for that part: Azure picks a default from
the size, which armc does not guess. A missing price is unpriced, never borrowed."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from armc.cost.pricing import Job

SERVICE = "disk-provisioned"


@dataclass(frozen=True)
class ProvisionedKind:
    name: str
    """How the disk type is shown: "Premium SSD v2"."""
    sku: str
    """The price API skuName of its meters: "Premium LRS"."""
    free_iops: int
    free_mbps: int
    ladder: bool
    """True when the capacity is billed at the next size of the Ultra ladder."""

    def meter(self, part: str) -> str:
        return f"{self.sku} Provisioned {part}"


KINDS = {
    "premiumv2_lrs": ProvisionedKind("Premium SSD v2", "Premium LRS", 3000, 125, False),
    "ultrassd_lrs": ProvisionedKind("Ultra Disk", "Ultra LRS", 0, 0, True),
}
"""storageAccountType (lower case) -> how it is billed."""

_ULTRA_SMALL = (4, 8, 16, 32, 64, 128, 256, 512)
_TIB = 1024


def ultra_billed_size(size_gib: int) -> int:
    """The size an Ultra disk is billed at: the next of 4 ... 512 GiB, then whole TiB."""
    for size in _ULTRA_SMALL:
        if size_gib <= size:
            return size
    return -(-size_gib // _TIB) * _TIB


def _known_int(job: Job, value: Any) -> int | None:
    if isinstance(value, bool) or not job.known(value):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def price_provisioned_disk(
    job: Job, label: str, kind: ProvisionedKind, size: Any, iops: Any, mbps: Any
) -> None:
    """Capacity, IOPS and throughput lines of one Premium SSD v2 or Ultra disk."""
    size_gib = _known_int(job, size)
    if size_gib is None:
        job.cost.unpriced.append(f"{label}: the size is not known before deployment")
        return
    region = job.region
    if job.options.catalog.find(SERVICE, region, kind.sku, meter=kind.meter("Capacity")) is None:
        job.cost.unpriced.append(f"{label}: the catalog has no {kind.name} prices in {region}")
        return
    billed = ultra_billed_size(size_gib) if kind.ladder else size_gib
    how = f"{size_gib} GiB" if billed == size_gib else f"{size_gib} GiB → billed as {billed} GiB"
    _part(job, label, kind, "Capacity", f"capacity ({how})", "GiB-hours", Decimal(billed))
    for part, value, free, unit, word in (
        ("IOPS", iops, kind.free_iops, "IOPS-hours", "IOPS"),
        ("Throughput (MBps)", mbps, kind.free_mbps, "MBps-hours", "MB/s"),
    ):
        amount = None if value is None else _known_int(job, value)
        if value is None and free:
            job.cost.notes.append(f"{label}: {word} not set, the free {free:,} {word} assumed")
            continue
        if amount is None:
            job.cost.unpriced.append(
                f"{label}: the provisioned {word} is not set or not known before deployment"
            )
            continue
        billed_amount = max(amount - free, 0)
        if free and billed_amount == 0:
            continue  # within what the capacity includes
        what = f"{word} above the free {free:,}" if free else f"provisioned {word}"
        _part(job, label, kind, part, f"{what} ({billed_amount:,})", unit, Decimal(billed_amount))


def _part(
    job: Job,
    label: str,
    kind: ProvisionedKind,
    part: str,
    what: str,
    unit: str,
    quantity: Decimal,
) -> None:
    region = job.region
    meter = kind.meter(part)
    entry = job.options.catalog.find(SERVICE, region, kind.sku, meter=meter)
    if entry is None:
        job.cost.unpriced.append(f"{label}: the catalog has no '{meter}' price in {region}")
        return
    count = f"{job.count} × " if job.count != 1 else ""
    job.metered(f"{count}{label} {kind.name} {what}", unit, entry, quantity * job.options.hours)
