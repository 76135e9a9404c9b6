"""Shaping connectivity declarations: NAT gateways (`natgw`), VNet peerings (`peering`), VPN
gateways (`vpn-gateway`), local network gateways (`local-gateway`) and site-to-site
connections (`connection`); and a vm's secondary NICs (`nic`)."""

from __future__ import annotations

from collections.abc import Sequence

from armc.dsl import ir
from armc.dsl.clause_reader import COMMON_CLAUSES, ArgReader, ClauseShaper, Settings, end_span

NIC_OPTIONS = ("subnet", "private-ip", "nsg")
FLAG_OPTIONS = ("rotation",)  # options that may stand alone


class ConnectivityShapes(ClauseShaper):
    def _options(
        self, clause: ir.Clause, args: Sequence[ir.Arg], options: Sequence[str], what: str
    ) -> dict[str, list[ir.Arg]]:
        """`OPTION VALUE...` pairs: each option takes the words up to the next option."""
        reader = ArgReader(clause, self.diagnostics, args)
        found: dict[str, list[ir.Arg]] = {}
        while not reader.done:
            option = reader.choice(what, options)
            if option is None:
                reader.rest()
                break
            if option.text in found:
                self.report("DSL110", f"'{option.text}' is given more than once", option.span)
            values = reader.until(options)
            if not values and option.text not in FLAG_OPTIONS:
                self.report("DSL106", f"'{option.text}' needs a value", end_span(option.span))
            found[option.text] = values
        return found

    def _one_word(self, found: dict[str, list[ir.Arg]], option: str) -> ir.Word | None:
        values = found.get(option, [])
        for extra in values[1:]:
            self.report("DSL107", f"'{option}' takes one value", extra.span)
        if not values:
            return None
        if not isinstance(values[0], ir.Word):
            self.report("DSL311", f"'{option}' expects a word here", values[0].span)
            return None
        return values[0]

    def _words(self, values: Sequence[ir.Arg]) -> tuple[ir.Word, ...]:
        words: list[ir.Word] = []
        for value in values:
            if isinstance(value, ir.Word):
                words.append(value)
            else:
                self.report("DSL311", "expected a word here", value.span)
        return tuple(words)

    def _header_and_settings(
        self, clause: ir.Clause, options: Sequence[str], kind: str
    ) -> tuple[ir.Arg | None, dict[str, list[ir.Arg]], Settings, list[ir.Arg]]:
        """The name, `OPTION VALUE` pairs after it or in the block, the block's settings and
        any zones(...) of the header."""
        reader = self._reader(clause)
        name = reader.arg("a name")
        header = reader.rest()
        zones: list[ir.Arg] = [
            a for a in header if isinstance(a, ir.CallWord) and a.name == "zones"
        ]
        rest = [a for a in header if a not in zones]
        found = self._options(clause, rest, options, f"a {kind} option")
        settings = self._settings(clause, (*options, "zone", "zones", *COMMON_CLAUSES), kind)
        for option in options:
            for setting in settings.all(option):
                self._no_block(setting)
                if option in found:
                    self.report(
                        "DSL110", f"'{option}' is given more than once", setting.keyword_span
                    )
                found[option] = list(setting.args)
        return name, found, settings, zones

    # ---- declarations ------------------------------------------------------------------------

    def natgw(self, clause: ir.Clause) -> ir.NatGatewayDecl | None:
        name, found, settings, zones = self._header_and_settings(clause, ("idle-timeout",), "natgw")
        common = self._common(clause, settings, name, "natgw")
        if common is None:
            return None
        return ir.NatGatewayDecl(
            common, self._zones(settings, zones), self._one_word(found, "idle-timeout")
        )

    def peering(self, clause: ir.Clause) -> ir.PeeringDecl | None:
        """`peering A B [gateway-transit]`."""
        self._no_block(clause)
        reader = self._reader(clause)
        left = reader.word("the first vnet")
        right = reader.word("the second vnet")
        transit = None
        if reader.peek_word() == "gateway-transit":
            arg = reader.arg("gateway-transit")
            transit = arg.span if arg is not None else None
        reader.finish()
        if left is None or right is None:
            return None
        name = ir.Word(f"{left.text}-{right.text}", left.span)
        common = self._common(clause, Settings(), name, "peering")
        if common is None:
            return None
        return ir.PeeringDecl(common, left, right, transit)

    def vpn_gateway(self, clause: ir.Clause) -> ir.VpnGatewayDecl | None:
        name, found, settings, zones = self._header_and_settings(
            clause, ("subnet", "sku", "bgp-asn"), "vpn-gateway"
        )
        common = self._common(clause, settings, name, "vpn-gateway")
        subnet = self._one_word(found, "subnet")
        if common is None:
            return None
        if subnet is None:
            self.report(
                "DSL106",
                "'vpn-gateway' needs 'subnet vnet.GatewaySubnet'",
                end_span(common.name_span),
            )
            return None
        return ir.VpnGatewayDecl(
            common,
            subnet,
            self._one_word(found, "sku"),
            self._zones(settings, zones),
            self._one_word(found, "bgp-asn"),
        )

    def local_gateway(self, clause: ir.Clause) -> ir.LocalGatewayDecl | None:
        name, found, settings, zones = self._header_and_settings(
            clause, ("ip", "prefixes"), "local-gateway"
        )
        for zone in zones:
            self.report("DSL107", "a local network gateway has no zones", zone.span)
        common = self._common(clause, settings, name, "local-gateway")
        ip = self._one_word(found, "ip")
        prefixes = self._words(found.get("prefixes", []))
        if common is None:
            return None
        if ip is None or not prefixes:
            self.report(
                "DSL106",
                "'local-gateway' needs 'ip ADDRESS' and 'prefixes CIDR...' (the on-premises "
                "VPN device and networks)",
                end_span(common.name_span),
            )
            return None
        return ir.LocalGatewayDecl(common, ip, prefixes)

    def connection(self, clause: ir.Clause) -> ir.ConnectionDecl | None:
        """`connection NAME GATEWAY -> LOCAL shared-key SECURE_PARAM`."""
        reader = self._reader(clause)
        name = reader.arg("a name")
        gateway = reader.word("a vpn-gateway name")
        arrow = reader.arg("'->'")
        if arrow is not None and not isinstance(arrow, ir.Arrow):
            self.report("DSL311", "expected '->' between the gateways", arrow.span)
        local = reader.word("a local-gateway name")
        key: ir.Arg | None = None
        if reader.peek_word() == "shared-key":
            reader.arg("shared-key")
            key = reader.arg("a secure parameter holding the IPsec shared key")
        reader.finish()
        settings = self._settings(clause, COMMON_CLAUSES, "connection")
        common = self._common(clause, settings, name, "connection")
        if common is None or gateway is None or local is None:
            return None
        if key is None:
            self.report(
                "DSL106",
                "'connection' needs 'shared-key SECURE_PARAM'",
                end_span(local.span),
            )
            return None
        return ir.ConnectionDecl(common, gateway, local, key)

    # ---- vm settings -------------------------------------------------------------------------

    def nic_spec(self, clause: ir.Clause) -> ir.NicSpec | None:
        """`nic NAME subnet VNET.SUBNET [private-ip IP] [nsg NSG]`."""
        self._no_block(clause)
        reader = self._reader(clause)
        name = reader.word("a NIC name")
        found = self._options(clause, reader.rest(), NIC_OPTIONS, "a nic option")
        subnet = self._one_word(found, "subnet")
        if name is None:
            return None
        if subnet is None:
            self.report("DSL106", "'nic' needs 'subnet vnet.subnet'", end_span(name.span))
            return None
        return ir.NicSpec(
            name.text,
            name.span,
            subnet,
            self._one_word(found, "private-ip"),
            self._one_word(found, "nsg"),
            clause.span,
        )
