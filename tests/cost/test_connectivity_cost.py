"""Cost of connectivity: NAT and VPN gateways are unpriced (the catalog has no prices for
them, and armc never estimates); their usage meters and the peerings' data transfer are listed
without an amount; connections and local network gateways are free."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from armc.cost.catalog import default_catalog
from armc.cost.estimate import LoadRequest, estimate_files

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def test_hybrid_network_sample() -> None:
    catalog = default_catalog()
    estimate = estimate_files(
        [SAMPLES / "hybrid-network.armc"], catalog, request=LoadRequest(region="westeurope")
    )
    by_name = {r.name: r for r in estimate.resources}
    assert by_name["egress"].unpriced == ["the catalog has no NAT gateway price in westeurope"]
    assert [line.description for line in by_name["egress"].lines] == ["NAT gateway data processed"]
    assert by_name["vpn"].unpriced == [
        "the catalog has no Vpn gateway price for VpnGw1AZ in westeurope"
    ]
    assert by_name["vpn"].sku == "VpnGw1AZ"
    for free in ("office", "hub-to-office"):
        assert by_name[free].status == "free"
    for peering in ("hub/hub-to-spoke", "spoke/spoke-to-hub"):
        (line,) = by_name[peering].lines
        assert line.unit == "GB" and line.monthly_usd is None
        assert by_name[peering].monthly_usd == 0
    # the only priced resource: D4s_v5 Linux 0.23 × 730 + OS disk P4 5.8072 (westeurope)
    assert estimate.total_monthly_usd == Decimal("0.23") * 730 + Decimal("5.8072")
