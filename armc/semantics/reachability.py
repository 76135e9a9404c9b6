"""Which VM ports the Internet can reach, and along which path.

Traffic from the Internet reaches a VM's NIC through a public IP on the NIC's IP configuration
(every port), or through a public load-balancer frontend: a load-balancing rule or an inbound
NAT rule forwards one frontend port to one backend port. Azure then applies the subnet's NSG
and the NIC's NSG; both must allow. Without any NSG, a Standard public IP or load balancer
blocks inbound traffic (secure by default) and a Basic one lets everything in.

Each `Exposure` carries the path it was found on (`steps`), for SARIF code flows."""

from __future__ import annotations

import weakref
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from armc.model.template import JsonPath, Resource
from armc.semantics.cidr import ALL_PORTS, Network, PortRange, parse_port_range
from armc.semantics.network import (
    LB,
    VM,
    VMSS,
    IpConfig,
    NetworkIndex,
    Ref,
    network_of,
    resolve,
)
from armc.semantics.nsg import Decision, SecurityRule, Traffic, evaluate, host_network
from armc.semantics.reader import ValueReader, display_name, known_text

Step = tuple[JsonPath, str]
"""A place on the path (absolute JSON path) and what happens there."""


@dataclass(frozen=True)
class Exposure:
    """Internet traffic to `ports`/`protocol` of `vm` is let in (`certain`) or may be."""

    vm: Resource
    ports: PortRange
    protocol: str
    certain: bool
    entry: str
    """How the traffic enters: "public IP 'x'" or "load balancer 'lb' rule 'r' (port 80)"."""
    steps: tuple[Step, ...]
    frontend_port: int | None = None


@dataclass(frozen=True)
class _Entry:
    description: str
    protocol: str
    ports: PortRange
    frontend_port: int | None
    sku: str | None
    steps: tuple[Step, ...]


def exposures(reader: ValueReader) -> tuple[Exposure, ...]:
    """Every Internet exposure of every VM and scale set of the template (found once per
    reader: two rules read them)."""
    memo: dict[str, Any] | None = getattr(reader, "memo", None)
    if memo is not None:  # as network_of
        found: tuple[Exposure, ...] | None = memo.get("exposures")
        if found is None:
            found = memo["exposures"] = tuple(_exposures(reader))
        return found
    cached = _EXPOSURES.get(reader)
    if cached is None:
        cached = _EXPOSURES[reader] = tuple(_exposures(reader))
    return cached


_EXPOSURES: weakref.WeakKeyDictionary[Any, tuple[Exposure, ...]] = weakref.WeakKeyDictionary()


def _exposures(reader: ValueReader) -> list[Exposure]:
    network = network_of(reader)
    found: list[Exposure] = []
    for config in network.scale_set_configs:
        start = (*config.base[:-4], "name")  # the scale set's NIC configuration
        found.extend(
            _config_exposures(reader, network, config.nic, config.nic.path + start, config)
        )
    for vm in reader.resources(VM):
        nics = reader.value(vm, "properties", "networkProfile", "networkInterfaces")
        if not isinstance(nics, list):
            continue
        for index in range(len(nics)):
            path: JsonPath = ("properties", "networkProfile", "networkInterfaces", index, "id")
            ref = resolve(reader, network.by_name, vm, path)
            if ref is None or ref.resource is None:
                continue
            for config in network.configs_of(ref.resource):
                found.extend(_config_exposures(reader, network, vm, vm.path + path, config))
    return found


def _config_exposures(
    reader: ValueReader, network: NetworkIndex, vm: Resource, nic_ref: JsonPath, config: IpConfig
) -> Iterator[Exposure]:
    subnet = network.subnet(config.subnet)
    nsgs: list[tuple[str, Ref | None]] = [
        ("subnet", subnet.nsg if subnet is not None else None),
        ("NIC", config.nsg),
    ]
    if config.subnet is not None and subnet is None:
        nsgs[0] = ("subnet", Ref(None, None, None))  # a subnet outside the template: unknown
    destination: Network | None = None
    if config.static_ip is not None:
        destination = host_network(config.static_ip)
    elif subnet is not None and subnet.networks:
        destination = subnet.networks[0]
    owner = "scale set" if config.nic.type_lower == VMSS else "NIC"
    nic_step: Step = (
        config.nic.path + config.base,
        f"{owner} '{display_name(reader, config.nic)}'",
    )
    for entry in _entries(reader, network, config):
        steps = (*entry.steps, nic_step)
        yield from _filter(
            reader,
            network,
            vm,
            entry,
            steps,
            nsgs,
            destination,
            (nic_ref, _target(reader, vm)),
        )


def _target(reader: ValueReader, vm: Resource) -> str:
    if vm.type_lower == VMSS:
        return f"the instances of scale set '{display_name(reader, vm)}'"
    return f"VM '{display_name(reader, vm)}'"


def _entries(reader: ValueReader, network: NetworkIndex, config: IpConfig) -> Iterator[_Entry]:
    nic = config.nic
    if config.public_ip is not None:
        pip = config.public_ip.resource
        sku = known_text(reader, pip, "sku", "name") if pip is not None else config.public_ip_sku
        if pip is not None and sku is None and reader.value(pip, "sku", "name") is None:
            sku = "Basic"
        label = f"public IP '{display_name(reader, pip)}'" if pip is not None else "a public IP"
        if nic.type_lower == VMSS:
            label = "a public IP per instance"
        steps: tuple[Step, ...] = (
            (nic.path + config.base + ("publicIPAddress",), f"{label} on the NIC"),
        )
        if pip is not None:
            steps = ((pip.path, label), *steps)
        for protocol in ("tcp", "udp"):
            yield _Entry(label, protocol, ALL_PORTS, None, sku, steps)
    for pool in config.pools:
        yield from _lb_rules(reader, network, pool)
    for nat in config.nat_rules:
        yield from _nat_rule(reader, network, nat)


def _public_frontend(
    reader: ValueReader, network: NetworkIndex, lb: Resource, frontend: Ref | None
) -> tuple[Resource | None, bool]:
    """(the public IP, whether the frontend is public) of the frontend a rule uses."""
    frontends = reader.value(lb, "properties", "frontendIPConfigurations")
    if not isinstance(frontends, list):
        return None, False
    wanted = frontend.names[-1].lower() if frontend and frontend.names else None
    for index in range(len(frontends)):
        name = known_text(reader, lb, "properties", "frontendIPConfigurations", index, "name")
        if wanted is not None and (name or "").lower() != wanted:
            continue
        path: JsonPath = ("properties", "frontendIPConfigurations", index, "properties")
        ref = resolve(reader, network.by_name, lb, (*path, "publicIPAddress", "id"))
        if ref is not None:
            return ref.resource, True
        if wanted is not None or len(frontends) == 1:
            return None, False
    return None, False


def _lb_sku(reader: ValueReader, lb: Resource) -> str | None:
    sku = reader.value(lb, "sku", "name")
    if sku is None:
        return "Basic"
    return sku if isinstance(sku, str) and not reader.is_unknown(sku) else None


def _lb_rules(reader: ValueReader, network: NetworkIndex, pool: Ref) -> Iterator[_Entry]:
    lb = pool.resource
    if lb is None or lb.type_lower != LB or not pool.names:
        return
    pool_name = pool.names[-1].lower()
    rules = reader.value(lb, "properties", "loadBalancingRules")
    if not isinstance(rules, list):
        return
    for index in range(len(rules)):
        base: JsonPath = ("properties", "loadBalancingRules", index, "properties")
        target = resolve(reader, network.by_name, lb, (*base, "backendAddressPool", "id"))
        if target is None or not target.names or target.names[-1].lower() != pool_name:
            continue
        frontend = resolve(reader, network.by_name, lb, (*base, "frontendIPConfiguration", "id"))
        rule_name = known_text(reader, lb, "properties", "loadBalancingRules", index, "name")
        yield from _forwarding(reader, network, lb, base, frontend, f"rule '{rule_name}'")


def _nat_rule(reader: ValueReader, network: NetworkIndex, nat: Ref) -> Iterator[_Entry]:
    lb = nat.resource
    if lb is None or lb.type_lower != LB or not nat.names:
        return
    kind = "inboundNatPools" if nat.type and nat.type.endswith("pools") else "inboundNatRules"
    rules = reader.value(lb, "properties", kind)
    if not isinstance(rules, list):
        return
    for index in range(len(rules)):
        name = known_text(reader, lb, "properties", kind, index, "name")
        if (name or "").lower() != nat.names[-1].lower():
            continue
        base: JsonPath = ("properties", kind, index, "properties")
        frontend = resolve(reader, network.by_name, lb, (*base, "frontendIPConfiguration", "id"))
        what = "NAT pool" if kind == "inboundNatPools" else "NAT rule"
        yield from _forwarding(reader, network, lb, base, frontend, f"{what} '{name}'")


def _forwarding(
    reader: ValueReader,
    network: NetworkIndex,
    lb: Resource,
    base: JsonPath,
    frontend: Ref | None,
    rule_label: str,
) -> Iterator[_Entry]:
    pip, public = _public_frontend(reader, network, lb, frontend)
    if not public:
        return
    protocol = (known_text(reader, lb, *base, "protocol") or "").lower()
    backend = known_text(reader, lb, *base, "backendPort")
    front = known_text(reader, lb, *base, "frontendPort") or known_text(
        reader, lb, *base, "frontendPortRangeStart"
    )
    backend_range = parse_port_range(backend) if backend is not None else None
    if backend_range is None or protocol not in ("tcp", "udp", "all"):
        return
    front_port = int(front) if front is not None and front.isdigit() else None
    label = f"load balancer '{display_name(reader, lb)}' {rule_label}"
    steps: list[Step] = []
    if pip is not None:
        steps.append(
            (pip.path, f"public IP '{display_name(reader, pip)}' of the load balancer frontend")
        )
    steps.append((lb.path + base, f"{label} forwards port {front or '?'} to {backend}"))
    for proto in ("tcp", "udp") if protocol == "all" else (protocol,):
        yield _Entry(label, proto, backend_range, front_port, _lb_sku(reader, lb), tuple(steps))


def _boundaries(rules: Sequence[SecurityRule], ports: PortRange) -> list[int]:
    points = {ports.low, ports.high + 1}
    for rule in rules:
        for item in rule.ports:
            parsed = parse_port_range(item.value) if item.value is not None else None
            if parsed is not None:
                points.update((parsed.low, parsed.high + 1))
    return sorted(p for p in points if ports.low <= p <= ports.high + 1)


def _filter(
    reader: ValueReader,
    network: NetworkIndex,
    vm: Resource,
    entry: _Entry,
    steps: tuple[Step, ...],
    nsgs: list[tuple[str, Ref | None]],
    destination: Network | None,
    vm_step: Step,
) -> Iterator[Exposure]:
    present = [(level, ref) for level, ref in nsgs if ref is not None]
    if not present:
        sku = (entry.sku or "").lower()
        if sku == "standard":
            return
        certain = sku == "basic"
        note = "no NSG on the subnet or the NIC"
        yield Exposure(
            vm,
            entry.ports,
            entry.protocol,
            certain,
            entry.description,
            (*steps, (vm_step[0], note), vm_step),
            entry.frontend_port,
        )
        return
    rule_sets = [
        (level, ref, network.rules.get(ref.resource.key, []) if ref.resource else None)
        for level, ref in present
    ]
    all_rules = [r for _, _, rules in rule_sets if rules for r in rules]
    points = _boundaries(all_rules, entry.ports)
    current: tuple[int, bool, tuple[Step, ...]] | None = None
    for low in points[:-1]:
        verdict, nsg_steps = _decide(reader, rule_sets, entry.protocol, low, destination)
        if verdict == "deny":
            if current is not None:
                yield _exposure(vm, entry, steps, current, low - 1, vm_step)
                current = None
            continue
        certain = verdict == "allow"
        if current is not None and (current[1], current[2]) != (certain, nsg_steps):
            yield _exposure(vm, entry, steps, current, low - 1, vm_step)
            current = None
        if current is None:
            current = (low, certain, nsg_steps)
    if current is not None:
        yield _exposure(vm, entry, steps, current, entry.ports.high, vm_step)


def _exposure(
    vm: Resource,
    entry: _Entry,
    steps: tuple[Step, ...],
    current: tuple[int, bool, tuple[Step, ...]],
    high: int,
    vm_step: Step,
) -> Exposure:
    low, certain, nsg_steps = current
    return Exposure(
        vm,
        PortRange(low, high),
        entry.protocol,
        certain,
        entry.description,
        (*steps, *nsg_steps, vm_step),
        entry.frontend_port,
    )


def _decide(
    reader: ValueReader,
    rule_sets: list[tuple[str, Ref, list[SecurityRule] | None]],
    protocol: str,
    port: int,
    destination: Network | None,
) -> tuple[str, tuple[Step, ...]]:
    traffic = Traffic("inbound", protocol, port, destination)
    verdicts: list[str] = []
    steps: list[Step] = []
    for level, ref, rules in rule_sets:
        if rules is None:
            verdicts.append("unknown")
            continue
        decision: Decision = evaluate(rules, traffic)
        verdicts.append(decision.verdict)
        nsg = ref.resource
        if decision.rule is not None:
            rule = decision.rule
            verb = {"allow": "allows", "deny": "denies"}.get(decision.verdict, "may allow")
            steps.append((rule.owner.path + rule.base, f"{level} NSG {rule.label} {verb} it"))
        elif nsg is not None:
            steps.append(
                (nsg.path, f"{level} NSG '{display_name(reader, nsg)}': {decision.verdict}")
            )
    if "deny" in verdicts:
        return "deny", ()
    if "unknown" in verdicts:
        return "unknown", tuple(steps)
    return "allow", tuple(steps)
