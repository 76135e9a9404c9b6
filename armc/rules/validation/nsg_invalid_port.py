"""AZV003: NSG port ranges must be valid."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.semantics.cidr import parse_port_range
from armc.semantics.network import network_of
from armc.semantics.nsg import NSG, NSG_RULE

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


class NsgInvalidPort(Rule):
    id = "AZV003"
    name = "nsg-invalid-port"
    category = "validation"
    default_severity = "error"
    resource_types = (NSG, NSG_RULE)
    summary = "Security rule ports must be '*', a port or a range within 0-65535."
    rationale = (
        "A port outside 0-65535, a reversed range such as '8080-80' or text such as 'ssh' "
        "makes Azure reject the security rule, and the deployment fails."
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for rules in network_of(ctx).rules.values():
            for rule in rules:
                for item in (*rule.ports, *rule.source_ports):
                    if item.value is None or parse_port_range(item.value) is not None:
                        continue
                    yield Finding.at(
                        rule.owner,
                        f"{rule.label} of NSG '{rule.nsg_name}' has the invalid port range "
                        f"'{item.value}'",
                        *rule.path(*item.subpath),
                        hint="write '*', a port such as '443' or a range such as '8000-8080'",
                    )
