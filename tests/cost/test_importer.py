"""Importing Retail Prices API pages and the CSV snapshot; `armc prices update` against a local
HTTP server that serves recorded pages (paging with NextPageLink)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import parse_qs, urlparse

import pytest
from click.testing import CliRunner

from armc.cli import cli
from armc.cost.catalog import load_catalog
from armc.cost.importer import (
    ImportError_,
    entries_from_item,
    entry_from_csv_row,
    excluded,
    import_files,
    import_items,
    page_items,
)

PAGES = Path(__file__).parent / "fixtures" / "api"
PAGE_FILES = sorted(PAGES.glob("page*.json"))


def _items() -> list[dict[str, Any]]:
    return [i for p in PAGE_FILES for i in json.loads(p.read_text(encoding="utf-8"))["Items"]]


def _prices(result: Any) -> dict[tuple[str, ...], Decimal]:
    return {(e.service, e.region, e.sku, e.os, e.pricing, e.meter): e.usd for e in result.entries}


def test_recorded_pages_import_with_the_selection_rules() -> None:
    result = import_files(PAGE_FILES, as_of="2026-11-25")
    prices = _prices(result)
    assert prices == {
        ("vm", "westeurope", "Standard_D2s_v5", "linux", "payg", "D2s v5"): Decimal("0.115"),
        ("vm", "westeurope", "Standard_D2s_v5", "linux", "savings-plan-1y", "D2s v5"): Decimal(
            "0.0874"
        ),
        ("vm", "westeurope", "Standard_D2s_v5", "linux", "savings-plan-3y", "D2s v5"): Decimal(
            "0.0598"
        ),
        ("vm", "westeurope", "Standard_D2s_v5", "linux", "spot", "D2s v5 Spot"): Decimal(
            "0.021252"
        ),
        ("vm", "westeurope", "Standard_D2s_v5", "windows", "payg", "D2s v5"): Decimal("0.207"),
        # the Cloud Services product (0.178) never reaches the VM price
        ("vm", "westeurope", "Standard_D2as_v5", "linux", "payg", "D2as v5"): Decimal("0.096"),
        # the newest effectiveStartDate wins; the Expired meter is dropped
        ("vm", "westeurope", "Standard_B1s", "linux", "payg", "B1s"): Decimal("0.0114"),
        ("disk", "westeurope", "P10 LRS", "", "payg", "P10 LRS Disk"): Decimal("21.68"),
        (
            "public-ip",
            "westeurope",
            "Standard",
            "",
            "payg",
            "Standard IPv4 Static Public IP",
        ): Decimal("0.005"),
        ("public-ip", "westeurope", "Basic", "", "payg", "Basic IPv4 Dynamic Public IP"): Decimal(
            "0.004"
        ),
        ("bastion", "westeurope", "Standard", "", "payg", "Standard Gateway"): Decimal("0.29"),
        (
            "load-balancer",
            "global",
            "Standard",
            "",
            "payg",
            "Standard Included LB Rules and Outbound Rules",
        ): Decimal("0.025"),
        (
            "load-balancer",
            "global",
            "Standard",
            "",
            "payg",
            "Standard Overage LB Rules and Outbound Rules",
        ): Decimal("0.01"),
        ("load-balancer", "global", "Standard", "", "payg", "Standard Data Processed"): Decimal(
            "0.005"
        ),
    }
    # Low Priority, DevTest, Reservation, Cloud Services, Expired, disk mount/operations, Free IP
    assert result.skipped == 8
    assert all(e.as_of == "2026-11-25" and "Retail Prices API" in e.source for e in result.entries)


def test_round_trip_every_selected_item_keeps_its_exact_price(tmp_path: Path) -> None:
    """Pages → catalog file → catalog: every selected item's retailPrice (and savingsPlan
    prices) is found exactly, unless a newer item of the same key replaced it."""
    catalog_file = tmp_path / "c.json"
    catalog_file.write_text(import_files(PAGE_FILES, as_of="2026-11-25").catalog().dumps())
    catalog = load_catalog(catalog_file)
    by_key = {e.key[:5] if e.service == "vm" else e.key: e for e in catalog}
    newest: dict[tuple[str, ...], str] = {}
    selected = [(i, e) for i in _items() for e in entries_from_item(i, as_of="2026-11-25")]
    for item, entry in selected:
        key = entry.key[:5] if entry.service == "vm" else entry.key
        newest[key] = max(newest.get(key, ""), item["effectiveStartDate"])
    assert len(selected) == 15  # 14 prices, one of them twice (B1s)
    for item, entry in selected:
        key = entry.key[:5] if entry.service == "vm" else entry.key
        if item["effectiveStartDate"] == newest[key]:
            assert by_key[key].usd == entry.usd
        else:
            assert by_key[key].usd != entry.usd


@pytest.mark.parametrize(
    ("change", "skipped"),
    [
        ({"type": "DevTestConsumption"}, True),
        ({"isPrimaryMeterRegion": False}, True),
        ({"meterName": "D2s v5 Low Priority"}, True),
        ({"productName": "Dsv5 Series Cloud Services"}, True),
        ({"meterName": "D2s v5 - Expired"}, True),
        ({"meterName": "D2s v5 Free"}, True),
        ({}, False),
    ],
)
def test_exclusions(change: dict[str, str], skipped: bool) -> None:
    item = {
        "type": "Consumption",
        "serviceName": "Virtual Machines",
        "productName": "Virtual Machines Dsv5 Series",
        "meterName": "D2s v5",
        "skuName": "D2s v5",
    }
    assert excluded({**item, **change}) is skipped


def test_csv_rows_become_entries() -> None:
    row = {
        "service": "vm",
        "region": "westeurope",
        "sku": "Standard_D2s_v5",
        "os": "linux",
        "meter": "D2s v5 (savingsPlan 1 Year)",
        "unit": "1 Hour",
        "usd": "0.0874",
        "source_date": "2026-08-22",
        "source": "radar",
    }
    entry = entry_from_csv_row(row)
    assert entry is not None and entry.pricing == "savings-plan-1y" and entry.meter == "D2s v5"
    meter = "P10 LRS Disk (Premium SSD Managed Disks)"
    disk_row = {**row, "service": "disk", "sku": "P10 LRS", "os": "", "meter": meter}
    disk = entry_from_csv_row(disk_row)
    assert disk is not None and (disk.meter, disk.product) == (
        "P10 LRS Disk",
        "Premium SSD Managed Disks",
    )
    bracket = entry_from_csv_row(
        {**row, "meter": "[Linux pay-as-you-go; meterName not carried by source]"}
    )
    assert bracket is not None and bracket.meter == "" and bracket.pricing == "payg"


def test_savings_plan_shapes() -> None:
    """Pages carry `retailPrice` and `unitPrice` in savingsPlan; some only `unitPrice`."""
    item = {
        "type": "Consumption",
        "serviceName": "Virtual Machines",
        "productName": "Virtual Machines Dsv5 Series",
        "armRegionName": "eastus",
        "armSkuName": "Standard_D2s_v5",
        "meterName": "D2s v5",
        "skuName": "D2s v5",
        "unitOfMeasure": "1 Hour",
        "retailPrice": 0.096,
        "savingsPlan": [
            {"unitPrice": 0.0749, "term": "1 Year"},
            {"unitPrice": 0.05, "term": "5 Years"},
        ],
    }
    entries = entries_from_item(item, as_of="2026-11-25")
    assert [(e.pricing, e.usd) for e in entries] == [
        ("payg", Decimal("0.096")),
        ("savings-plan-1y", Decimal("0.0749")),
    ]


def test_bad_inputs_are_errors(tmp_path: Path) -> None:
    with pytest.raises(ImportError_, match="Items"):
        page_items({"value": []}, "x.json")
    bad = tmp_path / "x.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(ImportError_, match="columns"):
        import_files([bad], as_of="2026-01-01")


def test_duplicates_resolve_deterministically() -> None:
    items = _items()
    forward = import_items(items, as_of="d").catalog().dumps()
    backward = import_items(list(reversed(items)), as_of="d").catalog().dumps()
    assert forward == backward


# --- armc prices update against a local server --------------------------------------------


class _Recorded(BaseHTTPRequestHandler):
    pages: ClassVar[dict[str, bytes]] = {}
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        query = parse_qs(urlparse(self.path).query)
        self.requests.append(self.path)
        skip = query.get("$skip", ["0"])[0]
        body = self.pages.get(skip)
        if body is None:
            self.send_response(404)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Recorded)
    base = f"http://127.0.0.1:{httpd.server_address[1]}/api/retail/prices"
    _Recorded.pages = {
        skip: path.read_text(encoding="utf-8").replace("{base}", base).encode()
        for skip, path in zip(("0", "1000", "2000"), PAGE_FILES, strict=True)
    }
    _Recorded.requests = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield base
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


def test_prices_update_follows_next_page_links(server: str, tmp_path: Path) -> None:
    output = tmp_path / "prices.json"
    result = CliRunner().invoke(
        cli, ["prices", "update", "--region", "westeurope", "--endpoint", server, "-o", str(output)]
    )
    assert result.exit_code == 0, result.output
    catalog = load_catalog(output)
    # every filter query pages through the three recorded pages
    # VMs, 3 disk tiers, Premium SSD v2, Ultra, IPs, Bastion, VPN Gateway, Backup; then
    # Load Balancer, Azure DNS and NAT Gateway once
    assert sum("$skip=2000" in r for r in _Recorded.requests) == 13
    assert "%24filter=serviceName+eq+%27Virtual+Machines%27" in _Recorded.requests[0]
    assert "meterRegion=%27primary%27" in _Recorded.requests[0]
    disk = catalog.find("disk", "westeurope", "P10 LRS")
    assert disk is not None and disk.usd == Decimal("21.68")
    assert len(catalog) == 14


def test_prices_update_merges_into_a_base_catalog(server: str, tmp_path: Path) -> None:
    output = tmp_path / "prices.json"
    base = Path(__file__).resolve().parents[2] / "armc" / "cost" / "data" / "catalog.json"
    args = ["prices", "update", "--region", "westeurope", "--endpoint", server]
    result = CliRunner().invoke(cli, [*args, "--base", str(base), "-o", str(output)])
    assert result.exit_code == 0, result.output
    catalog = load_catalog(output)
    assert catalog.find("vm", "eastus", "Standard_D2s_v5", os="linux") is not None  # kept
    # westeurope VMs replaced: only the fetched sizes remain there
    assert {e.sku for e in catalog if e.service == "vm" and e.region == "westeurope"} == {
        "Standard_B1s",
        "Standard_D2as_v5",
        "Standard_D2s_v5",
    }


def test_prices_update_reports_network_errors(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli,
        [
            "prices",
            "update",
            "--region",
            "x",
            "--endpoint",
            "http://127.0.0.1:9/none",
            "--timeout",
            "2",
            "-o",
            str(tmp_path / "p.json"),
        ],
    )
    assert result.exit_code == 2
    assert "cannot update prices" in result.output
    assert not (tmp_path / "p.json").exists()


def test_prices_import_and_show(tmp_path: Path) -> None:
    output = tmp_path / "p.json"
    runner = CliRunner()
    result = runner.invoke(
        cli, ["prices", "import", *map(str, PAGE_FILES), "-o", str(output), "--as-of", "2026-11-25"]
    )
    assert result.exit_code == 0, result.output
    assert "14 prices (8 items skipped)" in result.output
    shown = runner.invoke(cli, ["prices", "show", "--catalog", str(output), "--service", "disk"])
    assert shown.output.split() == [
        "disk",
        "westeurope",
        "P10",
        "LRS",
        "payg",
        "21.68",
        "per",
        "1/Month",
        "(as",
        "of",
        "2026-11-25)",
    ]


# --- Premium SSD v2, Ultra and private DNS items ------------------------------------------------


def _api_item(**fields: Any) -> dict[str, Any]:
    base = {"type": "Consumption", "isPrimaryMeterRegion": True, "tierMinimumUnits": 0.0}
    return {**base, **fields}


def test_provisioned_disk_and_private_dns_items_are_selected() -> None:
    # fields as the API returns them (the radar westeurope storage snapshot, ACE's saved Ultra
    # response and the saved Azure DNS response cited in data/prices/SOURCE.md)
    v2 = {"serviceName": "Storage", "productName": "Azure Premium SSD v2", "skuName": "Premium LRS"}
    ultra = {"serviceName": "Storage", "productName": "Ultra Disks", "skuName": "Ultra LRS"}
    dns = {"serviceName": "Azure DNS", "productName": "Azure DNS", "skuName": "Private"}
    items = [
        _api_item(
            **v2,
            armRegionName="westeurope",
            meterName="Premium LRS Provisioned Capacity",
            retailPrice=0.00013,
            unitOfMeasure="1 GiB/Hour",
        ),
        _api_item(
            **v2,
            armRegionName="westeurope",
            meterName="Premium LRS Provisioned Throughput (MBps)",
            retailPrice=6.5e-05,
            unitOfMeasure="1/Hour",
        ),
        _api_item(
            serviceName="Storage",
            productName="Azure Premium SSD v2",
            skuName="Confidential Compute Encryption LRS",
            armRegionName="westeurope",
            meterName="Confidential Compute Encryption LRS Provisioned Capacity",
            retailPrice=0.000159,
            unitOfMeasure="1 GiB/Hour",
        ),
        _api_item(
            **ultra,
            armRegionName="westeurope",
            meterName="Ultra LRS Provisioned IOPS",
            retailPrice=8.8e-05,
            unitOfMeasure="1/Hour",
        ),
        _api_item(
            **ultra,
            armRegionName="westeurope",
            meterName="Ultra LRS Reservation per vCPU Provisioned",
            retailPrice=0.0078,
            unitOfMeasure="1/Hour",
        ),
        _api_item(
            **dns, armRegionName="", meterName="Private Zone", retailPrice=0.5, unitOfMeasure="1"
        ),
        _api_item(
            **dns,
            armRegionName="",
            meterName="Private Zone",
            retailPrice=0.1,
            unitOfMeasure="1",
            tierMinimumUnits=25.0,
        ),
        _api_item(
            **dns,
            armRegionName="US Gov Zone 1",
            meterName="Private Zone",
            retailPrice=0.63,
            unitOfMeasure="1",
        ),
        _api_item(
            **dns,
            armRegionName="Zone 1",
            meterName="Private Queries",
            retailPrice=0.4,
            unitOfMeasure="1M",
            isPrimaryMeterRegion=False,
        ),
        _api_item(
            **dns,
            armRegionName="",
            meterName="Private Queries",
            retailPrice=0.4,
            unitOfMeasure="1M",
        ),
    ]
    result = import_items(items, as_of="2026-11-25")
    assert _prices(result) == {
        (
            "disk-provisioned",
            "westeurope",
            "Premium LRS",
            "",
            "payg",
            "Premium LRS Provisioned Capacity",
        ): Decimal("0.00013"),
        (
            "disk-provisioned",
            "westeurope",
            "Premium LRS",
            "",
            "payg",
            "Premium LRS Provisioned Throughput (MBps)",
        ): Decimal("0.000065"),
        (
            "disk-provisioned",
            "westeurope",
            "Ultra LRS",
            "",
            "payg",
            "Ultra LRS Provisioned IOPS",
        ): Decimal("0.000088"),
        (
            "disk-provisioned",
            "westeurope",
            "Ultra LRS",
            "",
            "payg",
            "Ultra LRS Reservation per vCPU Provisioned",
        ): Decimal("0.0078"),
        # the first tier only (25+ zones at 0.1 would win the lower-price tie otherwise)
        ("private-dns", "global", "Private", "", "payg", "Private Zone"): Decimal("0.5"),
        ("private-dns", "global", "Private", "", "payg", "Private Queries"): Decimal("0.4"),
    }
    assert result.skipped == 4


def test_gateway_and_backup_items_are_selected_by_their_documented_meter_names() -> None:
    # meter names as the Retail Prices API uses them (prices here are test values)
    nat = {"serviceName": "NAT Gateway", "productName": "NAT Gateway", "skuName": "Standard"}
    vpn = {"serviceName": "VPN Gateway", "productName": "VPN Gateway"}
    backup = {"serviceName": "Backup", "productName": "Backup", "skuName": "Azure VM"}
    items = [
        _api_item(
            **nat,
            armRegionName="Global",
            meterName="Standard Gateway",
            retailPrice=1.5,
            unitOfMeasure="1 Hour",
        ),
        _api_item(
            **nat,
            armRegionName="Global",
            meterName="Standard Data Processed",
            retailPrice=0.5,
            unitOfMeasure="1 GB",
        ),
        _api_item(
            **vpn,
            skuName="VpnGw1AZ",
            armRegionName="westeurope",
            meterName="VpnGw1AZ",
            retailPrice=2.5,
            unitOfMeasure="1 Hour",
        ),
        _api_item(
            **vpn,
            skuName="Basic",
            armRegionName="westeurope",
            meterName="Basic Gateway",
            retailPrice=0.25,
            unitOfMeasure="1 Hour",
        ),
        _api_item(
            **vpn,
            skuName="VpnGw1AZ",
            armRegionName="westeurope",
            meterName="S2S Connection",
            retailPrice=9.0,
            unitOfMeasure="1 Hour",
        ),
        _api_item(
            **backup,
            armRegionName="westeurope",
            meterName="Azure VM Protected Instance",
            retailPrice=7.0,
            unitOfMeasure="1/Month",
        ),
        _api_item(
            serviceName="Backup",
            productName="Backup",
            skuName="Standard",
            armRegionName="westeurope",
            meterName="Standard LRS Data Stored",
            retailPrice=0.1,
            unitOfMeasure="1 GB/Month",
        ),
    ]
    assert _prices(import_items(items, as_of="2026-11-25")) == {
        ("nat-gateway", "global", "Standard", "", "payg", "Standard Gateway"): Decimal("1.5"),
        ("nat-gateway", "global", "Standard", "", "payg", "Standard Data Processed"): Decimal(
            "0.5"
        ),
        ("vpn-gateway", "westeurope", "VpnGw1AZ", "", "payg", "VpnGw1AZ"): Decimal("2.5"),
        ("vpn-gateway", "westeurope", "Basic", "", "payg", "Basic Gateway"): Decimal("0.25"),
        ("backup", "westeurope", "Azure VM", "", "payg", "Azure VM Protected Instance"): Decimal(
            "7.0"
        ),
    }
