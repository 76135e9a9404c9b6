"""AZV052: a Spot max price is -1 or a positive number of dollars per hour."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.rules.provenance import label
from armc.semantics.compute import VM, VMSS, profile

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


class SpotMaxPrice(Rule):
    id = "AZV052"
    name = "spot-max-price"
    category = "validation"
    default_severity = "error"
    resource_types = (VM, VMSS)
    summary = "`billingProfile.maxPrice` must be -1 or greater than zero."
    rationale = (
        "`maxPrice` is the most a Spot VM may cost per hour in US dollars; -1 means up to the "
        "pay-as-you-go price and no eviction for price. Zero, other negative numbers and "
        "text are rejected by Azure."
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for resource in ctx.resources(VM, VMSS):
            path = (*profile(resource), "billingProfile", "maxPrice")
            price = ctx.value(resource, *path)
            if price is None or ctx.is_unknown(price):
                continue
            valid = (
                isinstance(price, int | float)
                and not isinstance(price, bool)
                and (price == -1 or price > 0)
            )
            if valid:
                continue
            yield Finding(
                f"{label(ctx, resource)} has Spot max price {price!r}: it must be -1 or a "
                "positive number of US dollars per hour",
                (*resource.path, *path),
                resource.key,
                hint="use -1 to pay up to the pay-as-you-go price",
            )
