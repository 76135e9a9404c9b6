"""AZS029: subnets should have an NSG."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.semantics.network import SUBNET, VNET, network_of

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext

EXEMPT = frozenset(
    {
        "gatewaysubnet",
        "azurefirewallsubnet",
        "azurefirewallmanagementsubnet",
        "routeserversubnet",
        "azurebastionsubnet",
    }
)
"""Platform subnets that do not take an NSG (or, for Bastion, need none)."""


class VnetSubnetNsg(Rule):
    id = "AZS029"
    name = "vnet-subnet-nsg"
    category = "security"
    default_severity = "warning"
    resource_types = (VNET, SUBNET)
    summary = "Subnets should have a network security group."
    rationale = (
        "An NSG on the subnet filters traffic for everything in it, including resources "
        "added later without their own NSG. Without one, a VM with a Basic public IP is open "
        "to the Internet and traffic between subnets is unrestricted. GatewaySubnet, "
        "AzureFirewallSubnet, AzureFirewallManagementSubnet and RouteServerSubnet do not "
        "take NSGs, and AzureBastionSubnet needs none (Bastion hardens it), so they are not "
        "reported."
    )
    equivalents = ("psrule:Azure.VNET.UseNSGs",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for subnet in network_of(ctx).subnets:
            if subnet.name is None or subnet.name.lower() in EXEMPT or subnet.nsg is not None:
                continue
            if ctx.is_unknown(ctx.value(subnet.owner, *subnet.base)):
                continue
            yield Finding.at(
                subnet.owner,
                f"subnet '{subnet.label}' has no network security group",
                *subnet.base,
                hint="associate an NSG (properties.networkSecurityGroup.id)",
            )
