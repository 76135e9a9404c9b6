"""Cost of bootstrapping: extensions, rule associations and schedules are free; a data
collection rule lists the workspace's ingestion as a usage line, never an amount."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from armc.cost.catalog import default_catalog
from armc.cost.estimate import LoadRequest, estimate_files

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def test_bootstrap_sample() -> None:
    catalog = default_catalog()
    estimate = estimate_files(
        [SAMPLES / "bootstrap.armc"], catalog, request=LoadRequest(region="westeurope")
    )
    by_name = {r.name: r for r in estimate.resources}
    (line,) = by_name["vm-logs"].lines
    assert line.unit == "GB" and line.monthly_usd is None
    for free in (
        "web-0/custom-script",
        "web-0/GuestAttestation",
        "web-0/AzureMonitorLinuxAgent",
        "web-0-vm-logs",
        "shutdown-computevm-agent",
    ):
        assert by_name[free].status == "free", free
    vm = Decimal("0.115") * 730 + Decimal("5.8072")  # D2s_v5 Linux + OS disk P4, westeurope
    assert estimate.total_monthly_usd == 3 * vm
    assert not estimate.unpriced
