"""Cost of private DNS: each zone pays the global monthly zone fee (Azure DNS 'Private Zone',
$0.50, the first 25 zones of a subscription) with a query usage line at the 'Private Queries'
price; its links and record sets are free."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from armc.cost.catalog import default_catalog
from armc.cost.estimate import LoadRequest, estimate_files

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "no-schema" / "private-dns.armc"


def test_private_dns_sample() -> None:
    catalog = default_catalog()
    estimate = estimate_files([SAMPLE], catalog, request=LoadRequest(region="westeurope"))
    by_name = {r.name: r for r in estimate.resources}
    zone = by_name["contoso.internal"]
    assert zone.status == "priced" and zone.unpriced == []
    assert zone.monthly_usd == Decimal("0.5")
    fee, queries = zone.lines
    assert (fee.unit, fee.quantity, fee.entry and fee.entry.meter) == (
        "zone-months",
        Decimal(1),
        "Private Zone",
    )
    assert fee.entry is not None and fee.entry.region == "global"
    assert queries.unit == "million queries" and queries.usage
    assert queries.unit_usd == Decimal("0.4") and queries.monthly_usd is None
    for free in ("contoso.internal/app-link", "contoso.internal/tools-link", "contoso.internal/db"):
        assert by_name[free].status == "free", free
