"""Build catalogs from Azure Retail Prices API pages, or from the shared CSV snapshot.

API pages are the JSON the API returns (`{"Items": [...], "NextPageLink": ..., "Count": n}`);
each item has `armRegionName`, `armSkuName`, `serviceName`, `productName`, `skuName`,
`meterName`, `unitOfMeasure`, `retailPrice`, `type`, `effectiveStartDate` and, with
api-version 2023-01-01-preview, `savingsPlan` ([{"term": "1 Year", "retailPrice": ...}]).

Selection (so that nothing pollutes VM prices): only `type` Consumption and primary meter
regions (`meterRegion='primary'` in queries); never Cloud Services
products, "Low Priority", "Expired", "Free" or promo meters. VM items become `vm` entries
(Windows when the product name ends with " Windows"; the " Spot" meter is the `spot` price;
savingsPlan terms are `savings-plan-1y`/`-3y`); managed disk "<tier> LRS Disk" meters, public
IP meters, the Standard load balancer meters, Bastion gateway meters, the provisioned capacity,
IOPS and throughput meters of Premium SSD v2 and Ultra disks, the global private DNS zone and
query meters, the NAT gateway meters, the VPN gateway hourly meters and the Azure VM Backup
protected-instance meter become their services. Only the first volume tier (`tierMinimumUnits` 0) is
kept. Everything else is skipped and counted.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from armc.cost.catalog import GLOBAL, Catalog, PriceEntry

API_URL = "https://prices.azure.com/api/retail/prices"
API_VERSION = "2023-01-01-preview"
API_SOURCE = "Azure Retail Prices API (prices.azure.com, api-version 2023-01-01-preview)"
DISK_PRODUCTS = (
    "Standard HDD Managed Disks",
    "Standard SSD Managed Disks",
    "Premium SSD Managed Disks",
)
PROVISIONED_PRODUCTS = ("Azure Premium SSD v2", "Ultra Disks")
"""Disks billed by provisioned capacity, IOPS and throughput (service `disk-provisioned`)."""
_PROVISIONED_METER = re.compile(
    r"(Premium|Ultra) LRS (Provisioned (Capacity|IOPS|Throughput \(MBps\))"
    r"|Reservation per vCPU Provisioned)"
)
PRIVATE_DNS_METERS = ("Private Zone", "Private Queries")
NAT_METERS = ("Standard Gateway", "Standard Data Processed")
"""The NAT gateway meters, published for region Global only."""
_EXCLUDED_WORDS = re.compile(r"\b(low priority|expired|free|promo)\b", re.IGNORECASE)


class ImportError_(Exception):
    """An input file that is not an API page or a price CSV (named so as not to shadow
    the builtin ImportError)."""


@dataclass
class ImportResult:
    entries: list[PriceEntry] = field(default_factory=list)
    skipped: int = 0
    """Items read but not selected (other services, excluded meters, other price types)."""

    def catalog(self) -> Catalog:
        return Catalog(self.entries)


# --- Retail Prices API items -----------------------------------------------------------------


def excluded(item: Mapping[str, Any]) -> bool:
    """Items that never price a resource: non-Consumption, non-primary meter regions, Cloud
    Services, Low Priority, Expired, Free and promo meters."""
    if item.get("type") != "Consumption" or item.get("isPrimaryMeterRegion") is False:
        return True
    product = str(item.get("productName", ""))
    if "cloud services" in product.lower():
        return True
    names = " ".join(str(item.get(k, "")) for k in ("meterName", "skuName", "productName"))
    return bool(_EXCLUDED_WORDS.search(names))


def _service(item: Mapping[str, Any]) -> str | None:
    service = str(item.get("serviceName", ""))
    product = str(item.get("productName", ""))
    meter = str(item.get("meterName", ""))
    if service == "Virtual Machines" and product.startswith("Virtual Machines"):
        return "vm"
    if product in DISK_PRODUCTS and re.fullmatch(r"[PES]\d+ LRS Disk", meter):
        return "disk"
    if product == "IP Addresses" and meter.endswith("Public IP"):
        return "public-ip"
    if product == "Load Balancer" and ("LB Rules" in meter or "Data Processed" in meter):
        return "load-balancer"
    if service == "Azure Bastion" and meter.endswith("Gateway"):
        return "bastion"
    if product in PROVISIONED_PRODUCTS and _PROVISIONED_METER.fullmatch(meter):
        return "disk-provisioned"
    if service == "Azure DNS" and meter in PRIVATE_DNS_METERS and not item.get("armRegionName"):
        return "private-dns"  # published once, with an empty armRegionName
    if service == "NAT Gateway" and meter in NAT_METERS:
        return "nat-gateway"
    sku = str(item.get("skuName", ""))
    if service == "VPN Gateway" and (meter == sku or meter == f"{sku} Gateway"):
        return "vpn-gateway"  # the gateway's hourly meter (not the S2S/P2S connections)
    if service == "Backup" and product == "Backup" and meter == "Azure VM Protected Instance":
        return "backup"
    return None


def entries_from_item(
    item: Mapping[str, Any], *, as_of: str, source: str = API_SOURCE
) -> list[PriceEntry]:
    """The catalog entries of one API item ([] when it is not selected)."""
    if excluded(item) or _tier_above_zero(item):
        return []
    service = _service(item)
    if service is None:
        return []
    try:
        price = Decimal(str(item["retailPrice"]))
    except (KeyError, InvalidOperation):
        return []
    region = str(item.get("armRegionName", "")).lower() or GLOBAL
    meter = str(item.get("meterName", ""))
    product = str(item.get("productName", ""))
    unit = str(item.get("unitOfMeasure", ""))
    os = ""
    pricing = "payg"
    sku = str(item.get("skuName", ""))
    if service == "vm":
        sku = str(item.get("armSkuName", ""))
        if not sku:
            return []
        os = "windows" if product.endswith(" Windows") else "linux"
        if meter.endswith(" Spot") or str(item.get("skuName", "")).endswith(" Spot"):
            pricing = "spot"
    base = PriceEntry(service, region, sku, os, pricing, meter, unit, price, as_of, source, product)
    entries = [base]
    if pricing == "payg":
        for plan in item.get("savingsPlan") or ():
            term = _plan_term(plan.get("term"))
            price_value = plan.get("retailPrice", plan.get("unitPrice"))
            if term is None or price_value is None:
                continue
            entries.append(
                PriceEntry(
                    service,
                    region,
                    sku,
                    os,
                    term,
                    meter,
                    unit,
                    Decimal(str(price_value)),
                    as_of,
                    source,
                    product,
                )
            )
    return entries


def _tier_above_zero(item: Mapping[str, Any]) -> bool:
    """A volume tier's price (`tierMinimumUnits` > 0: private DNS zones above 25, queries
    above a billion): armc prices the first tier, so a tier's lower price never replaces it."""
    try:
        return Decimal(str(item.get("tierMinimumUnits") or 0)) > 0
    except InvalidOperation:
        return True


def _plan_term(term: Any) -> str | None:
    """ "1 Year" -> savings-plan-1y, "3 Years" (or "3 Year") -> savings-plan-3y."""
    match = re.fullmatch(r"([13]) years?", str(term).strip().lower())
    return f"savings-plan-{match[1]}y" if match else None


def import_items(
    items: Iterable[Mapping[str, Any]], *, as_of: str, source: str = API_SOURCE
) -> ImportResult:
    """Select and convert API items. When two items give the same key, the one with the
    latest effectiveStartDate wins (ties: the lower price), so the result is deterministic."""
    result = ImportResult()
    chosen: dict[tuple[str, ...], tuple[str, Decimal, PriceEntry]] = {}
    for item in items:
        found = entries_from_item(item, as_of=as_of, source=source)
        if not found:
            result.skipped += 1
            continue
        start = str(item.get("effectiveStartDate", ""))
        for entry in found:
            # one price per VM size/OS/pricing, whatever the meter; other services by meter
            key = entry.key[:5] if entry.service == "vm" else entry.key
            rank = (start, -entry.usd)
            current = chosen.get(key)
            if current is None or rank > (current[0], -current[1]):
                chosen[key] = (start, entry.usd, entry)
    result.entries = [entry for _, _, entry in chosen.values()]
    return result


def page_items(page: Any, name: str = "<page>") -> list[Mapping[str, Any]]:
    """The items of one saved API page (a `{"Items": [...]}` object or a bare list)."""
    items = page.get("Items") if isinstance(page, dict) else page
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise ImportError_(f"{name}: not a Retail Prices API page (no 'Items' array)")
    return items


# --- the shared CSV snapshot -----------------------------------------------------------------

CSV_COLUMNS = ("service", "region", "sku", "os", "meter", "unit", "usd", "source_date", "source")
_PRODUCT = re.compile(r"^(?P<meter>.*?) \((?P<product>[^()]*)\)$")
_SAVINGS = re.compile(r"^(?P<meter>.*) \(savingsPlan (?P<term>1 Year|3 Years)\)$")


def entry_from_csv_row(row: Mapping[str, str]) -> PriceEntry | None:
    """One CSV row as an entry (None for rows the model has no use for)."""
    meter = row["meter"].strip()
    pricing = "payg"
    product = ""
    if meter.startswith("["):
        meter = ""  # "[Linux pay-as-you-go; meterName not carried by source]"
    elif match := _SAVINGS.match(meter):
        meter, pricing = match["meter"], _plan_term(match["term"]) or "payg"
    elif meter.endswith(" Spot"):
        pricing = "spot"
    elif match := _PRODUCT.match(meter):
        meter, product = match["meter"], match["product"]
    if _EXCLUDED_WORDS.search(meter) or "cloud services" in product.lower():
        return None
    source = row["source"].strip()
    return PriceEntry(
        service=row["service"].strip(),
        region=row["region"].strip().lower(),
        sku=row["sku"].strip(),
        os=row["os"].strip().lower(),
        pricing=pricing,
        meter=meter,
        unit=row["unit"].strip(),
        usd=Decimal(row["usd"].strip()),
        as_of=row["source_date"].strip(),
        source=source,
        product=product,
        derived="DERIVED" in source,
    )


def import_csv(path: str | Path) -> ImportResult:
    """Read a CSV with the columns of `../shared/prices/azure-retail-prices.csv`."""
    result = ImportResult()
    try:
        text = Path(path).read_bytes().decode("utf-8")  # newlines as written, like newline=""
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportError_(f"cannot read {path}: {exc}") from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        if tuple(reader.fieldnames or ()) != CSV_COLUMNS:
            raise ImportError_(f"{path}: expected the columns {', '.join(CSV_COLUMNS)}")
        for row in reader:
            try:
                entry = entry_from_csv_row(row)
            except (InvalidOperation, KeyError, AttributeError) as exc:
                raise ImportError_(f"{path}:{reader.line_num}: bad row: {exc}") from None
            if entry is None:
                result.skipped += 1
            else:
                result.entries.append(entry)
    except csv.Error as exc:  # a NUL byte, a field over the size limit
        raise ImportError_(f"{path}:{reader.line_num}: {exc}") from None
    return result


def import_files(paths: Iterable[str | Path], *, as_of: str) -> ImportResult:
    """Import CSV files and saved API pages (JSON) together."""
    result = ImportResult()
    items: list[Mapping[str, Any]] = []
    for path in paths:
        if str(path).lower().endswith(".csv"):
            part = import_csv(path)
            result.entries.extend(part.entries)
            result.skipped += part.skipped
            continue
        try:
            page = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
            raise ImportError_(f"cannot read {path}: {exc}") from None
        items.extend(page_items(page, str(path)))
    if items:
        part = import_items(items, as_of=as_of, source=f"{API_SOURCE}, saved pages")
        result.entries.extend(part.entries)
        result.skipped += part.skipped
    return result


# --- the live API ----------------------------------------------------------------------------


def region_filters(region: str) -> list[str]:
    """The `$filter`s that fetch what the model prices in one region (only `eq` and `and`:
    the selection of meters is done here, on the items)."""
    base = f"armRegionName eq '{region}' and priceType eq 'Consumption'"
    disks = [
        f"serviceName eq 'Storage' and {base} and productName eq '{p}'"
        for p in (*DISK_PRODUCTS, *PROVISIONED_PRODUCTS)
    ]
    return [
        f"serviceName eq 'Virtual Machines' and {base}",
        *disks,
        f"serviceName eq 'Virtual Network' and {base} and productName eq 'IP Addresses'",
        f"serviceName eq 'Azure Bastion' and {base}",
        f"serviceName eq 'VPN Gateway' and {base}",
        f"serviceName eq 'Backup' and {base} and productName eq 'Backup'",
    ]


GLOBAL_FILTERS = [
    "serviceName eq 'Load Balancer' and priceType eq 'Consumption'",
    "serviceName eq 'Azure DNS' and priceType eq 'Consumption'",
    "serviceName eq 'NAT Gateway' and priceType eq 'Consumption'",
]


def first_page_url(filter_: str, base_url: str = API_URL) -> str:
    from urllib.parse import urlencode

    query = urlencode({"api-version": API_VERSION, "meterRegion": "'primary'", "$filter": filter_})
    return f"{base_url}?{query}"


def fetch_pages(url: str, *, timeout: float = 60.0, max_pages: int = 1000) -> Iterator[Any]:
    """Every page from `url` on, following `NextPageLink` until it is null."""
    import urllib.request

    seen: set[str] = set()
    next_url: str | None = url
    while next_url:
        if next_url in seen or len(seen) >= max_pages:
            raise ImportError_(f"paging did not end (at {next_url})")
        seen.add(next_url)
        request = urllib.request.Request(next_url, headers={"Accept": "application/json"})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            page = json.loads(response.read().decode("utf-8"))
        yield page
        link = page.get("NextPageLink") if isinstance(page, dict) else None
        next_url = link if isinstance(link, str) and link else None


def fetch_regions(
    regions: Iterable[str], *, as_of: str, base_url: str = API_URL, timeout: float = 60.0
) -> ImportResult:
    """Query the API for the regions (and the Global load balancer meters) and import."""
    filters = [f for region in regions for f in region_filters(region.lower())]
    filters.extend(GLOBAL_FILTERS)
    items: list[Mapping[str, Any]] = []
    for filter_ in filters:
        for page in fetch_pages(first_page_url(filter_, base_url), timeout=timeout):
            items.extend(page_items(page, base_url))
    return import_items(items, as_of=as_of, source=API_SOURCE)
