"""AZV062: a VM's purchase plan names the same product and publisher as its image."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.rules.provenance import label
from armc.semantics.compute import VM, VMSS, image_reference
from armc.semantics.reader import known_text

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


class MarketplacePlanMismatch(Rule):
    id = "AZV062"
    name = "marketplace-plan-mismatch"
    category = "validation"
    default_severity = "error"
    resource_types = (VM, VMSS)
    summary = "`plan.product` and `plan.publisher` must match the image's offer and publisher."
    rationale = (
        "A marketplace image sold with a purchase plan is deployed only with that plan: the "
        "plan's `product` is the image's offer and its `publisher` the image's publisher "
        "(`name` is usually the SKU). A plan for another product fails with "
        "`VMMarketplaceInvalidInput`; accept the terms once per subscription with "
        "`az vm image terms accept`."
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for resource in ctx.resources(VM, VMSS):
            if ctx.value(resource, "plan") is None:
                continue
            reference = image_reference(ctx, resource)
            for plan_key, image_key in (("product", "offer"), ("publisher", "publisher")):
                planned = known_text(ctx, resource, "plan", plan_key)
                actual = known_text(ctx, resource, *reference, image_key)
                if planned is None or actual is None or planned.lower() == actual.lower():
                    continue
                yield Finding(
                    f"{label(ctx, resource)} has plan {plan_key} '{planned}' but image "
                    f"{image_key} '{actual}'",
                    (*resource.path, "plan", plan_key),
                    resource.key,
                    hint=f"set plan.{plan_key} to '{actual}'",
                )
