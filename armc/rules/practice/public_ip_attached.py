"""AZP015: public IPs should be attached to something."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.rules.provenance import label
from armc.semantics.network import PIP, network_of

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


CONSUMERS = (
    "Microsoft.Network/networkInterfaces",
    "Microsoft.Network/loadBalancers",
    "Microsoft.Network/bastionHosts",
    "Microsoft.Network/virtualNetworkGateways",
    "Microsoft.Network/azureFirewalls",
    "Microsoft.Network/natGateways",
    "Microsoft.Network/applicationGateways",
    "Microsoft.Compute/virtualMachineScaleSets",
)
"""Resources that use public IPs: a template without any deploys public IPs for others."""


class PublicIpAttached(Rule):
    id = "AZP015"
    name = "public-ip-attached"
    category = "practice"
    default_severity = "info"
    resource_types = (PIP,)
    summary = "Public IP addresses should be used by a NIC, load balancer, gateway or Bastion."
    rationale = (
        "A public IP that nothing uses is billed (Standard SKU) and is an address an "
        "attacker can probe once it is attached by hand. armc counts a public IP as used when "
        "another resource of the template references it or depends on it; an output alone "
        "does not count. A template that deploys no resource able to use a public IP is not "
        "checked: its public IPs are for another deployment."
    )
    equivalents = ("psrule:Azure.PublicIP.IsAttached",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        if not ctx.resources(*CONSUMERS):
            return  # a template of public IPs only: they are used by another deployment
        network = network_of(ctx)
        if any(
            c.public_ip is not None and c.public_ip.resource is None for c in network.ip_configs
        ):
            return  # a NIC's public IP is only known at deployment: stay silent
        used = {
            d.target
            for resource in ctx.template.resources
            for d in resource.dependencies
            if resource.type_lower != PIP
        }
        used |= {
            c.public_ip.resource.key
            for c in network.ip_configs
            if c.public_ip is not None and c.public_ip.resource is not None
        }
        for pip in ctx.resources(PIP):
            if pip.key not in used:
                yield Finding.at(pip, f"{label(ctx, pip)} is not used by any resource")
