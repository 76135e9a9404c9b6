"""AZR012: an NSG should not start by denying all inbound traffic."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.semantics.cidr import covers_everything
from armc.semantics.network import network_of
from armc.semantics.nsg import NSG, NSG_RULE

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


class NsgDenyAllInbound(Rule):
    id = "AZR012"
    name = "nsg-deny-all-inbound"
    category = "reliability"
    default_severity = "warning"
    resource_types = (NSG, NSG_RULE)
    summary = "An NSG's first inbound rule should not deny traffic from every source."
    rationale = (
        "A deny rule from any source with the lowest priority number runs before Azure's "
        "AllowVnetInBound and AllowAzureLoadBalancerInBound defaults and before every other "
        "rule: load-balancer health probes, traffic inside the VNet and Azure platform "
        "services are all cut off, so the service fails in ways that are hard to trace. "
        "Azure's DenyAllInBound already denies what no rule allows."
    )
    equivalents = ("psrule:Azure.NSG.DenyAllInbound",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for rules in network_of(ctx).rules.values():
            inbound = [r for r in rules if r.direction == "inbound"]
            if not inbound or any(r.priority is None for r in inbound):
                continue
            first = min(inbound, key=lambda r: r.priority or 0)
            sources = [item.value for item in first.sources]
            if first.access != "deny" or not sources:
                continue
            if not all(s is not None and covers_everything(s) for s in sources):
                continue
            yield Finding.at(
                first.owner,
                f"{first.label} of NSG '{first.nsg_name}' denies inbound traffic from every source "
                "before any other rule",
                *first.path("priority"),
                hint="allow what is needed first, or rely on Azure's DenyAllInBound",
            )
