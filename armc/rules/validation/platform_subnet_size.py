"""AZV007: platform subnets (Bastion, gateway, firewall) need a minimum size."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.semantics.network import SUBNET, VNET, network_of

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext

MIN_PREFIX = {
    "azurebastionsubnet": ("AzureBastionSubnet", 26),
    "gatewaysubnet": ("GatewaySubnet", 27),
    "azurefirewallsubnet": ("AzureFirewallSubnet", 26),
    "azurefirewallmanagementsubnet": ("AzureFirewallManagementSubnet", 26),
    "routeserversubnet": ("RouteServerSubnet", 27),
}


class PlatformSubnetSize(Rule):
    id = "AZV007"
    name = "platform-subnet-size"
    category = "validation"
    default_severity = "error"
    resource_types = (VNET, SUBNET)
    summary = "Platform subnets must be large enough: Bastion and Firewall /26, gateway /27."
    rationale = (
        "Azure Bastion needs a subnet named AzureBastionSubnet of /26 or larger, Azure "
        "Firewall an AzureFirewallSubnet (and AzureFirewallManagementSubnet) of /26, VPN and "
        "ExpressRoute gateways a GatewaySubnet of /27 or larger, Route Server a "
        "RouteServerSubnet of /27. A smaller subnet makes the service deployment fail."
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for subnet in network_of(ctx).subnets:
            if subnet.name is None:
                continue
            spec = MIN_PREFIX.get(subnet.name.lower())
            if spec is None:
                continue
            exact, minimum = spec
            for subpath, network, text in subnet.prefixes:
                if network is None or network.version != 4 or network.prefixlen <= minimum:
                    continue
                yield Finding.at(
                    subnet.owner,
                    f"{exact} '{subnet.label}' is {text}; it must be /{minimum} or larger",
                    *subnet.base,
                    *subpath,
                    hint=f"use a /{minimum} (or larger) prefix for {exact}",
                )
