"""AZV004: NSG address prefixes must be CIDRs, addresses, service tags or '*'."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.semantics.cidr import is_service_tag, parse_network
from armc.semantics.network import network_of
from armc.semantics.nsg import NSG, NSG_RULE

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


def _valid(text: str) -> bool:
    stripped = text.strip()
    if stripped == "*" or is_service_tag(stripped):
        return True
    return parse_network(stripped) is not None


class NsgInvalidPrefix(Rule):
    id = "AZV004"
    name = "nsg-invalid-prefix"
    category = "validation"
    default_severity = "error"
    resource_types = (NSG, NSG_RULE)
    summary = "Security rule address prefixes must be valid."
    rationale = (
        "A source or destination prefix must be '*', an IP address, a CIDR such as "
        "'10.0.0.0/16' or a service tag such as 'VirtualNetwork'. Anything else (a mistyped "
        "CIDR like '10.0.0.0/33', '10.0.0/24', a host name) makes Azure reject the rule."
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for rules in network_of(ctx).rules.values():
            for rule in rules:
                for item in (*rule.sources, *rule.destinations):
                    if item.value is None or _valid(item.value):
                        continue
                    yield Finding.at(
                        rule.owner,
                        f"{rule.label} of NSG '{rule.nsg_name}' has the invalid address prefix "
                        f"'{item.value}'",
                        *rule.path(*item.subpath),
                        hint="use '*', an IP address, a CIDR or a service tag",
                    )
