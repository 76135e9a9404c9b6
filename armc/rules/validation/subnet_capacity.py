"""AZV008: a subnet must have room for the NICs and scale-set instances placed in it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.rules.provenance import origin
from armc.semantics.cidr import usable_addresses
from armc.semantics.network import SUBNET, VMSS, VNET, Subnet, network_of, resolve
from armc.semantics.reader import display_name, known_list

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext

_IP_CONFIGS = (
    "properties",
    "virtualMachineProfile",
    "networkProfile",
    "networkInterfaceConfigurations",
)


class SubnetCapacity(Rule):
    id = "AZV008"
    name = "subnet-capacity"
    category = "validation"
    default_severity = "error"
    resource_types = (VNET, SUBNET)
    summary = "A subnet must have enough addresses for its NICs and scale-set instances."
    rationale = (
        "Azure keeps 5 addresses of every IPv4 subnet (the first four and the last), so a /29 "
        "holds 3 NICs and a /24 holds 251. Every IP configuration of a NIC and every instance "
        "of a scale set takes one address; when they do not fit, the deployment (or a later "
        "scale-out) fails with SubnetIsFull. Counts that are only known at deployment are left "
        "out, so a finding is certain."
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        network = network_of(ctx)
        demand: dict[int, list[str]] = {}
        subnets: dict[int, Subnet] = {}

        def add(subnet: Subnet | None, count: int, what: str) -> None:
            if subnet is None or count <= 0:
                return
            subnets[id(subnet)] = subnet
            demand.setdefault(id(subnet), []).extend([what] * count)

        for config in network.ip_configs:
            add(network.subnet(config.subnet), 1, f"NIC '{display_name(ctx, config.nic)}'")
        for scale_set in ctx.resources(VMSS):
            capacity = ctx.value(scale_set, "sku", "capacity")
            if not isinstance(capacity, int) or isinstance(capacity, bool):
                continue
            for nic_path, _ in known_list(ctx, scale_set, *_IP_CONFIGS):
                for ip_path, _ in known_list(
                    ctx, scale_set, *nic_path, "properties", "ipConfigurations"
                ):
                    ref = resolve(
                        ctx, network.by_name, scale_set, (*ip_path, "properties", "subnet", "id")
                    )
                    where = origin(ctx, scale_set, "sku", "capacity", value=capacity)
                    name = display_name(ctx, scale_set)
                    label = f"scale set '{name}' with {capacity} instances{where}"
                    add(network.subnet(ref), capacity, label)
        for key, users in demand.items():
            subnet = subnets[key]
            if subnet.prefixes_unknown or not subnet.networks:
                continue
            room = sum(usable_addresses(n) for n in subnet.networks)
            if len(users) <= room:
                continue
            what = ", ".join(sorted(set(users)))
            subpath = subnet.prefixes[0][0]
            yield Finding.at(
                subnet.owner,
                f"subnet '{subnet.label}' has room for {room} addresses (5 are reserved) but "
                f"{len(users)} are needed by {what}",
                *subnet.base,
                *subpath,
                hint="use a larger prefix, or fewer NICs or instances in this subnet",
            )
