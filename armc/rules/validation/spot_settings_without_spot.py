"""AZV051: an eviction policy or a max price belongs to a Spot VM only."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.rules.provenance import label
from armc.semantics.compute import VM, VMSS, profile

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


class SpotSettingsWithoutSpot(Rule):
    id = "AZV051"
    name = "spot-settings-without-spot"
    category = "validation"
    default_severity = "error"
    resource_types = (VM, VMSS)
    summary = "`evictionPolicy` and `billingProfile` need `priority: Spot` (or Low)."
    rationale = (
        "The eviction policy and the maximum price only make sense for capacity Azure may "
        "reclaim. On a Regular VM Azure rejects them: the deployment fails, or the author "
        "meant a Spot VM and forgot `priority`, which makes it cost the full rate."
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for resource in ctx.resources(VM, VMSS):
            base = profile(resource)
            priority = ctx.value(resource, *base, "priority")
            if ctx.is_unknown(priority):
                continue
            if isinstance(priority, str) and priority.lower() in ("spot", "low"):
                continue
            for member in ("evictionPolicy", "billingProfile"):
                if ctx.value(resource, *base, member) is None:
                    continue
                yield Finding(
                    f"{label(ctx, resource)} sets {member} but is not a Spot VM "
                    f"(priority {priority or 'Regular'})",
                    (*resource.path, *base, member),
                    resource.key,
                    hint="set priority to Spot, or remove the setting",
                )
