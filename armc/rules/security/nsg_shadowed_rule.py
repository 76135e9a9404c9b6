"""AZS005: a security rule that an earlier rule fully covers never takes effect."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.semantics.network import network_of
from armc.semantics.nsg import NSG, NSG_RULE, shadowing

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


_VERBS = {"allow": "allows", "deny": "denies"}


class NsgShadowedRule(Rule):
    id = "AZS005"
    name = "nsg-shadowed-rule"
    category = "security"
    default_severity = "warning"
    resource_types = (NSG, NSG_RULE)
    summary = "Security rules must not be shadowed by an earlier rule of the same direction."
    rationale = (
        "Azure evaluates an NSG's rules in priority order and stops at the first match. A "
        "rule whose traffic (protocol, ports, sources, destinations) an earlier rule already "
        "matches never applies: a deny behind a broader allow does not protect anything, and "
        "an allow behind a broader deny opens nothing. Either is a reviewer's trap. Move the "
        "narrower rule before the broader one, or delete it. armc compares fully known rules; "
        "a rule with values only known at deployment is not judged."
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for rules in network_of(ctx).rules.values():
            for later, earlier in shadowing(rules):
                verb = _VERBS.get(earlier.access or "", "matches")
                if later.access == earlier.access:
                    effect = f"is redundant: {earlier.label} (priority {earlier.priority}) "
                    effect += f"already {verb} everything it matches"
                else:
                    effect = f"never applies: {earlier.label} (priority {earlier.priority}) "
                    effect += f"{verb} everything it would {later.access}"
                yield Finding(
                    f"{later.label} of NSG '{later.nsg_name}' {effect}",
                    later.owner.path + later.path("priority"),
                    later.owner.key,
                    hint="give the narrower rule a lower priority number, or remove it",
                    related=((earlier.owner.path + earlier.base, f"{earlier.label}"),),
                )
