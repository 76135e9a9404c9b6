"""AZR007: custom DNS for a VNet needs at least two servers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.rules.provenance import label

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


class VnetSingleDns(Rule):
    id = "AZR007"
    name = "vnet-single-dns"
    category = "reliability"
    default_severity = "warning"
    resource_types = ("Microsoft.Network/virtualNetworks",)
    summary = "A VNet with custom DNS servers should list at least two."
    rationale = (
        "When `dhcpOptions.dnsServers` names a single server, every VM of the network loses "
        "name resolution (and with it most of its dependencies) whenever that server is "
        "down or patched. List two servers, or use Azure-provided DNS."
    )
    equivalents = ("psrule:Azure.VNET.SingleDNS",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for vnet in ctx.resources("Microsoft.Network/virtualNetworks"):
            servers = ctx.value(vnet, "properties", "dhcpOptions", "dnsServers")
            if not isinstance(servers, list) or len(servers) != 1:
                continue
            yield Finding.at(
                vnet,
                f"{label(ctx, vnet)} has a single custom DNS server",
                "properties",
                "dhcpOptions",
                "dnsServers",
                hint="add a second DNS server",
            )
