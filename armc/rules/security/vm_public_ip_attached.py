"""AZS016: VMs should not have public IPs of their own."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.rules.provenance import label
from armc.semantics.network import NIC, VMSS, network_of
from armc.semantics.reader import known_list

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext

_CONFIGS = (
    "properties",
    "virtualMachineProfile",
    "networkProfile",
    "networkInterfaceConfigurations",
)


class VmPublicIpAttached(Rule):
    id = "AZS016"
    name = "vm-public-ip-attached"
    category = "security"
    default_severity = "warning"
    resource_types = (NIC, VMSS)
    summary = "NICs and scale-set instances should not have their own public IPs."
    rationale = (
        "A public IP on a NIC puts the VM directly on the Internet, where only its NSGs "
        "protect it. Reach VMs through Azure Bastion, a load balancer or a firewall instead, "
        "and use a NAT gateway for outbound traffic. See vm-management-port-exposed for "
        "which ports such a path actually exposes."
    )
    equivalents = ("psrule:Azure.VM.PublicIPAttached", "psrule:Azure.VMSS.PublicIPAttached")

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for config in network_of(ctx).ip_configs:
            if config.public_ip is None:
                continue
            yield Finding.at(
                config.nic,
                f"{label(ctx, config.nic)} has a public IP address",
                *config.base,
                "publicIPAddress",
                hint="remove the public IP; use Azure Bastion or a load balancer",
            )
        for scale_set in ctx.resources(VMSS):
            for nic_path, _ in known_list(ctx, scale_set, *_CONFIGS):
                ips = (*nic_path, "properties", "ipConfigurations")
                for ip_path, _ in known_list(ctx, scale_set, *ips):
                    path = (*ip_path, "properties", "publicIPAddressConfiguration")
                    if ctx.value(scale_set, *path) is None:
                        continue
                    yield Finding.at(
                        scale_set,
                        f"{label(ctx, scale_set)} gives every instance a public IP address",
                        *path,
                        hint="remove publicIPAddressConfiguration; put a load balancer in front",
                    )
