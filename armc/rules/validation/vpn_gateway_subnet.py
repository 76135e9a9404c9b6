"""AZV054: a virtual network gateway lives in the subnet named GatewaySubnet."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.semantics.network import parse_resource_id, parse_resource_id_call
from armc.semantics.reader import display_name, known_list

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext

GATEWAY = "microsoft.network/virtualnetworkgateways"
SUBNET = "microsoft.network/virtualnetworks/subnets"


def subnet_name(text: str) -> str | None:
    """The subnet name of a subnet id, literal or `resourceId(...)` with literal arguments."""
    parsed = parse_resource_id_call(text) if text.startswith("[") else parse_resource_id(text)
    if parsed is None or parsed[0] != SUBNET or len(parsed[1]) != 2:
        return None
    return parsed[1][1]


class VpnGatewaySubnet(Rule):
    id = "AZV054"
    name = "vpn-gateway-subnet"
    category = "validation"
    default_severity = "error"
    resource_types = (GATEWAY,)
    summary = "A virtual network gateway must use the subnet named `GatewaySubnet`."
    rationale = (
        "Azure deploys VPN and ExpressRoute gateways only into a subnet called exactly "
        "`GatewaySubnet` (a /27 or larger is recommended); any other subnet is rejected."
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for gateway in ctx.resources(GATEWAY):
            for path, _ in known_list(ctx, gateway, "properties", "ipConfigurations"):
                subnet_path = (*path, "properties", "subnet", "id")
                raw = ctx.value(gateway, *subnet_path)
                if not isinstance(raw, str) or ctx.is_unknown(raw):
                    continue
                name = subnet_name(raw)
                if name is None or name == "GatewaySubnet":
                    continue
                yield Finding(
                    f"gateway '{display_name(ctx, gateway)}' uses subnet '{name}', not "
                    "'GatewaySubnet'",
                    (*gateway.path, *subnet_path),
                    gateway.key,
                    hint="add a subnet named GatewaySubnet (/27 or larger) and use it",
                )
