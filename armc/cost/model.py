"""What an estimate is made of: price lines, resource costs, and the estimate of a file."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal

from armc.cost.catalog import PriceEntry

HOURS_PER_MONTH = Decimal(730)
CENT = Decimal("0.01")
Status = Literal["priced", "partial", "unpriced", "free", "not-modelled", "skipped"]


def cents(amount: Decimal) -> Decimal:
    """Rounded to the cent (half up): for presentation only."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def usd(amount: Decimal | None) -> str:
    """`$1,234.56`, or `-$3.10`; "n/a" for None."""
    if amount is None:
        return "n/a"
    rounded = cents(amount)
    sign = "-" if rounded < 0 else ""
    return f"{sign}${abs(rounded):,.2f}"


def cents_text(amount: Decimal) -> str:
    """Rounded to the cent, as a JSON string: "138.70"."""
    return format(cents(amount), "f")


def plain(amount: Decimal | None) -> str | None:
    """A decimal as a JSON-friendly string without exponent (None stays None)."""
    return None if amount is None else format(amount.normalize() + 0, "f")


@dataclass(frozen=True, slots=True)
class PriceLine:
    """One priced component: `quantity` units of `unit` at `unit_usd` a unit.

    Usage lines (bandwidth, data processed) have no quantity and no monthly amount: they are
    listed with their unit price (None when the catalog has none), never guessed."""

    description: str
    unit: str
    unit_usd: Decimal | None
    quantity: Decimal | None
    entry: PriceEntry | None = None

    @property
    def usage(self) -> bool:
        return self.quantity is None

    @property
    def monthly_usd(self) -> Decimal | None:
        if self.quantity is None or self.unit_usd is None:
            return None
        return self.unit_usd * self.quantity

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "description": self.description,
            "unit": self.unit,
            "unit_usd": plain(self.unit_usd),
            "quantity": plain(self.quantity),
            "monthly_usd": plain(self.monthly_usd),
            "usage_based": self.usage,
        }
        if self.entry is not None:
            data["meter"] = self.entry.meter
            data["pricing"] = self.entry.pricing
            data["as_of"] = self.entry.as_of
            data["source"] = self.entry.source
        return data


@dataclass
class ResourceCost:
    """The cost of one resource (one copy-loop instance, or a scale set with its capacity)."""

    key: str
    type: str
    name: str
    region: str | None = None
    sku: str | None = None
    lines: list[PriceLine] = field(default_factory=list)
    unpriced: list[str] = field(default_factory=list)
    """Why a part could not be priced (a SKU the catalog lacks, a size not known...)."""
    notes: list[str] = field(default_factory=list)
    """Assumptions made (image default disk size, a condition that may be false...)."""
    modelled: bool = True
    file: str = ""

    @property
    def monthly_usd(self) -> Decimal:
        """The sum of the priced, non-usage lines."""
        total = Decimal(0)
        for line in self.lines:
            amount = line.monthly_usd
            if amount is not None:
                total += amount
        return total

    @property
    def status(self) -> Status:
        if not self.modelled:
            return "not-modelled"
        priced = any(line.monthly_usd is not None for line in self.lines)
        if self.unpriced:
            return "partial" if priced else "unpriced"
        return "priced" if priced else "free"

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "key": self.key,
            "type": self.type,
            "name": self.name,
            "region": self.region,
            "sku": self.sku,
            "status": self.status,
            "monthly_usd": plain(self.monthly_usd),
            "lines": [line.to_json() for line in self.lines],
            "unpriced": list(self.unpriced),
            "notes": list(self.notes),
        }


@dataclass
class Estimate:
    """The monthly estimate of one or more files."""

    files: list[str]
    resources: list[ResourceCost]
    hours: Decimal = HOURS_PER_MONTH
    pricing: str = "payg"
    catalog_as_of: str = ""
    catalog_path: str = ""
    problems: list[str] = field(default_factory=list)
    """Files that could not be loaded (with why)."""

    @property
    def total_monthly_usd(self) -> Decimal:
        return sum((r.monthly_usd for r in self.resources), Decimal(0))

    @property
    def unpriced(self) -> list[ResourceCost]:
        return [r for r in self.resources if r.status in ("unpriced", "partial", "not-modelled")]

    def to_json(self) -> dict[str, Any]:
        return {
            "files": list(self.files),
            "currency": "USD",
            "total_monthly_usd": cents_text(self.total_monthly_usd),
            "total_monthly_usd_exact": plain(self.total_monthly_usd),
            "hours_per_month": plain(self.hours),
            "pricing": self.pricing,
            "catalog": {"path": self.catalog_path, "as_of": self.catalog_as_of},
            "resources": [r.to_json() for r in self.resources],
            "unpriced_count": len(self.unpriced),
            "problems": list(self.problems),
        }
