"""Network checks: CIDR validity, subnets inside their vnet, overlaps, ports, priorities."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

from armc.diagnostics import Diagnostics, Related, did_you_mean
from armc.dsl import ir
from armc.dsl.codes import report
from armc.dsl.passes.symbols import Symbols

Network = ipaddress.IPv4Network | ipaddress.IPv6Network

SERVICE_TAGS = (
    "ActionGroup",
    "ApiManagement",
    "AppService",
    "AzureActiveDirectory",
    "AzureBackup",
    "AzureCloud",
    "AzureContainerRegistry",
    "AzureCosmosDB",
    "AzureDevOps",
    "AzureFrontDoor.Backend",
    "AzureFrontDoor.Frontend",
    "AzureKeyVault",
    "AzureLoadBalancer",
    "AzureMonitor",
    "AzureResourceManager",
    "AzureTrafficManager",
    "AzureUpdateDelivery",
    "EventHub",
    "GatewayManager",
    "GuestAndHybridManagement",
    "Internet",
    "MicrosoftContainerRegistry",
    "ServiceBus",
    "Sql",
    "Storage",
    "VirtualNetwork",
)
_TAG_LOOKUP = {t.lower(): t for t in SERVICE_TAGS}
PRIORITY_RANGE = (100, 4096)


def parse_network(text: str) -> Network | None:
    try:
        return ipaddress.ip_network(text, strict=True)
    except ValueError:
        return None


def service_tag(text: str) -> str | None:
    """The canonical spelling of a service tag (`internet` -> `Internet`, `Storage.WestEurope`)."""
    exact = _TAG_LOOKUP.get(text.lower())
    if exact is not None:
        return exact
    base, dot, region = text.partition(".")
    if dot and base.lower() in _TAG_LOOKUP and region.isalnum():
        return f"{_TAG_LOOKUP[base.lower()]}.{region}"
    return None


def parse_port_range(text: str) -> tuple[int, int] | None:
    low, dash, high = text.partition("-")
    if not low.isdigit() or (dash and not high.isdigit()):
        return None
    start, end = int(low), int(high) if dash else int(low)
    if not (0 <= start <= 65535 and 0 <= end <= 65535 and start <= end):
        return None
    return start, end


class NetworkChecks:
    def __init__(self, symbols: Symbols, diagnostics: Diagnostics) -> None:
        self.symbols = symbols
        self.diagnostics = diagnostics

    def _is_value_name(self, word: ir.Word) -> bool:
        return word.text in self.symbols.params or word.text in self.symbols.variables

    def cidr(self, word: ir.Word, what: str = "address prefix") -> Network | None:
        if self._is_value_name(word):
            return None
        network = parse_network(word.text)
        if network is not None:
            return network
        hint = None
        try:
            loose = ipaddress.ip_network(word.text, strict=False)
            hint = f"host bits are set; did you mean {loose}?"
        except ValueError:
            hint = "write it as address/length, for example 10.0.0.0/16"
        report(
            self.diagnostics, "DSL302", f"'{word.text}' is not a valid {what}", word.span, hint=hint
        )
        return None

    def run(self, module: ir.Module) -> None:
        for declaration in module.declarations:
            if isinstance(declaration, ir.VnetDecl):
                self.vnet(declaration)
            elif isinstance(declaration, ir.NsgDecl):
                self.nsg(declaration)
            elif isinstance(declaration, ir.LbDecl):
                self.lb(declaration)
            elif isinstance(declaration, ir.BastionDecl):
                self.bastion(declaration)

    def vnet(self, vnet: ir.VnetDecl) -> None:
        spaces = [n for n in (self.cidr(p) for p in vnet.prefixes) if n is not None]
        placed: list[tuple[Network, ir.SubnetDecl]] = []
        for subnet in vnet.subnets:
            network = self.cidr(subnet.prefix, "subnet prefix")
            if network is None:
                continue
            if spaces and not any(
                network.version == space.version and network.subnet_of(space)  # type: ignore[arg-type]
                for space in spaces
            ):
                report(
                    self.diagnostics,
                    "DSL303",
                    f"subnet '{subnet.name}' ({network}) is outside vnet '{vnet.common.name}' "
                    f"({', '.join(str(s) for s in spaces)})",
                    subnet.prefix.span,
                )
            for other, other_subnet in placed:
                if network.version == other.version and network.overlaps(other):
                    report(
                        self.diagnostics,
                        "DSL309",
                        f"subnet '{subnet.name}' ({network}) overlaps subnet "
                        f"'{other_subnet.name}' ({other})",
                        subnet.prefix.span,
                        related=[Related(other_subnet.prefix.span, "the other subnet")],
                    )
                    break
            placed.append((network, subnet))

    def ports(self, ports: Iterable[ir.Word | ir.Star]) -> None:
        for port in ports:
            if (
                isinstance(port, ir.Word)
                and not self._is_value_name(port)
                and parse_port_range(port.text) is None
            ):
                report(
                    self.diagnostics,
                    "DSL304",
                    f"'{port.text}' is not a port (0-65535) or a range such as 8000-8080",
                    port.span,
                )

    def address(self, arg: ir.Arg) -> None:
        if not isinstance(arg, ir.Word) or self._is_value_name(arg):
            return
        if service_tag(arg.text) is not None:
            return
        try:
            ipaddress.ip_network(arg.text, strict=True)
            return
        except ValueError:
            pass
        hint = did_you_mean(arg.text, SERVICE_TAGS)
        if hint is None:
            hint = "use a CIDR such as 10.0.0.0/8, an IP address, a service tag or *"
        report(
            self.diagnostics,
            "DSL302",
            f"'{arg.text}' is neither a CIDR, an IP address nor a known service tag",
            arg.span,
            hint=hint,
        )

    def nsg(self, nsg: ir.NsgDecl) -> None:
        used: dict[tuple[str, int], ir.NsgRule] = {}
        for rule in nsg.rules:
            self.ports(rule.ports)
            self.ports(rule.source_ports)
            for address in (*rule.sources, *rule.destinations):
                self.address(address)
            if self._is_value_name(rule.priority):
                continue
            text = rule.priority.text
            if not text.isdigit() or not PRIORITY_RANGE[0] <= int(text) <= PRIORITY_RANGE[1]:
                report(
                    self.diagnostics,
                    "DSL313",
                    f"priority '{text}' must be a number from {PRIORITY_RANGE[0]} to "
                    f"{PRIORITY_RANGE[1]}",
                    rule.priority.span,
                )
                continue
            key = (rule.direction, int(text))
            if key in used:
                report(
                    self.diagnostics,
                    "DSL314",
                    f"priority {text} is already used by another {rule.direction.lower()} rule "
                    f"of nsg '{nsg.common.name}'",
                    rule.priority.span,
                    related=[Related(used[key].priority.span, "first used here")],
                )
            used[key] = rule

    def lb(self, lb: ir.LbDecl) -> None:
        for rule in lb.rules:
            self.ports([rule.frontend_port, rule.backend_port])
        for probe in lb.probes:
            self.ports([probe.port])

    def bastion(self, bastion: ir.BastionDecl) -> None:
        vnet_name, _, subnet_name = bastion.subnet.text.partition(".")
        subnet = self.symbols.subnets.get(vnet_name, {}).get(subnet_name)
        if subnet is None:
            return
        if subnet_name != "AzureBastionSubnet":
            report(
                self.diagnostics,
                "DSL315",
                f"Bastion must use a subnet named 'AzureBastionSubnet', not '{subnet_name}'",
                bastion.subnet.span,
            )
        network = parse_network(subnet.prefix.text)
        if network is not None and network.prefixlen > 26:
            report(
                self.diagnostics,
                "DSL315",
                f"the Bastion subnet needs a /26 or larger prefix, not /{network.prefixlen}",
                subnet.prefix.span,
            )


def check_network(module: ir.Module, symbols: Symbols, diagnostics: Diagnostics) -> None:
    NetworkChecks(symbols, diagnostics).run(module)
