"""The catalog format: schema, round trip, lookups, and the shipped catalog's provenance."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from armc.cost.catalog import (
    PRICINGS,
    SERVICES,
    Catalog,
    CatalogError,
    PriceEntry,
    catalog_schema,
    default_catalog,
    load_catalog,
    parse_catalog,
)
from armc.cost.importer import import_csv, import_files
from tests.conftest import SHARED

CSV = SHARED / "prices" / "azure-retail-prices.csv"
ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "armc" / "cost" / "data" / "catalog.json"
SUPPLEMENT = ROOT / "data" / "prices" / "supplement.csv"


def test_shipped_catalog_is_valid_and_every_entry_has_provenance() -> None:
    data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    assert parse_catalog(data).entries == default_catalog().entries  # validates
    catalog = default_catalog()
    assert len(catalog) == 574 + 18  # the shared snapshot + data/prices/supplement.csv
    assert all(e.source and len(e.as_of) == 10 for e in catalog)
    assert {e.service for e in catalog} == {
        "vm",
        "disk",
        "public-ip",
        "load-balancer",
        "bastion",
        "disk-provisioned",
        "dedicated-host",
        "private-dns",
    }
    bastion = catalog.find("bastion", "australiaeast", "Basic")
    assert bastion is not None and bastion.derived and bastion.usd == Decimal("0.19")


@pytest.mark.skipif(not CSV.is_file(), reason="../shared/prices is not present")
def test_shipped_catalog_is_the_importer_output_of_the_shared_csv_and_the_supplement() -> None:
    # armc prices import ../shared/prices/azure-retail-prices.csv data/prices/supplement.csv
    #   -o armc/cost/data/catalog.json
    built = import_files([CSV, SUPPLEMENT], as_of="2000-01-01").catalog().dumps()
    assert built == SHIPPED.read_text(encoding="utf-8")


def test_every_supplement_price_names_its_source_commit_and_date() -> None:
    result = import_csv(SUPPLEMENT)
    assert result.skipped == 0 and len(result.entries) == 18
    for entry in result.entries:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", entry.as_of), entry
        assert re.match(r"github\.com/[\w.-]+/[\w.-]+ \S+ @ [0-9a-f]{40} \(", entry.source), entry
        assert not entry.derived, entry  # every supplement row is a raw API value
    metered = [e for e in result.entries if e.service != "vm" and e.service != "dedicated-host"]
    assert all(e.meter and e.product for e in metered)  # the API meterName and productName


def test_supplement_lookups() -> None:
    catalog = default_catalog()
    host = catalog.find_sku_like("dedicated-host", "WestEurope", "DSv5-Type1")
    assert host is not None and host.sku == "Dsv5_Type1" and host.usd == Decimal("6.325")
    assert catalog.find_sku_like("dedicated-host", "eastus", "DSv5-Type1") is None
    v2 = catalog.find_all("disk-provisioned", "westeurope", "Premium LRS")
    assert [e.meter for e in v2] == [
        "Premium LRS Provisioned Capacity",
        "Premium LRS Provisioned IOPS",
        "Premium LRS Provisioned Throughput (MBps)",
    ]
    zone = catalog.find("private-dns", "global", "Private", meter="Private Zone")
    assert zone is not None and zone.usd == Decimal("0.5") and zone.product == "Azure DNS"


def test_schema_enums_match_the_code() -> None:
    entry = catalog_schema()["$defs"]["entry"]["properties"]
    assert tuple(entry["service"]["enum"]) == SERVICES
    assert tuple(entry["pricing"]["enum"]) == PRICINGS


def test_lookups_are_case_insensitive_and_keep_pricing_apart() -> None:
    catalog = default_catalog()
    payg = catalog.find("vm", "WestEurope", "standard_d2s_v5", os="linux")
    spot = catalog.find("vm", "westeurope", "Standard_D2s_v5", os="linux", pricing="spot")
    plan = catalog.find(
        "vm", "westeurope", "Standard_D2s_v5", os="linux", pricing="savings-plan-1y"
    )
    assert payg is not None and payg.usd == Decimal("0.115") and payg.meter == "D2s v5"
    assert spot is not None and spot.usd == Decimal("0.021252") and spot.meter == "D2s v5 Spot"
    assert plan is not None and plan.usd == Decimal("0.0874")
    assert (
        catalog.find("vm", "westeurope", "Standard_D2s_v5", os="linux", pricing="savings-plan-3y")
        is None
    )
    disk = catalog.find("disk", "eastus", "P10 LRS")
    assert (
        disk is not None and disk.unit == "1/Month" and disk.product == "Premium SSD Managed Disks"
    )


def test_dump_and_load_round_trip_exactly(tmp_path: Path) -> None:
    path = tmp_path / "catalog.json"
    path.write_text(default_catalog().dumps(), encoding="utf-8")
    again = load_catalog(path)
    assert again.entries == default_catalog().entries
    assert again.dumps() == default_catalog().dumps()


def test_invalid_catalogs_are_errors(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    entry = PriceEntry(
        "vm", "eastus", "X", "linux", "payg", "", "1 Hour", Decimal(1), "2026-01-01", "s"
    )
    document = Catalog([entry]).to_json()
    document["entries"][0]["usd"] = "1e3"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(CatalogError, match="usd"):
        load_catalog(path)
    path.write_text("{", encoding="utf-8")
    with pytest.raises(CatalogError, match="cannot read"):
        load_catalog(path)


def test_merged_replaces_whole_region_service_groups() -> None:
    def entry(region: str, sku: str, usd: str) -> PriceEntry:
        return PriceEntry(
            "vm", region, sku, "linux", "payg", "", "1 Hour", Decimal(usd), "2026-01-01", "s"
        )

    old = Catalog([entry("eastus", "A", "1"), entry("eastus", "B", "2"), entry("westus", "A", "3")])
    new = Catalog([entry("eastus", "A", "5")])
    merged = old.merged(new)
    assert [(e.region, e.sku, e.usd) for e in merged] == [
        ("eastus", "A", Decimal(5)),
        ("westus", "A", Decimal(3)),
    ]
    assert merged.as_of_range == "2026-01-01"
