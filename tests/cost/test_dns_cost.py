"""Cost of private DNS: each zone is unpriced (no zone or query prices in the catalog) with a
query usage line; its links and record sets are free."""

from __future__ import annotations

from pathlib import Path

from armc.cost.catalog import default_catalog
from armc.cost.estimate import LoadRequest, estimate_files

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "no-schema" / "private-dns.armc"


def test_private_dns_sample() -> None:
    catalog = default_catalog()
    estimate = estimate_files([SAMPLE], catalog, request=LoadRequest(region="westeurope"))
    by_name = {r.name: r for r in estimate.resources}
    zone = by_name["contoso.internal"]
    assert zone.unpriced == ["the catalog has no private DNS zone price"]
    assert [line.unit for line in zone.lines] == ["million queries"]
    for free in ("contoso.internal/app-link", "contoso.internal/tools-link", "contoso.internal/db"):
        assert by_name[free].status == "free", free
