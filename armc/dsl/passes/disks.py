"""Disk checks: Premium SSD v2 and Ultra performance (IOPS, MB/s), shared disks (`max-shares`
and how many VMs attach them), ephemeral OS disks, and disk encryption sets.

Limits (Azure's published ones): Premium SSD v2 has 3,000 to 80,000 IOPS, at most 500 per GiB,
and 125 to 2,000 MB/s, at most 0.25 MB/s per IOPS; Ultra has 100 to 400,000 IOPS, at most 300
per GiB, and 1 to 10,000 MB/s. A shared disk (`maxShares` > 1) is Premium SSD, Standard SSD,
Premium SSD v2 or Ultra; Premium and Standard SSD from 256 GiB (P15/E15)."""

from __future__ import annotations

from dataclasses import dataclass

from armc.diagnostics import Diagnostics, Related
from armc.dsl import ir
from armc.dsl.codes import report
from armc.dsl.passes.names import resolve
from armc.dsl.passes.symbols import Symbols
from armc.source import Span

MAX_SHARES = 15
MIN_SHARED_SSD_GIB = 256


@dataclass(frozen=True, slots=True)
class Performance:
    """Provisioned performance limits of a disk type."""

    label: str
    iops: tuple[int, int]
    iops_per_gib: int
    mbps: tuple[int, int]
    mbps_per_iops: float | None


PERFORMANCE = {
    "premium-v2": Performance("Premium SSD v2", (3000, 80000), 500, (125, 2000), 0.25),
    "ultra": Performance("Ultra Disk", (100, 400000), 300, (1, 10000), None),
}
EPHEMERAL_PLACEMENTS = {"resource": "ResourceDisk", "cache": "CacheDisk", "nvme": "NvmeDisk"}


def number(word: ir.Word | None) -> int | None:
    return int(word.text) if word is not None and word.text.isdigit() else None


class DiskChecks:
    def __init__(self, symbols: Symbols, diagnostics: Diagnostics) -> None:
        self.symbols = symbols
        self.diagnostics = diagnostics

    def error(self, message: str, span: Span, hint: str | None = None) -> None:
        report(self.diagnostics, "DSL311", message, span, hint=hint)

    def run(self, module: ir.Module) -> None:
        attached: dict[str, list[tuple[ir.Word, int]]] = {}
        for declaration in module.declarations:
            if isinstance(declaration, ir.DiskDecl):
                self.disk(declaration)
            elif isinstance(declaration, ir.ComputeDecl):
                self.compute(declaration)
                instances = self._instances(declaration)
                for word in declaration.attach:
                    attached.setdefault(word.text, []).append((word, instances))
        for name, uses in attached.items():
            disk = self.symbols.declaration("disk", name)
            if not isinstance(disk, ir.DiskDecl):
                continue
            shares = number(disk.max_shares) or 1
            total = 0
            for word, instances in uses:
                total += instances
                if total > shares:
                    report(
                        self.diagnostics,
                        "DSL311",
                        f"disk '{name}' is attached to {total} VMs but shared by at most {shares}",
                        word.span,
                        hint=f"set 'max-shares {total}' on disk '{name}' (a shared disk)"
                        if total <= MAX_SHARES
                        else None,
                        related=[Related(disk.common.name_span, "the disk")],
                    )
                    break

    def _instances(self, compute: ir.ComputeDecl) -> int:
        count = compute.common.count
        if count is None:
            return 1
        if isinstance(count, ir.Literal) and isinstance(count.value, int):
            return count.value
        return 1

    def disk(self, disk: ir.DiskDecl) -> None:
        kind = disk.sku.text.lower()
        size = ir.literal_text(disk.size)
        gib = int(size) if size is not None and size.isdigit() else None
        limits = PERFORMANCE.get(kind)
        for word, what in ((disk.iops, "iops"), (disk.mbps, "mbps")):
            if word is None:
                continue
            if limits is None:
                self.error(
                    f"'{what}' is provisioned on premium-v2 and ultra disks, not {disk.sku.text}",
                    word.span,
                )
            elif number(word) is None:
                self.error(f"'{what}' is a whole number", word.span)
        if limits is not None:
            self._performance(disk, limits, gib)
        if disk.max_shares is not None:
            self._shares(disk, kind, gib)
        if disk.encryption is not None:
            resolve(self.symbols, "des", disk.encryption, self.diagnostics)

    def _performance(self, disk: ir.DiskDecl, limits: Performance, gib: int | None) -> None:
        iops, mbps = number(disk.iops), number(disk.mbps)
        if iops is not None and disk.iops is not None:
            low, high = limits.iops
            if gib is not None:
                high = min(high, max(low, limits.iops_per_gib * gib))
            if not low <= iops <= high:
                self.error(
                    f"{limits.label} of {gib} GiB takes {low} to {high} IOPS"
                    f" ({limits.iops_per_gib} per GiB), not {iops}",
                    disk.iops.span,
                )
        if mbps is not None and disk.mbps is not None:
            low, high = limits.mbps
            if limits.mbps_per_iops is not None:
                base = iops if iops is not None else limits.iops[0]
                high = min(high, max(low, int(base * limits.mbps_per_iops)))
            if not low <= mbps <= high:
                self.error(
                    f"{limits.label} takes {low} to {high} MB/s here, not {mbps}",
                    disk.mbps.span,
                    hint="throughput is at most 0.25 MB/s per provisioned IOPS"
                    if limits.mbps_per_iops
                    else None,
                )

    def _shares(self, disk: ir.DiskDecl, kind: str, gib: int | None) -> None:
        assert disk.max_shares is not None
        shares = number(disk.max_shares)
        if shares is None or not 1 <= shares <= MAX_SHARES:
            self.error(f"'max-shares' is 1 to {MAX_SHARES}", disk.max_shares.span)
            return
        if shares == 1:
            return
        if kind == "standard-hdd":
            self.error("Standard HDD disks cannot be shared", disk.max_shares.span)
        elif (
            kind.startswith(("premium", "standard-ssd"))
            and kind != "premium-v2"
            and gib is not None
            and gib < MIN_SHARED_SSD_GIB
        ):
            self.error(
                f"a shared {disk.sku.text} disk needs {MIN_SHARED_SSD_GIB} GiB or more "
                f"(P15/E15), not {gib}",
                disk.size.span,
            )

    def compute(self, compute: ir.ComputeDecl) -> None:
        if compute.disk_encryption is not None:
            resolve(self.symbols, "des", compute.disk_encryption, self.diagnostics)
        os_disk = compute.os_disk
        if os_disk is None or os_disk.sku.text.lower() != "ephemeral":
            return
        placement = ir.literal_text(os_disk.size)
        if placement is not None and placement not in EPHEMERAL_PLACEMENTS:
            self.error(
                f"'{placement}' is not an ephemeral OS disk placement "
                f"({', '.join(EPHEMERAL_PLACEMENTS)})",
                os_disk.size.span,
            )
        spot = compute.spot
        if spot is not None and (spot.eviction is None or spot.eviction.text == "deallocate"):
            self.error(
                "a Spot VM with an ephemeral OS disk cannot be deallocated: use 'spot delete'",
                spot.eviction.span if spot.eviction else spot.span,
            )
        if compute.disk_encryption is not None:
            self.error(
                "an ephemeral OS disk lives on the host: encrypt it with 'encryption-at-host', "
                "not a disk encryption set",
                compute.disk_encryption.span,
            )


def check_disks(module: ir.Module, symbols: Symbols, diagnostics: Diagnostics) -> None:
    DiskChecks(symbols, diagnostics).run(module)
