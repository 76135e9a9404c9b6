"""AZS008: inbound allow rules should name their sources."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.semantics.cidr import covers_everything
from armc.semantics.network import network_of
from armc.semantics.nsg import NSG, NSG_RULE

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


class NsgAnyInboundSource(Rule):
    id = "AZS008"
    name = "nsg-any-inbound-source"
    category = "security"
    default_severity = "warning"
    resource_types = (NSG, NSG_RULE)
    summary = "Inbound allow rules should not accept any source address."
    rationale = (
        "A source of '*' (or 0.0.0.0/0) admits every address, including the whole Internet "
        "and every peered network, which is rarely what a rule means. Name the sources: "
        "address ranges, service tags such as AzureLoadBalancer or VirtualNetwork, or "
        "application security groups. Where a service must be public, say so with the "
        "'Internet' service tag."
    )
    equivalents = ("psrule:Azure.NSG.AnyInboundSource",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for rules in network_of(ctx).rules.values():
            for rule in rules:
                if rule.direction != "inbound" or rule.access != "allow":
                    continue
                for item in rule.sources:
                    if item.value is None or not covers_everything(item.value):
                        continue
                    yield Finding.at(
                        rule.owner,
                        f"{rule.label} of NSG '{rule.nsg_name}' allows inbound traffic from "
                        f"any source ('{item.value}')",
                        *rule.path(*item.subpath),
                        hint="name the sources: ranges, service tags or application security "
                        "groups ('Internet' where the service is public)",
                    )
                    break
