"""AZC001: the estimated monthly cost of a template is over `budget.monthly_usd`."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, ClassVar

from armc.rules.base import Finding, Option, Rule
from armc.rules.cost._money import REGION_OPTION, money, pricing_options

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


class MonthlyBudget(Rule):
    id = "AZC001"
    name = "monthly-budget"
    category = "cost"
    default_severity = "error"
    summary = "The estimated monthly cost is over the configured budget."
    rationale = (
        "`budget.monthly_usd` in the configuration is a gate: a template whose estimate (list "
        "prices from armc's catalog, 730 hours a month, see docs/cost.md) is above it fails "
        "the lint. Resources armc cannot price are left out of the estimate and counted in "
        "the message. The finding points at the most expensive resource. Without a budget the "
        "rule is silent."
    )
    options: ClassVar[Mapping[str, Option]] = {
        "region": REGION_OPTION,
    }

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        config = ctx.config
        if config is None or config.budget_monthly_usd is None:
            return
        from armc.cost.estimate import price_template_resources

        limit = Decimal(str(config.budget_monthly_usd))
        costs = price_template_resources(
            ctx.template.resources, ctx, pricing_options(self.settings["region"])
        )
        total = sum((c.monthly_usd for c in costs), Decimal(0))
        if total <= limit:
            return
        unpriced = sum(1 for c in costs if c.unpriced)
        extra = f"; {unpriced} resource(s) could not be priced" if unpriced else ""
        top = max(costs, key=lambda c: c.monthly_usd)
        largest = next((r for r in ctx.template.resources if r.key == top.key), None)
        yield Finding(
            f"the estimated cost {money(total)} a month is {money(total - limit)} over the "
            f"budget {money(limit)}{extra}",
            largest.path if largest is not None else (),
            largest.key if largest is not None else None,
            hint=f"the largest item is '{top.name}' at {money(top.monthly_usd)} a month",
        )
