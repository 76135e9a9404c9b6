"""Placement checks: proximity placement groups, dedicated host groups and hosts, Spot VMs.

What Azure rejects is an error here, at the clause that causes it: a Spot VM on a dedicated
host, a max price that is neither a positive number of dollars nor absent, a host outside its
group's fault domains, a VM whose zone differs from its host group's, a scale set pinned to one
host, or `host GROUP` without automatic placement."""

from __future__ import annotations

from armc.diagnostics import Diagnostics
from armc.dsl import ir
from armc.dsl.codes import report
from armc.dsl.passes.names import resolve
from armc.dsl.passes.symbols import Symbols, undefined

MAX_HOST_GROUP_FAULT_DOMAINS = 3


def fault_domain_count(group: ir.HostGroupDecl) -> int | None:
    """The group's fault domain count when written as a number (default 1)."""
    if group.fault_domains is None:
        return 1
    text = group.fault_domains.text
    return int(text) if text.isdigit() else None


def max_price(spot: ir.Spot) -> float | None:
    """The Spot price cap in dollars per hour, or None when not a positive number."""
    if spot.max_price is None:
        return None
    try:
        value = float(spot.max_price.text)
    except ValueError:
        return None
    return value if value > 0 and value == value and value != float("inf") else None


def _zones(zones: tuple[ir.Arg, ...]) -> tuple[str, ...] | None:
    texts = tuple(ir.literal_text(z) for z in zones)
    return None if any(t is None for t in texts) else tuple(t or "" for t in texts)


class PlacementChecks:
    def __init__(self, symbols: Symbols, diagnostics: Diagnostics) -> None:
        self.symbols = symbols
        self.diagnostics = diagnostics

    def run(self, module: ir.Module) -> None:
        for declaration in module.declarations:
            if isinstance(declaration, ir.HostGroupDecl):
                self.host_group(declaration)
            elif isinstance(declaration, ir.ComputeDecl):
                self.compute(declaration)
            elif isinstance(declaration, ir.AvsetDecl) and declaration.ppg is not None:
                resolve(self.symbols, "ppg", declaration.ppg, self.diagnostics)

    def host_group(self, group: ir.HostGroupDecl) -> None:
        count = fault_domain_count(group)
        if group.fault_domains is not None and (
            count is None or not 1 <= count <= MAX_HOST_GROUP_FAULT_DOMAINS
        ):
            report(
                self.diagnostics,
                "DSL311",
                "a host group has 1 to 3 fault domains",
                group.fault_domains.span,
            )
            count = None
        if len(group.zones) > 1:
            report(
                self.diagnostics,
                "DSL311",
                "a host group lives in at most one zone",
                group.zones[1].span,
            )
        seen: set[str] = set()
        for host in group.hosts:
            if host.name in seen:
                report(
                    self.diagnostics,
                    "DSL202",
                    f"host '{host.name}' is declared twice in host-group '{group.common.name}'",
                    host.name_span,
                )
            seen.add(host.name)
            if host.fault_domain is None or count is None:
                continue
            text = host.fault_domain.text
            if not text.isdigit() or int(text) >= count:
                report(
                    self.diagnostics,
                    "DSL311",
                    f"host-group '{group.common.name}' has {count} fault domain"
                    f"{'s' if count != 1 else ''}: a host's fault domain is 0"
                    + (f" to {count - 1}" if count > 1 else ""),
                    host.fault_domain.span,
                    hint=f"raise 'fault-domains' of host-group '{group.common.name}'",
                )

    def compute(self, compute: ir.ComputeDecl) -> None:
        if compute.ppg is not None:
            resolve(self.symbols, "ppg", compute.ppg, self.diagnostics)
        spot = compute.spot
        if spot is not None and spot.max_price is not None and max_price(spot) is None:
            report(
                self.diagnostics,
                "DSL311",
                f"a Spot max price is a positive number of US dollars per hour, "
                f"not '{spot.max_price.text}'",
                spot.max_price.span,
                hint="leave 'max-price' out to pay up to the pay-as-you-go price",
            )
        if compute.host is None:
            return
        if spot is not None:
            report(
                self.diagnostics,
                "DSL311",
                "a Spot VM cannot run on a dedicated host",
                spot.span,
                hint="remove 'spot' or 'host'",
            )
        group = self._host_group(compute)
        if group is None:
            return
        group_zones = _zones(group.zones)
        vm_zones = _zones(compute.zones)
        if group_zones and (compute.zone_auto is not None or vm_zones != group_zones):
            report(
                self.diagnostics,
                "DSL311",
                f"host-group '{group.common.name}' is in zone {group_zones[0]}: "
                f"the {compute.kind} needs 'zone {group_zones[0]}'",
                compute.host.span,
            )
        elif not group_zones and (compute.zones or compute.zone_auto is not None):
            report(
                self.diagnostics,
                "DSL311",
                f"host-group '{group.common.name}' is regional: the {compute.kind} takes no zone",
                compute.host.span,
            )

    def _host_group(self, compute: ir.ComputeDecl) -> ir.HostGroupDecl | None:
        """The group of `host GROUP` or `host GROUP.HOST`, reporting what does not resolve."""
        assert compute.host is not None
        group_name, dot, host_name = compute.host.text.partition(".")
        declaration = self.symbols.declaration("host-group", group_name)
        if not isinstance(declaration, ir.HostGroupDecl):
            undefined(
                self.diagnostics,
                "host-group",
                group_name,
                compute.host.span,
                list(self.symbols.by_kind.get("host-group", {})),
            )
            return None
        hosts = [h.name for h in declaration.hosts]
        if dot:
            if compute.kind == "vmss":
                report(
                    self.diagnostics,
                    "DSL311",
                    "a scale set is placed on a host group, not on one host",
                    compute.host.span,
                    hint=f"write 'host {group_name}' (the group needs automatic-placement)",
                )
            elif host_name not in hosts:
                undefined(
                    self.diagnostics,
                    f"host of host-group '{group_name}'",
                    host_name,
                    compute.host.span,
                    hosts,
                )
        elif not (
            declaration.automatic_placement is not None and declaration.automatic_placement.enabled
        ):
            report(
                self.diagnostics,
                "DSL311",
                f"host-group '{group_name}' has no automatic placement: name a host",
                compute.host.span,
                hint=f"write 'host {group_name}.{hosts[0] if hosts else 'HOST'}' or add "
                "'automatic-placement' to the group",
            )
        return declaration


def check_placement(module: ir.Module, symbols: Symbols, diagnostics: Diagnostics) -> None:
    PlacementChecks(symbols, diagnostics).run(module)
