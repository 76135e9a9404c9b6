"""Connectivity checks: static private IPs and secondary NICs of VMs, NAT gateways, VNet
peerings, VPN gateways, local network gateways and site-to-site connections.

Each check reports what Azure would reject, at the clause that causes it: an address outside
its subnet or reserved by Azure, NICs of one VM in different vnets, peered vnets whose address
spaces overlap, a VPN gateway outside a `GatewaySubnet`, a shared key written in the program."""

from __future__ import annotations

import ipaddress

from armc.diagnostics import Diagnostics, Related, did_you_mean
from armc.dsl import ir
from armc.dsl.codes import report
from armc.dsl.passes.names import resolve, resolve_subnet
from armc.dsl.passes.network import Network, parse_network
from armc.dsl.passes.symbols import Symbols
from armc.source import Span

GATEWAY_SUBNET = "GatewaySubnet"
MAX_GATEWAY_SUBNET_PREFIX = 29  # Azure's minimum; /27 is recommended
VPN_SKUS = ("VpnGw1AZ", "VpnGw2AZ", "VpnGw3AZ", "VpnGw4AZ", "VpnGw5AZ")
LEGACY_VPN_SKUS = ("Basic", "VpnGw1", "VpnGw2", "VpnGw3", "VpnGw4", "VpnGw5")
NAT_IDLE_TIMEOUT = (4, 120)
PRIVATE_RANGES = tuple(
    ipaddress.ip_network(n)
    for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "127.0.0.0/8")
)
"""Addresses an on-premises VPN device cannot be reached at from Azure (RFC 1918, CGNAT,
loopback); documentation ranges such as 203.0.113.0/24 are allowed for examples."""
RESERVED_ASNS = frozenset({0, 65515, 65517, 65518, 65519, 65520, 23456})
MAX_ASN = 4294967295


def reserved_in(address: ipaddress.IPv4Address | ipaddress.IPv6Address, network: Network) -> bool:
    """Azure reserves a subnet's first four addresses and its last (IPv4)."""
    offset = int(address) - int(network.network_address)
    return offset < 4 or address == network.broadcast_address


class ConnectivityChecks:
    def __init__(self, symbols: Symbols, diagnostics: Diagnostics) -> None:
        self.symbols = symbols
        self.diagnostics = diagnostics
        self.static_ips: dict[str, ir.Word] = {}

    def error(self, message: str, span: Span, hint: str | None = None) -> None:
        report(self.diagnostics, "DSL311", message, span, hint=hint)

    def _is_value_name(self, word: ir.Word) -> bool:
        return word.text in self.symbols.params or word.text in self.symbols.variables

    def run(self, module: ir.Module) -> None:
        for declaration in module.declarations:
            if isinstance(declaration, ir.VnetDecl):
                for subnet in declaration.subnets:
                    if subnet.nat is not None:
                        resolve(self.symbols, "natgw", subnet.nat, self.diagnostics)
            elif isinstance(declaration, ir.ComputeDecl):
                self.compute(declaration)
            elif isinstance(declaration, ir.NatGatewayDecl):
                self.natgw(declaration)
            elif isinstance(declaration, ir.PeeringDecl):
                self.peering(declaration, module)
            elif isinstance(declaration, ir.VpnGatewayDecl):
                self.vpn_gateway(declaration)
            elif isinstance(declaration, ir.LocalGatewayDecl):
                self.local_gateway(declaration)
            elif isinstance(declaration, ir.ConnectionDecl):
                self.connection(declaration)

    # ---- vm addresses and NICs -----------------------------------------------------------------

    def _subnet_network(self, reference: ir.Word) -> Network | None:
        vnet, _, name = reference.text.partition(".")
        subnet = self.symbols.subnets.get(vnet, {}).get(name)
        return parse_network(subnet.prefix.text) if subnet is not None else None

    def static_ip(self, ip: ir.Word, subnet: ir.Word | None) -> None:
        if self._is_value_name(ip):
            return
        try:
            address = ipaddress.ip_address(ip.text)
        except ValueError:
            report(self.diagnostics, "DSL302", f"'{ip.text}' is not an IP address", ip.span)
            return
        network = self._subnet_network(subnet) if subnet is not None else None
        if network is not None and subnet is not None:
            if address not in network:
                self.error(f"{address} is outside subnet {subnet.text} ({network})", ip.span)
            elif reserved_in(address, network):
                self.error(
                    f"{address} is reserved by Azure in {network} (the first four addresses "
                    "and the last)",
                    ip.span,
                )
        first = self.static_ips.get(ip.text)
        if first is not None:
            report(
                self.diagnostics,
                "DSL311",
                f"{address} is assigned twice",
                ip.span,
                related=[Related(first.span, "first assigned here")],
            )
        else:
            self.static_ips[ip.text] = ip

    def compute(self, compute: ir.ComputeDecl) -> None:
        if compute.private_ip is not None:
            if compute.kind == "vmss":
                report(
                    self.diagnostics,
                    "DSL107",
                    "a scale set's instances take their addresses from the subnet",
                    compute.private_ip.span,
                )
            elif compute.common.count is not None:
                report(
                    self.diagnostics,
                    "DSL107",
                    "a counted vm cannot have one static private IP",
                    compute.private_ip.span,
                    hint="declare each VM on its own, or leave the address dynamic",
                )
            else:
                self.static_ip(compute.private_ip, compute.subnet)
        if compute.nics and compute.kind == "vmss":
            report(
                self.diagnostics,
                "DSL107",
                "secondary NICs are only supported on a vm",
                compute.nics[0].span,
            )
            return
        primary_vnet = compute.subnet.text.partition(".")[0] if compute.subnet else None
        names: set[str] = set()
        for nic in compute.nics:
            if nic.name in names:
                report(
                    self.diagnostics,
                    "DSL202",
                    f"nic '{nic.name}' is declared twice in {compute.kind} '{compute.common.name}'",
                    nic.name_span,
                )
            names.add(nic.name)
            if resolve_subnet(self.symbols, nic.subnet, self.diagnostics) is None:
                continue
            vnet = nic.subnet.text.partition(".")[0]
            if primary_vnet is not None and vnet != primary_vnet:
                self.error(
                    f"every NIC of a VM must be in its vnet '{primary_vnet}', not '{vnet}'",
                    nic.subnet.span,
                )
            if nic.nsg is not None:
                resolve(self.symbols, "nsg", nic.nsg, self.diagnostics)
            if nic.private_ip is not None:
                if compute.common.count is not None:
                    report(
                        self.diagnostics,
                        "DSL107",
                        "a counted vm cannot have one static private IP",
                        nic.private_ip.span,
                    )
                else:
                    self.static_ip(nic.private_ip, nic.subnet)

    # ---- NAT gateway ---------------------------------------------------------------------------

    def natgw(self, natgw: ir.NatGatewayDecl) -> None:
        if len(natgw.zones) > 1:
            self.error(
                "a NAT gateway lives in at most one zone",
                natgw.zones[1].span,
                hint="declare one NAT gateway per zone",
            )
        timeout = natgw.idle_timeout
        if timeout is not None and not self._is_value_name(timeout):
            low, high = NAT_IDLE_TIMEOUT
            if not (timeout.text.isdigit() and low <= int(timeout.text) <= high):
                self.error(f"the idle timeout is {low} to {high} minutes", timeout.span)

    # ---- peering -------------------------------------------------------------------------------

    def _vnet(self, word: ir.Word) -> ir.VnetDecl | None:
        if not resolve(self.symbols, "vnet", word, self.diagnostics):
            return None
        vnet = self.symbols.declaration("vnet", word.text)
        return vnet if isinstance(vnet, ir.VnetDecl) else None

    def peering(self, peering: ir.PeeringDecl, module: ir.Module) -> None:
        left, right = self._vnet(peering.left), self._vnet(peering.right)
        if left is None or right is None:
            return
        if left is right:
            self.error("a vnet cannot be peered with itself", peering.right.span)
            return
        for first in (left, right):
            if first.common.count is not None:
                self.error("a counted vnet cannot be peered", first.common.name_span)
                return
        reverse = self.symbols.declaration("peering", f"{right.common.name}-{left.common.name}")
        if reverse is not None:
            report(
                self.diagnostics,
                "DSL202",
                f"vnets '{left.common.name}' and '{right.common.name}' are peered twice "
                "(a peering declares both directions)",
                peering.common.span,
            )
        for mine in self._spaces(left):
            for theirs in self._spaces(right):
                if mine.version == theirs.version and mine.overlaps(theirs):
                    self.error(
                        f"peered vnets must not overlap: {left.common.name} ({mine}) and "
                        f"{right.common.name} ({theirs})",
                        peering.right.span,
                    )
                    return
        if peering.gateway_transit is not None:
            gateways = [
                d
                for d in module.declarations
                if isinstance(d, ir.VpnGatewayDecl)
                and d.subnet.text.partition(".")[0] == left.common.name
            ]
            if not gateways:
                self.error(
                    f"gateway transit needs a vpn-gateway in vnet '{left.common.name}'",
                    peering.gateway_transit,
                    hint="the first vnet of the peering shares its gateway with the second",
                )

    def _spaces(self, vnet: ir.VnetDecl) -> list[Network]:
        return [n for n in (parse_network(p.text) for p in vnet.prefixes) if n is not None]

    # ---- VPN -----------------------------------------------------------------------------------

    def vpn_gateway(self, gateway: ir.VpnGatewayDecl) -> None:
        resolved = resolve_subnet(self.symbols, gateway.subnet, self.diagnostics)
        if resolved is not None:
            vnet, subnet = resolved
            if subnet != GATEWAY_SUBNET:
                self.error(
                    f"a VPN gateway must use a subnet named '{GATEWAY_SUBNET}', not '{subnet}'",
                    gateway.subnet.span,
                )
            network = self._subnet_network(gateway.subnet)
            if network is not None and network.prefixlen > MAX_GATEWAY_SUBNET_PREFIX:
                declaration = self.symbols.subnets[vnet][subnet]
                self.error(
                    f"the gateway subnet needs a /{MAX_GATEWAY_SUBNET_PREFIX} or larger prefix "
                    f"(/27 recommended), not /{network.prefixlen}",
                    declaration.prefix.span,
                )
        sku = gateway.sku
        if sku is not None and not self._is_value_name(sku):
            known = {s.lower(): s for s in (*VPN_SKUS, *LEGACY_VPN_SKUS)}
            if sku.text.lower() not in known:
                self.error(
                    f"'{sku.text}' is not a VPN gateway SKU",
                    sku.span,
                    hint=did_you_mean(sku.text, VPN_SKUS) or f"one of {', '.join(VPN_SKUS)}",
                )
            elif not sku.text.lower().endswith("az") and gateway.zones:
                self.error(
                    f"zones need a zone-redundant SKU ({sku.text}AZ)",
                    gateway.zones[0].span,
                )
        asn = gateway.bgp_asn
        if asn is not None and not self._is_value_name(asn):
            if not asn.text.isdigit() or not 1 <= int(asn.text) <= MAX_ASN:
                self.error(f"a BGP ASN is a number from 1 to {MAX_ASN}", asn.span)
            elif int(asn.text) in RESERVED_ASNS:
                self.error(f"ASN {asn.text} is reserved by Azure", asn.span)

    def local_gateway(self, local: ir.LocalGatewayDecl) -> None:
        if not self._is_value_name(local.ip):
            try:
                address = ipaddress.ip_address(local.ip.text)
            except ValueError:
                report(
                    self.diagnostics,
                    "DSL302",
                    f"'{local.ip.text}' is not an IP address",
                    local.ip.span,
                )
            else:
                if any(address in network for network in PRIVATE_RANGES):
                    self.error(
                        f"{address} is a private address: the on-premises VPN device needs a "
                        "public one",
                        local.ip.span,
                    )
        for prefix in local.prefixes:
            if not self._is_value_name(prefix) and parse_network(prefix.text) is None:
                report(
                    self.diagnostics,
                    "DSL302",
                    f"'{prefix.text}' is not a valid address prefix",
                    prefix.span,
                )

    def connection(self, connection: ir.ConnectionDecl) -> None:
        gateway_ok = resolve(self.symbols, "vpn-gateway", connection.gateway, self.diagnostics)
        local_ok = resolve(self.symbols, "local-gateway", connection.local, self.diagnostics)
        self.shared_key(connection.shared_key)
        if not (gateway_ok and local_ok):
            return
        gateway = self.symbols.declaration("vpn-gateway", connection.gateway.text)
        local = self.symbols.declaration("local-gateway", connection.local.text)
        if not isinstance(gateway, ir.VpnGatewayDecl) or not isinstance(local, ir.LocalGatewayDecl):
            return
        vnet = self.symbols.declaration("vnet", gateway.subnet.text.partition(".")[0])
        if not isinstance(vnet, ir.VnetDecl):
            return
        for prefix in local.prefixes:
            remote = parse_network(prefix.text)
            for space in self._spaces(vnet):
                if (
                    remote is not None
                    and remote.version == space.version
                    and remote.overlaps(space)
                ):
                    self.error(
                        f"on-premises prefix {remote} overlaps vnet '{vnet.common.name}' "
                        f"({space}): traffic could not be routed",
                        prefix.span,
                    )

    def shared_key(self, key: ir.Arg) -> None:
        """The IPsec shared key is a secret: a `secure string` parameter, never a literal."""
        if isinstance(key, ir.Word):
            param = self.symbols.params.get(key.text)
            if param is not None and param.secure:
                return
            if param is not None:
                report(
                    self.diagnostics,
                    "DSL307",
                    f"parameter '{key.text}' holds a shared key and must be secure",
                    key.span,
                    hint=f"declare it as 'param {key.text}: secure string'",
                )
                return
            if key.text in self.symbols.variables:
                report(
                    self.diagnostics,
                    "DSL307",
                    "a shared key cannot come from a variable; use a secure parameter",
                    key.span,
                )
                return
            candidates = [p for p, d in self.symbols.params.items() if d.secure]
            report(
                self.diagnostics,
                "DSL201",
                f"undefined secure parameter '{key.text}'",
                key.span,
                hint=did_you_mean(key.text, candidates),
            )
            return
        report(
            self.diagnostics,
            "DSL307",
            "shared keys must not be written in the program",
            key.span,
            hint="use a 'secure string' parameter, optionally with keyvault(...)",
        )


def check_connectivity(module: ir.Module, symbols: Symbols, diagnostics: Diagnostics) -> None:
    ConnectivityChecks(symbols, diagnostics).run(module)
