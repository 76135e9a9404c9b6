"""AZV053: a dedicated host's fault domain must exist in its host group."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.semantics.reader import display_name

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext

HOST_GROUP = "microsoft.compute/hostgroups"
HOST = "microsoft.compute/hostgroups/hosts"


class DedicatedHostFaultDomain(Rule):
    id = "AZV053"
    name = "dedicated-host-fault-domain"
    category = "validation"
    default_severity = "error"
    resource_types = (HOST,)
    summary = (
        "A dedicated host's `platformFaultDomain` must be below its group's fault domain count."
    )
    rationale = (
        "A host group spans `platformFaultDomainCount` fault domains (1 to 3), numbered from "
        "0; a host placed in a fault domain the group does not have is rejected by Azure."
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        groups: dict[str, int] = {}
        for group in ctx.resources(HOST_GROUP):
            count = ctx.value(group, "properties", "platformFaultDomainCount")
            if isinstance(count, int) and not isinstance(count, bool):
                groups[display_name(ctx, group).lower()] = count
        for host in ctx.resources(HOST):
            parent, slash, _ = display_name(ctx, host).partition("/")
            count = groups.get(parent.lower()) if slash else None
            domain = ctx.value(host, "properties", "platformFaultDomain")
            if count is None or not isinstance(domain, int) or isinstance(domain, bool):
                continue
            if 0 <= domain < count:
                continue
            yield Finding(
                f"dedicated host '{display_name(ctx, host)}' is in fault domain {domain}, "
                f"but host group '{parent}' has {count} (0 to {count - 1})",
                (*host.path, "properties", "platformFaultDomain"),
                host.key,
                hint="raise the group's platformFaultDomainCount or pick another fault domain",
            )
