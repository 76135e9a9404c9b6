"""Cost of disks: a shared disk is billed once, Premium SSD v2 is billed for its capacity and
for the IOPS and throughput above the free 3,000 IOPS and 125 MB/s, an ephemeral OS disk
costs nothing, and disk encryption sets have no charge of their own."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from armc.cost.catalog import default_catalog
from armc.cost.estimate import LoadRequest, estimate_files

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def test_disks_sample() -> None:
    catalog = default_catalog()
    estimate = estimate_files(
        [SAMPLES / "disks.armc"], catalog, request=LoadRequest(region="westeurope")
    )
    by_name = {r.name: r for r in estimate.resources}
    assert by_name["cmk"].status == "free"
    # 512 GiB, 12,000 IOPS, 400 MB/s in westeurope, 730 hours
    capacity = 512 * 730 * Decimal("0.00013")
    iops = (12000 - 3000) * 730 * Decimal("0.000008")
    mbps = (400 - 125) * 730 * Decimal("0.000065")
    assert by_name["pgdata"].unpriced == []
    assert [line.monthly_usd for line in by_name["pgdata"].lines] == [capacity, iops, mbps]
    assert by_name["pgdata"].monthly_usd == Decimal("114.19755")
    assert by_name["quorum"].monthly_usd == Decimal("41.811428")  # P15, billed once
    assert "ephemeral OS disk: no disk charge" in by_name["workers"].notes
    e4 = Decimal("0.304") * 730  # Standard_E4s_v5 Linux, westeurope
    assert by_name["pg-0"].monthly_usd == e4 + Decimal("11.2272")  # + OS disk P6 (64 GiB)
    assert by_name["pg-primary-data"].monthly_usd == e4 + Decimal("5.8072")  # + P4 (30 GiB)
    assert by_name["workers"].monthly_usd == 2 * Decimal("0.272") * 730  # 2 × D4ds_v5 Linux
