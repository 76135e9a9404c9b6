"""AZV005: a subnet's prefix must lie inside its VNet's address space."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.rules.provenance import origin
from armc.semantics.cidr import within
from armc.semantics.network import SUBNET, VNET, network_of, vnet_prefixes

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


class SubnetOutsideVnet(Rule):
    id = "AZV005"
    name = "subnet-outside-vnet"
    category = "validation"
    default_severity = "error"
    resource_types = (VNET, SUBNET)
    summary = "Subnet prefixes must lie inside the VNet's address space."
    rationale = (
        "Azure rejects a subnet whose address prefix is not contained in one of the virtual "
        "network's address prefixes (NetcfgSubnetRangeOutsideVnet). Widen the VNet's "
        "`addressSpace` or pick a prefix inside it."
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for subnet in network_of(ctx).subnets:
            if subnet.vnet is None:
                continue
            space = vnet_prefixes(ctx, subnet.vnet)
            if not space:
                continue
            for subpath, network, text in subnet.prefixes:
                if network is None or any(within(network, outer) for outer in space):
                    continue
                path = (*subnet.base, *subpath)
                where = origin(ctx, subnet.owner, *path, value=text)
                ranges = ", ".join(str(n) for n in space)
                yield Finding.at(
                    subnet.owner,
                    f"subnet '{subnet.label}' has prefix {text}{where}, outside the VNet's "
                    f"address space {ranges}",
                    *path,
                    hint="use a prefix inside the VNet's addressSpace, or widen it",
                )
