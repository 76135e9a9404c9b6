"""Private DNS checks: linked vnets exist and are linked once per zone, a vnet auto-registers
its VMs in at most one zone, records are IPv4 addresses, zone names have two labels or more."""

from __future__ import annotations

import ipaddress

from armc.diagnostics import Diagnostics, Related
from armc.dsl import ir
from armc.dsl.codes import report
from armc.dsl.passes.names import resolve
from armc.dsl.passes.symbols import Symbols
from armc.source import Span


class DnsChecks:
    def __init__(self, symbols: Symbols, diagnostics: Diagnostics) -> None:
        self.symbols = symbols
        self.diagnostics = diagnostics
        self.registrations: dict[str, Span] = {}

    def run(self, module: ir.Module) -> None:
        for declaration in module.declarations:
            if isinstance(declaration, ir.DnsZoneDecl):
                self.zone(declaration)

    def zone(self, zone: ir.DnsZoneDecl) -> None:
        if "." not in zone.common.name:
            report(
                self.diagnostics,
                "DSL311",
                f"'{zone.common.name}' is not a DNS zone name: it needs two labels or more, "
                "such as contoso.internal",
                zone.common.name_span,
            )
        linked: set[str] = set()
        for link in zone.links:
            if not resolve(self.symbols, "vnet", link.vnet, self.diagnostics):
                continue
            if link.vnet.text in linked:
                report(
                    self.diagnostics,
                    "DSL202",
                    f"vnet '{link.vnet.text}' is linked twice to '{zone.common.name}'",
                    link.span,
                )
            linked.add(link.vnet.text)
            if link.registration is None:
                continue
            first = self.registrations.get(link.vnet.text)
            if first is not None:
                report(
                    self.diagnostics,
                    "DSL311",
                    f"vnet '{link.vnet.text}' registers its VMs in one private DNS zone only",
                    link.registration,
                    related=[Related(first, "registration already enabled here")],
                )
            else:
                self.registrations[link.vnet.text] = link.registration
        names: set[str] = set()
        for record in zone.records:
            if record.name.text in names:
                report(
                    self.diagnostics,
                    "DSL202",
                    f"record '{record.name.text}' is declared twice",
                    record.span,
                )
            names.add(record.name.text)
            for address in record.addresses:
                text = ir.literal_text(address)
                if text is None or text in self.symbols.params or text in self.symbols.variables:
                    continue
                try:
                    ipaddress.IPv4Address(text)
                except ValueError:
                    report(
                        self.diagnostics,
                        "DSL302",
                        f"'{text}' is not an IPv4 address",
                        address.span,
                    )


def check_dns(module: ir.Module, symbols: Symbols, diagnostics: Diagnostics) -> None:
    DnsChecks(symbols, diagnostics).run(module)
