"""AZV006: subnets of one VNet must not overlap."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.model.template import Resource
from armc.rules.base import Finding, Rule
from armc.semantics.cidr import Network, overlaps
from armc.semantics.network import SUBNET, VNET, Subnet, network_of

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


class SubnetOverlap(Rule):
    id = "AZV006"
    name = "subnet-overlap"
    category = "validation"
    default_severity = "error"
    resource_types = (VNET, SUBNET)
    summary = "Subnets of one VNet must not overlap."
    rationale = (
        "Every address of a virtual network belongs to at most one subnet; Azure rejects a "
        "subnet whose prefix overlaps another subnet of the same VNet (NetcfgSubnetRangesOverlap)."
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        by_vnet: dict[str, list[tuple[Subnet, tuple[str | int, ...], Network]]] = {}
        for subnet in network_of(ctx).subnets:
            vnet: Resource | None = subnet.vnet
            if vnet is None:
                continue
            for subpath, network, _ in subnet.prefixes:
                if network is not None:
                    by_vnet.setdefault(vnet.key, []).append((subnet, subpath, network))
        for entries in by_vnet.values():
            entries.sort(key=lambda e: (e[2].version, int(e[2].network_address)))
            for index, (subnet, subpath, network) in enumerate(entries):
                for other, other_path, other_network in entries[index + 1 :]:
                    if int(other_network.network_address) > int(network.broadcast_address):
                        break
                    if other is subnet or not overlaps(network, other_network):
                        continue
                    yield Finding(
                        f"subnet '{other.label}' ({other_network}) overlaps subnet "
                        f"'{subnet.label}' ({network})",
                        other.owner.path + other.base + other_path,
                        other.owner.key,
                        hint="give each subnet its own, non-overlapping prefix",
                        related=((subnet.owner.path + subnet.base + subpath, f"'{subnet.label}'"),),
                    )
