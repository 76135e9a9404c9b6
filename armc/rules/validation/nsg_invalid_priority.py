"""AZV001: NSG rule priorities must be between 100 and 4096."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.rules.provenance import origin
from armc.semantics.network import network_of
from armc.semantics.nsg import NSG, NSG_RULE, PRIORITY_MAX, PRIORITY_MIN

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


class NsgInvalidPriority(Rule):
    id = "AZV001"
    name = "nsg-invalid-priority"
    category = "validation"
    default_severity = "error"
    resource_types = (NSG, NSG_RULE)
    summary = "Security rule priorities must be integers from 100 to 4096."
    rationale = (
        "Azure rejects a security rule whose priority is outside 100-4096 (or not a number), "
        "and the whole deployment fails. Lower numbers are evaluated first; keep gaps between "
        "priorities so rules can be inserted later."
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for rules in network_of(ctx).rules.values():
            for rule in rules:
                raw = rule.priority_raw
                if raw is None or ctx.is_unknown(raw):
                    continue
                if rule.priority is not None and PRIORITY_MIN <= rule.priority <= PRIORITY_MAX:
                    continue
                where = origin(ctx, rule.owner, *rule.path("priority"), value=raw)
                yield Finding.at(
                    rule.owner,
                    f"{rule.label} of NSG '{rule.nsg_name}' has priority {raw!r}{where}, outside "
                    f"{PRIORITY_MIN}-{PRIORITY_MAX}",
                    *rule.path("priority"),
                    hint=f"use a priority from {PRIORITY_MIN} to {PRIORITY_MAX}",
                )
