"""Compare two estimates: resources added, removed and changed, with their monthly delta.

Resources are matched by file-independent identity: type and name (lower case), plus the
key for resources whose name is not known. A resource is "changed" when its monthly amount,
SKU, region or unpriced reasons differ."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from armc.cost.model import Estimate, ResourceCost, cents_text, plain

Change = Literal["added", "removed", "changed"]


@dataclass(frozen=True)
class ResourceDelta:
    change: Change
    type: str
    name: str
    base: ResourceCost | None
    head: ResourceCost | None

    @property
    def base_usd(self) -> Decimal:
        return self.base.monthly_usd if self.base else Decimal(0)

    @property
    def head_usd(self) -> Decimal:
        return self.head.monthly_usd if self.head else Decimal(0)

    @property
    def delta_usd(self) -> Decimal:
        return self.head_usd - self.base_usd

    def shown(self, side: ResourceCost | None) -> str:
        """The monthly amount of one side for people: "unpriced" when nothing is priced."""
        from armc.cost.model import usd

        if side is None:
            return usd(Decimal(0))
        if side.status in ("unpriced", "not-modelled"):
            return side.status
        return usd(side.monthly_usd) + (" +?" if side.status == "partial" else "")

    @property
    def sku_change(self) -> str:
        before = self.base.sku if self.base else None
        after = self.head.sku if self.head else None
        if before == after:
            return before or ""
        return f"{before or '-'} → {after or '-'}"

    def to_json(self) -> dict[str, Any]:
        return {
            "change": self.change,
            "type": self.type,
            "name": self.name,
            "base_sku": self.base.sku if self.base else None,
            "head_sku": self.head.sku if self.head else None,
            "base_monthly_usd": plain(self.base_usd),
            "head_monthly_usd": plain(self.head_usd),
            "delta_monthly_usd": plain(self.delta_usd),
            "head_unpriced": list(self.head.unpriced) if self.head else [],
        }


@dataclass
class CostDiff:
    base: Estimate
    head: Estimate
    deltas: list[ResourceDelta] = field(default_factory=list)

    @property
    def delta_usd(self) -> Decimal:
        return self.head.total_monthly_usd - self.base.total_monthly_usd

    def to_json(self) -> dict[str, Any]:
        return {
            "currency": "USD",
            "base_total_monthly_usd": cents_text(self.base.total_monthly_usd),
            "head_total_monthly_usd": cents_text(self.head.total_monthly_usd),
            "delta_monthly_usd": cents_text(self.delta_usd),
            "catalog_as_of": self.head.catalog_as_of,
            "resources": [d.to_json() for d in self.deltas],
            "head_unpriced_count": len(self.head.unpriced),
        }


def _identity(cost: ResourceCost) -> tuple[str, str]:
    return cost.type.lower(), cost.name.lower()


def _fingerprint(cost: ResourceCost) -> tuple[Any, ...]:
    return (cost.monthly_usd, cost.sku, cost.region, tuple(cost.unpriced))


def diff_estimates(base: Estimate, head: Estimate) -> CostDiff:
    """Deltas in a stable order: by type, then name."""
    before: dict[tuple[str, str], ResourceCost] = {}
    after: dict[tuple[str, str], ResourceCost] = {}
    for costs, index in ((base.resources, before), (head.resources, after)):
        for cost in costs:
            key = _identity(cost)
            if key in index:  # same name twice (another file): keep both apart
                key = (key[0], f"{key[1]}#{cost.file}#{cost.key}")
            index[key] = cost
    result = CostDiff(base, head)
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key), after.get(key)
        if all(c is None or c.status == "free" for c in (old, new)):
            continue  # virtual networks, NICs...: no money either way
        if old is None and new is not None:
            result.deltas.append(ResourceDelta("added", new.type, new.name, None, new))
        elif new is None and old is not None:
            result.deltas.append(ResourceDelta("removed", old.type, old.name, old, None))
        elif old is not None and new is not None and _fingerprint(old) != _fingerprint(new):
            result.deltas.append(ResourceDelta("changed", new.type, new.name, old, new))
    return result
