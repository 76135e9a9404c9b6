"""AZV009: a static private IP must be a usable address of its subnet, used once."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.semantics.cidr import is_reserved_in, parse_address
from armc.semantics.network import NIC, IpConfig, network_of
from armc.semantics.reader import display_name

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


class StaticPrivateIp(Rule):
    id = "AZV009"
    name = "static-private-ip"
    category = "validation"
    default_severity = "error"
    resource_types = (NIC,)
    summary = "Static private IPs must be usable addresses of their subnet, each used once."
    rationale = (
        "A NIC's static `privateIPAddress` must lie inside its subnet's prefix and must not be "
        "one of the 5 addresses Azure reserves (the network address, the next three, and the "
        "broadcast address); two NICs cannot have the same address. Azure rejects the NIC "
        "otherwise (PrivateIPAddressNotInSubnet, PrivateIPAddressInReservedRange, "
        "PrivateIPAddressInUse)."
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        network = network_of(ctx)
        taken: dict[tuple[int, str], IpConfig] = {}
        for config in network.ip_configs:
            if config.static_ip is None:
                continue
            address = parse_address(config.static_ip)
            subnet = network.subnet(config.subnet)
            path = (*config.base, "privateIPAddress")
            nic = display_name(ctx, config.nic)
            if address is None:
                yield Finding.at(config.nic, f"'{config.static_ip}' is not an IP address", *path)
                continue
            if subnet is None or subnet.prefixes_unknown or not subnet.networks:
                continue
            inside = [n for n in subnet.networks if n.version == address.version and address in n]
            ranges = ", ".join(str(n) for n in subnet.networks)
            if not inside:
                yield Finding.at(
                    config.nic,
                    f"NIC '{nic}' has the static address {address}, outside its "
                    f"subnet '{subnet.label}' ({ranges})",
                    *path,
                    hint="pick an address inside the subnet",
                )
            elif is_reserved_in(address, inside[0]):
                yield Finding.at(
                    config.nic,
                    f"NIC '{nic}' has the static address {address}, which Azure "
                    f"reserves in subnet '{subnet.label}' ({inside[0]})",
                    *path,
                    hint="the first four addresses and the last one of a subnet are reserved",
                )
            else:
                first = taken.setdefault((id(subnet), str(address)), config)
                if first is not config:
                    yield Finding(
                        f"NIC '{nic}' has the static address {address}, already "
                        f"given to NIC '{display_name(ctx, first.nic)}'",
                        config.nic.path + path,
                        config.nic.key,
                        related=(
                            (first.nic.path + first.base, f"NIC '{display_name(ctx, first.nic)}'"),
                        ),
                    )
