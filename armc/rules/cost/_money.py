"""What the cost rules share: pricing a resource through the rule context, the environment of
a resource (tag or parameter), and money as text."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from armc.model.template import Resource
from armc.rules.base import Option

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext
    from armc.cost.model import PriceLine, ResourceCost
    from armc.cost.pricing import PricingOptions

ENVIRONMENT_KEYS = ("environment", "env", "stage")
REGION_OPTION = Option(str, "eastus", "The region of resources whose location is not known.")
"""Every cost rule's `region` option."""
NON_PRODUCTION = frozenset(
    {
        "dev", "develop", "development", "test", "testing", "qa", "uat", "sandbox", "lab",
        "demo", "poc", "nonprod", "non-prod", "non-production", "staging", "stage",
    }
)  # fmt: skip


def pricing_options(region: str) -> PricingOptions:
    from armc.cost.catalog import default_catalog
    from armc.cost.pricing import PricingOptions

    return PricingOptions(default_catalog(), region=region)


def price(ctx: RuleContext, resource: Resource, region: str) -> ResourceCost:
    from armc.cost.estimate import price_resource

    return price_resource(resource, ctx, pricing_options(region))


def total(lines: Iterable[PriceLine]) -> Decimal:
    """The sum of the monthly amounts of price lines (usage lines count 0)."""
    return sum((line.monthly_usd or Decimal(0) for line in lines), Decimal(0))


def money(amount: Decimal) -> str:
    from armc.cost.model import usd

    return usd(amount)


def _known_text(ctx: RuleContext, value: Any) -> str | None:
    return value if isinstance(value, str) and not ctx.is_unknown(value) else None


def environment(ctx: RuleContext, resource: Resource) -> str | None:
    """The environment of a resource: its `environment`/`env`/`stage` tag, else the default
    of a template parameter of that name (lower case), else None."""
    tags = ctx.value(resource, "tags")
    if isinstance(tags, dict):
        for key, value in tags.items():
            text = _known_text(ctx, value)
            if key.lower() in ENVIRONMENT_KEYS and text:
                return text.lower()
    for name, parameter in ctx.template.parameters.items():
        if name.lower() in ENVIRONMENT_KEYS:
            default = parameter.default
            if isinstance(default, str) and not default.startswith("["):
                return default.lower()
    return None


def non_production(ctx: RuleContext, resource: Resource) -> str | None:
    """The environment name when it is a non-production one, else None."""
    env = environment(ctx, resource)
    return env if env is not None and env in NON_PRODUCTION else None
