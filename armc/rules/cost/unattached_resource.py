"""AZC005: public IPs and managed disks that nothing in the template uses."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, ClassVar

from armc.rules.base import Finding, Option, Rule
from armc.rules.cost._money import REGION_OPTION, money, price

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext

_TYPES = ("Microsoft.Network/publicIPAddresses", "Microsoft.Compute/disks")


class UnattachedResource(Rule):
    id = "AZC005"
    name = "unattached-resource"
    category = "cost"
    default_severity = "off"
    summary = "Public IPs and disks attached to nothing still cost money."
    rationale = (
        "A public IP address is billed by the hour and a managed disk by the month whether "
        "or not anything uses them. One that no other resource of the template references "
        "(by resourceId, id or dependsOn) is usually left over. Off by default, because a "
        "template may create an address for another deployment to use: turn it on with "
        "`select` where templates are self-contained."
    )
    options: ClassVar[Mapping[str, Option]] = {
        "region": REGION_OPTION,
    }

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        candidates = ctx.resources(*_TYPES)
        if not candidates:
            return
        texts: dict[str, str] | None = None  # every body's text: only if a name must be sought
        graph = ctx.graph
        for resource in candidates:
            name = resource.name
            if not isinstance(name, str) or name.startswith("["):
                continue  # a computed name: references cannot be matched
            if resource.key in graph and any(True for _ in graph.predecessors(resource.key)):
                continue
            if texts is None:
                texts = {r.key: json.dumps(r.body).lower() for r in ctx.template.resources}
            quoted = (f"'{name.lower()}'", f'/{name.lower()}"', f"/{name.lower()}'")
            used = any(
                any(q in text for q in quoted) for key, text in texts.items() if key != resource.key
            )
            if used:
                continue
            cost = price(ctx, resource, self.settings["region"])
            amount = (
                f": {money(cost.monthly_usd)} a month for nothing"
                if cost.monthly_usd
                else " (armc cannot price it here)"
            )
            kind = "public IP" if "publicip" in resource.type_lower else "disk"
            yield Finding.at(
                resource,
                f"{kind} '{name}' is not attached to anything in this template{amount}",
                hint="attach it, or remove it",
            )
