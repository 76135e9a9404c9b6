"""AZV050: a Spot VM or scale set cannot be placed on a dedicated host or host group."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.rules.provenance import label
from armc.semantics.compute import VM, VMSS, profile
from armc.semantics.reader import known_text

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


class SpotOnDedicatedHost(Rule):
    id = "AZV050"
    name = "spot-on-dedicated-host"
    category = "validation"
    default_severity = "error"
    resource_types = (VM, VMSS)
    summary = "A Spot VM cannot run on a dedicated host or host group."
    rationale = (
        "Spot VMs use spare shared capacity that Azure may reclaim; a dedicated host is a "
        "physical server reserved for one subscription and billed whole. Azure rejects a VM or "
        "scale set with `priority: Spot` that names `properties.host` or "
        "`properties.hostGroup`."
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for resource in ctx.resources(VM, VMSS):
            priority = known_text(ctx, resource, *profile(resource), "priority")
            if priority is None or priority.lower() != "spot":
                continue
            for member in ("host", "hostGroup"):
                if ctx.value(resource, "properties", member) is None:
                    continue
                yield Finding(
                    f"{label(ctx, resource)} is a Spot VM placed on a dedicated "
                    f"{'host' if member == 'host' else 'host group'}",
                    (*resource.path, *profile(resource), "priority"),
                    resource.key,
                    hint="use Regular priority on dedicated hosts, or drop the host",
                    related=(((*resource.path, "properties", member), "the dedicated host"),),
                )
