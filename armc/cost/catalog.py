"""The price catalog: list prices per (service, region, sku, os, pricing), with provenance.

A catalog is a JSON document (`schemas/armc-price-catalog.schema.json`):

    {"format": "armc-price-catalog", "version": 1, "currency": "USD",
     "entries": [{"service": "vm", "region": "westeurope", "sku": "Standard_D2s_v5",
                  "os": "linux", "pricing": "payg", "meter": "D2s v5", "unit": "1 Hour",
                  "usd": "0.115", "as_of": "2026-08-22", "source": "..."}]}

Prices are decimal strings (exact); every entry says where it comes from and as of when. The
shipped catalog (`armc/cost/data/catalog.json`) is built by `armc prices import` from the
shared CSV snapshot; `--catalog FILE` points at another one. Loaded once, lazily.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

FORMAT = "armc-price-catalog"
VERSION = 1
SERVICES = (
    "vm",
    "disk",
    "public-ip",
    "load-balancer",
    "bastion",
    "bandwidth",
    "disk-provisioned",
    "dedicated-host",
    "private-dns",
    "nat-gateway",
    "vpn-gateway",
    "backup",
)
"""`disk-provisioned`: the capacity, IOPS and throughput meters of Premium SSD v2 and Ultra
disks (sku "Premium LRS" / "Ultra LRS"); `dedicated-host`: hosts by API armSkuName
(Dsv5_Type1); `private-dns`: the global Azure DNS private zone and query meters;
`nat-gateway`, `vpn-gateway` and `backup` have no shipped prices yet (a catalog of your own
may carry them)."""
PRICINGS = ("payg", "spot", "savings-plan-1y", "savings-plan-3y")
GLOBAL = "global"
"""The region of meters Azure publishes only once (the Standard load balancer's)."""


class CatalogError(Exception):
    """A catalog file that cannot be read or does not follow the schema."""


@dataclass(frozen=True, slots=True)
class PriceEntry:
    """One list price. `os` is "linux"/"windows" for VMs, "" otherwise; `meter` is the Retail
    API meterName ("" when the source did not carry it); `usd` is per `unit`."""

    service: str
    region: str
    sku: str
    os: str
    pricing: str
    meter: str
    unit: str
    usd: Decimal
    as_of: str
    source: str
    product: str = ""
    derived: bool = False
    """True when the price is an arithmetic derivation, not a raw API row."""

    @property
    def key(self) -> tuple[str, str, str, str, str, str]:
        return (self.service, self.region, self.sku.lower(), self.os, self.pricing, self.meter)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "service": self.service,
            "region": self.region,
            "sku": self.sku,
            "os": self.os,
            "pricing": self.pricing,
            "meter": self.meter,
            "unit": self.unit,
            "usd": format(self.usd, "f"),
            "as_of": self.as_of,
            "source": self.source,
        }
        if self.product:
            data["product"] = self.product
        if self.derived:
            data["derived"] = True
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PriceEntry:
        return cls(
            service=data["service"],
            region=data["region"].lower(),
            sku=data["sku"],
            os=data.get("os", ""),
            pricing=data.get("pricing", "payg"),
            meter=data.get("meter", ""),
            unit=data["unit"],
            usd=Decimal(data["usd"]),
            as_of=data["as_of"],
            source=data["source"],
            product=data.get("product", ""),
            derived=bool(data.get("derived", False)),
        )


def sku_words(sku: str) -> str:
    """A SKU name without case, spaces, `-` or `_`: "DSv5-Type1" and "Dsv5_Type1" match."""
    return "".join(ch for ch in sku.lower() if ch not in " -_")


def _sort_key(entry: PriceEntry) -> tuple[Any, ...]:
    return (*entry.key, entry.unit, entry.as_of, entry.usd, entry.source)


class Catalog:
    """Entries indexed for lookup. Regions and SKUs match case-insensitively."""

    def __init__(self, entries: Iterable[PriceEntry], *, path: str = "") -> None:
        unique = {entry.key: entry for entry in sorted(entries, key=_sort_key)}
        self.entries: tuple[PriceEntry, ...] = tuple(sorted(unique.values(), key=_sort_key))
        self.path = path
        index: dict[tuple[str, str, str, str, str], list[PriceEntry]] = {}
        for entry in self.entries:
            index.setdefault(entry.key[:5], []).append(entry)
        self._index = index

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[PriceEntry]:
        return iter(self.entries)

    def find(
        self,
        service: str,
        region: str,
        sku: str,
        *,
        os: str = "",
        pricing: str = "payg",
        meter: str | None = None,
    ) -> PriceEntry | None:
        """The entry for these keys (with `meter`, the one of that meter name), or None."""
        found = self._index.get((service, region.lower(), sku.lower(), os, pricing), [])
        if meter is not None:
            found = [e for e in found if e.meter.lower() == meter.lower()]
        return found[0] if found else None

    def find_all(self, service: str, region: str, sku: str, *, os: str = "") -> list[PriceEntry]:
        """Every pay-as-you-go entry of these keys (one per meter), in catalog order."""
        return list(self._index.get((service, region.lower(), sku.lower(), os, "payg"), []))

    def find_sku_like(self, service: str, region: str, sku: str) -> PriceEntry | None:
        """The pay-as-you-go entry whose SKU equals `sku` ignoring case, spaces, `-` and `_`:
        ARM names a dedicated host `DSv5-Type1`, the price API `Dsv5_Type1`."""
        wanted = sku_words(sku)
        for entry in self.entries:
            if (
                entry.service == service
                and entry.region == region.lower()
                and entry.pricing == "payg"
                and sku_words(entry.sku) == wanted
            ):
                return entry
        return None

    @property
    def as_of(self) -> str:
        """The date of the newest entry ("" for an empty catalog)."""
        return max((e.as_of for e in self.entries), default="")

    @property
    def as_of_range(self) -> str:
        """ "2024-07-01 to 2026-10-03" (the oldest and newest entry), or one date."""
        oldest = min((e.as_of for e in self.entries), default="")
        return oldest if oldest == self.as_of else f"{oldest} to {self.as_of}"

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": VERSION,
            "currency": "USD",
            "entries": [e.to_json() for e in self.entries],
        }

    def dumps(self) -> str:
        """The catalog as JSON text: one entry per line, sorted, so diffs stay readable."""
        head = {k: v for k, v in self.to_json().items() if k != "entries"}
        lines = [json.dumps(e.to_json(), ensure_ascii=False, sort_keys=True) for e in self.entries]
        body = ",\n    ".join(lines)
        opening = json.dumps(head, sort_keys=True)[:-1]
        return f'{opening}, "entries": [\n    {body}\n]}}\n'

    def merged(self, newer: Catalog) -> Catalog:
        """This catalog with the (service, region) groups of `newer` replaced by `newer`'s."""
        replaced = {(e.service, e.region) for e in newer}
        kept = [e for e in self.entries if (e.service, e.region) not in replaced]
        return Catalog([*kept, *newer.entries])


def parse_catalog(data: Any, *, path: str = "<catalog>", validate: bool = True) -> Catalog:
    """Validate a catalog document against the schema (unless told not to: the shipped one
    is validated by the tests) and build the `Catalog`."""
    if validate:
        _validate(data, path)
    return Catalog((PriceEntry.from_json(item) for item in data["entries"]), path=path)


def _validate(data: Any, path: str) -> None:
    import jsonschema

    validator = jsonschema.Draft202012Validator(catalog_schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.path)))
    if errors:
        first = errors[0]
        where = "/".join(str(p) for p in first.absolute_path) or "(root)"
        raise CatalogError(f"{path}: {where}: {first.message}")


def load_catalog(path: str | Path) -> Catalog:
    """Read and validate a catalog file. Raises CatalogError."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise CatalogError(f"cannot read price catalog {path}: {exc}") from None
    return parse_catalog(data, path=str(path))


@cache
def default_catalog() -> Catalog:
    """The catalog shipped in the package (read once; the tests validate it)."""
    text = resources.files("armc.cost").joinpath("data/catalog.json").read_text(encoding="utf-8")
    return parse_catalog(json.loads(text), path="armc/cost/data/catalog.json", validate=False)


@cache
def catalog_schema() -> dict[str, Any]:
    """`schemas/armc-price-catalog.schema.json` (source tree, or the wheel's copy)."""
    name = "armc-price-catalog.schema.json"
    local = Path(__file__).resolve().parents[2] / "schemas" / name
    if local.is_file():
        text = local.read_text(encoding="utf-8")
    else:  # installed wheel
        text = resources.files("armc").joinpath(f"schemas/{name}").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema
