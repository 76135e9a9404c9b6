"""AZR050: a VPN gateway uses a zone-redundant (AZ) SKU."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.semantics.reader import display_name, known_text

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext

GATEWAY = "microsoft.network/virtualnetworkgateways"


class VpnGatewayZoneRedundant(Rule):
    id = "AZR050"
    name = "vpn-gateway-zone-redundant"
    category = "reliability"
    default_severity = "warning"
    resource_types = (GATEWAY,)
    summary = "A VPN gateway should use an AZ SKU (VpnGw1AZ to VpnGw5AZ)."
    rationale = (
        "The AZ SKUs spread the gateway's instances over availability zones behind a Standard "
        "public IP, so one zone failing does not cut the site-to-site link. Microsoft is "
        "moving the non-AZ SKUs (VpnGw1 to VpnGw5) to the AZ SKUs, and Basic has no zone "
        "support and no Standard IP. New gateways should start on an AZ SKU."
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for gateway in ctx.resources(GATEWAY):
            kind = known_text(ctx, gateway, "properties", "gatewayType")
            if kind is not None and kind.lower() != "vpn":
                continue
            sku = known_text(ctx, gateway, "properties", "sku", "name")
            if sku is None or sku.lower().endswith("az"):
                continue
            yield Finding(
                f"VPN gateway '{display_name(ctx, gateway)}' uses SKU {sku}, which is not "
                "zone-redundant",
                (*gateway.path, "properties", "sku", "name"),
                gateway.key,
                hint=f"use {sku}AZ" if sku.lower().startswith("vpngw") else "use VpnGw1AZ",
            )
