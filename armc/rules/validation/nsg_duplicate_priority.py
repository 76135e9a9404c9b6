"""AZV002: two rules of one NSG and direction must not share a priority."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.semantics.network import network_of
from armc.semantics.nsg import NSG, NSG_RULE, SecurityRule

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


class NsgDuplicatePriority(Rule):
    id = "AZV002"
    name = "nsg-duplicate-priority"
    category = "validation"
    default_severity = "error"
    resource_types = (NSG, NSG_RULE)
    summary = "Security rules of one NSG and direction must have distinct priorities."
    rationale = (
        "Azure evaluates security rules in priority order and rejects an NSG in which two "
        "rules of the same direction have the same priority (SecurityRuleConflict). Give every "
        "rule its own priority."
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for rules in network_of(ctx).rules.values():
            seen: dict[tuple[str, int], SecurityRule] = {}
            for rule in rules:
                if rule.priority is None or rule.direction is None:
                    continue
                key = (rule.direction, rule.priority)
                first = seen.setdefault(key, rule)
                if first is rule:
                    continue
                finding = Finding.at(
                    rule.owner,
                    f"{rule.label} of NSG '{rule.nsg_name}' has priority {rule.priority}, like "
                    f"{first.label} ({rule.direction})",
                    *rule.path("priority"),
                    hint="give every rule of a direction its own priority",
                )
                related = ((first.owner.path + first.path("priority"), f"{first.label}"),)
                yield Finding(
                    finding.message,
                    finding.path,
                    finding.resource,
                    hint=finding.hint,
                    related=related,
                )
