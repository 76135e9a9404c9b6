"""Cost of disks: a shared disk is billed once, Premium SSD v2 is unpriced (the catalog has no
capacity, IOPS or throughput meters for it), an ephemeral OS disk costs nothing, and disk
encryption sets have no charge of their own."""

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
    assert by_name["pgdata"].unpriced == ["disk: the catalog has no PremiumV2_LRS disk prices"]
    assert by_name["quorum"].monthly_usd == Decimal("41.811428")  # P15, billed once
    assert "ephemeral OS disk: no disk charge" in by_name["workers"].notes
    e4 = Decimal("0.304") * 730  # Standard_E4s_v5 Linux, westeurope
    assert by_name["pg-0"].monthly_usd == e4 + Decimal("11.2272")  # + OS disk P6 (64 GiB)
    assert by_name["pg-primary-data"].monthly_usd == e4 + Decimal("5.8072")  # + P4 (30 GiB)
