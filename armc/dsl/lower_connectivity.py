"""Lowering of connectivity: NAT gateways, VNet peerings (both directions), VPN gateways with
their public IP, local network gateways and site-to-site connections."""

from __future__ import annotations

from typing import Any

from armc.dsl import ir
from armc.dsl.lower_names import resource_id
from armc.dsl.lower_resources import ResourceLowering
from armc.dsl.values import Position

DEFAULT_VPN_SKU = "VpnGw1AZ"
ALL_ZONES = ["1", "2", "3"]
ConnectivityDecl = (
    ir.NatGatewayDecl | ir.PeeringDecl | ir.VpnGatewayDecl | ir.LocalGatewayDecl | ir.ConnectionDecl
)


def lower_connectivity(resources: ResourceLowering, declaration: ConnectivityDecl) -> None:
    from armc.dsl.lower import iter_instances

    lowering = _ConnectivityLowering(resources)
    for name, index in iter_instances(resources.lw, declaration):
        if isinstance(declaration, ir.NatGatewayDecl):
            lowering.natgw(declaration, name, index)
        elif isinstance(declaration, ir.PeeringDecl):
            lowering.peering(declaration)
        elif isinstance(declaration, ir.VpnGatewayDecl):
            lowering.vpn_gateway(declaration, name, index)
        elif isinstance(declaration, ir.LocalGatewayDecl):
            lowering.local_gateway(declaration, name, index)
        else:
            lowering.connection(declaration, name, index)


class _ConnectivityLowering:
    def __init__(self, resources: ResourceLowering) -> None:
        self.resources = resources
        self.lw = resources.lw

    def _public_ip(
        self, declaration: ir.Declaration, name: str, zones: list[str], index: Position
    ) -> str:
        common = declaration.common
        return self.resources.public_ip(
            f"{name}-pip",
            common.span,
            zones,
            self.lw.condition(common, index),
            common.condition.span if common.condition else None,
            common,
            index,
        )

    def natgw(self, natgw: ir.NatGatewayDecl, name: str, index: Position) -> None:
        zones = [str(self.lw.json(z, index)) for z in natgw.zones]
        pip_key = self._public_ip(natgw, name, zones, index)
        pending, condition = self.resources.start_declaration("natgw", name, natgw, index)
        self.resources.zones(pending, natgw.zones, index)
        body = pending.body
        body.set(("sku",), {"name": "Standard"}, natgw.common.span)
        timeout: Any = 4
        if natgw.idle_timeout is not None:
            timeout = self.lw.int_json(natgw.idle_timeout, "an idle timeout", index)
        body.set(
            ("properties", "idleTimeoutInMinutes"),
            timeout,
            natgw.idle_timeout.span if natgw.idle_timeout else natgw.common.span,
        )
        path = ("properties", "publicIpAddresses")
        body.set(path, [{"id": resource_id("pip", f"{name}-pip")}], natgw.common.span)
        pending.depend(pip_key, natgw.common.name_span, (*path, 0, "id"))
        self.resources.finish_declaration(pending, natgw, condition)

    def peering(self, peering: ir.PeeringDecl) -> None:
        left, right = peering.left.text, peering.right.text
        transit = peering.gateway_transit
        sides = ((left, right, peering.left), (right, left, peering.right))
        for local, remote, local_word in sides:
            pending = self.lw.start("peering", f"{local}/{local}-to-{remote}", peering.common.span)
            body = pending.body
            properties: dict[str, Any] = {
                "remoteVirtualNetwork": {"id": resource_id("vnet", remote)},
                "allowVirtualNetworkAccess": True,
                "allowForwardedTraffic": False,
                "allowGatewayTransit": transit is not None and local == left,
                "useRemoteGateways": transit is not None and local == right,
            }
            body.set(("properties",), properties, peering.common.span)
            body.span(("name",), local_word.span)
            pending.depend(f"vnet:{local}", local_word.span, ())
            pending.depend(
                f"vnet:{remote}",
                peering.right.span if local == left else peering.left.span,
                ("properties", "remoteVirtualNetwork", "id"),
            )
            if transit is not None:
                body.span(("properties", "allowGatewayTransit"), transit)
                body.span(("properties", "useRemoteGateways"), transit)
                # gateway transit needs the gateway to exist: an ordering, not a reference
                for gateway in self._gateways_of(left):
                    pending.depend(f"vpn-gateway:{gateway}", transit, (), "explicit")
            condition = self.lw.condition(peering.common, None)
            self.resources.finish_declaration(pending, peering, condition)

    def _gateways_of(self, vnet: str) -> list[str]:
        return [
            d.common.name
            for d in self.lw.module.declarations
            if isinstance(d, ir.VpnGatewayDecl) and d.subnet.text.partition(".")[0] == vnet
        ]

    def vpn_gateway(self, gateway: ir.VpnGatewayDecl, name: str, index: Position) -> None:
        sku: Any = DEFAULT_VPN_SKU
        if gateway.sku is not None:
            sku = self.lw.json(gateway.sku, index)
        zonal = not isinstance(sku, str) or sku.lower().endswith("az")
        zones = [str(self.lw.json(z, index)) for z in gateway.zones] or (
            list(ALL_ZONES) if zonal else []
        )
        pip_key = self._public_ip(gateway, name, zones, index)
        pending, condition = self.resources.start_declaration("vpn-gateway", name, gateway, index)
        body = pending.body
        span = gateway.common.span
        body.set(("properties", "gatewayType"), "Vpn", span)
        body.set(("properties", "vpnType"), "RouteBased", span)
        body.set(
            ("properties", "sku"),
            {"name": sku, "tier": sku},
            gateway.sku.span if gateway.sku else span,
        )
        body.set(("properties", "activeActive"), False, span)
        body.set(("properties", "enableBgp"), gateway.bgp_asn is not None, span)
        config_path = ("properties", "ipConfigurations", 0, "properties")
        config = {
            "name": "default",
            "properties": {
                "privateIPAllocationMethod": "Dynamic",
                "subnet": {
                    "id": self.resources.subnet_id(
                        pending, gateway.subnet, (*config_path, "subnet", "id")
                    )
                },
                "publicIPAddress": {"id": resource_id("pip", f"{name}-pip")},
            },
        }
        body.set(("properties", "ipConfigurations"), [config], gateway.subnet.span)
        pending.depend(pip_key, gateway.common.name_span, (*config_path, "publicIPAddress", "id"))
        if gateway.bgp_asn is not None:
            body.set(
                ("properties", "bgpSettings", "asn"),
                self.lw.int_json(gateway.bgp_asn, "a BGP ASN", index),
                gateway.bgp_asn.span,
            )
        self.resources.finish_declaration(pending, gateway, condition)

    def local_gateway(self, local: ir.LocalGatewayDecl, name: str, index: Position) -> None:
        pending, condition = self.resources.start_declaration("local-gateway", name, local, index)
        body = pending.body
        body.set(("properties", "gatewayIpAddress"), self.lw.json(local.ip, index), local.ip.span)
        body.set(
            ("properties", "localNetworkAddressSpace", "addressPrefixes"),
            [self.lw.json(p, index) for p in local.prefixes],
            local.prefixes[0].span,
        )
        self.resources.finish_declaration(pending, local, condition)

    def connection(self, connection: ir.ConnectionDecl, name: str, index: Position) -> None:
        pending, condition = self.resources.start_declaration("connection", name, connection, index)
        body = pending.body
        span = connection.common.span
        gateway, local = connection.gateway, connection.local
        # `properties: {}` in the gateway references: the official schema requires it (as the
        # Azure quickstarts write it)
        body.set(("properties", "connectionType"), "IPsec", span)
        body.set(("properties", "connectionProtocol"), "IKEv2", span)
        body.set(
            ("properties", "virtualNetworkGateway1"),
            {"id": resource_id("vpn-gateway", gateway.text), "properties": {}},
            gateway.span,
        )
        pending.depend(
            f"vpn-gateway:{gateway.text}",
            gateway.span,
            ("properties", "virtualNetworkGateway1", "id"),
        )
        body.set(
            ("properties", "localNetworkGateway2"),
            {"id": resource_id("local-gateway", local.text), "properties": {}},
            local.span,
        )
        pending.depend(
            f"local-gateway:{local.text}", local.span, ("properties", "localNetworkGateway2", "id")
        )
        body.set(
            ("properties", "sharedKey"),
            self.lw.json(connection.shared_key, index),
            connection.shared_key.span,
        )
        body.set(("properties", "enableBgp"), False, span)
        self.resources.finish_declaration(pending, connection, condition)
