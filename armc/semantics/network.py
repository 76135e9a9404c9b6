"""The network of a template: VNets and subnets, NICs and their IP configurations, public IPs,
load balancers and NSGs, with references between them resolved to resources.

A reference (`{"id": ...}`) is resolved from its evaluated resource id when it is known, else
from a `resourceId('type', 'name', ...)` call with literal arguments, else from the dependency
the front-end recorded at that path. Built once per template (`network_of(reader)`)."""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from armc.model.template import JsonPath, Resource
from armc.semantics.cidr import Network, parse_network
from armc.semantics.nsg import NSG, SecurityRule, rules_by_nsg
from armc.semantics.reader import ValueReader, display_name, known_list, known_text, raw_at

VNET = "microsoft.network/virtualnetworks"
SUBNET = "microsoft.network/virtualnetworks/subnets"
NIC = "microsoft.network/networkinterfaces"
PIP = "microsoft.network/publicipaddresses"
LB = "microsoft.network/loadbalancers"
VM = "microsoft.compute/virtualmachines"
VMSS = "microsoft.compute/virtualmachinescalesets"

_RESOURCE_ID = re.compile(r"resourceId\s*\(", re.IGNORECASE)
_LITERAL_ARG = re.compile(r"\s*'((?:[^']|'')*)'\s*(,|\))")


@dataclass(frozen=True, slots=True)
class Ref:
    """A resolved reference: the resource (None when not in this template) and the child
    names below it (`("web",)` for subnet `web` of a VNet), `names` None when unknown."""

    resource: Resource | None
    type: str | None
    names: tuple[str, ...] | None


def parse_resource_id(text: str) -> tuple[str, list[str]] | None:
    """`.../providers/Microsoft.Network/virtualNetworks/core/subnets/web` ->
    ("microsoft.network/virtualnetworks/subnets", ["core", "web"])."""
    lowered = text.lower()
    at = lowered.rfind("/providers/")
    if at < 0:
        return None
    parts = [p for p in text[at + len("/providers/") :].split("/") if p]
    if len(parts) < 3 or len(parts) % 2 != 1:
        return None
    namespace, rest = parts[0], parts[1:]
    types = rest[0::2]
    names = rest[1::2]
    return "/".join([namespace, *types]).lower(), names


def parse_resource_id_call(text: str) -> tuple[str, list[str]] | None:
    """`[resourceId('Microsoft.Network/virtualNetworks/subnets', 'core', 'web')]` with only
    literal arguments -> (type, names). Leading subscription/group arguments are skipped."""
    match = _RESOURCE_ID.search(text)
    if match is None:
        return None
    position = match.end()
    args: list[str] = []
    while True:
        literal = _LITERAL_ARG.match(text, position)
        if literal is None:
            return None
        args.append(literal.group(1).replace("''", "'"))
        position = literal.end()
        if literal.group(2) == ")":
            break
    for index, arg in enumerate(args):
        if "/" in arg and "." in arg.split("/")[0]:
            names = args[index + 1 :]
            if len(names) == arg.count("/"):
                return arg.lower(), names
            return None
    return None


@dataclass
class Subnet:
    """One subnet: inline in a VNet (`owner` is the VNet) or a child resource."""

    name: str | None
    vnet: Resource | None
    owner: Resource
    base: JsonPath
    """Path of the subnet's `properties` inside `owner`."""
    prefixes: list[tuple[JsonPath, Network | None, str | None]]
    """(sub-path, parsed network or None, text or None when unknown)."""
    nsg: Ref | None
    prefixes_unknown: bool = False
    vnet_name: str | None = None

    @property
    def networks(self) -> list[Network]:
        return [n for _, n, _ in self.prefixes if n is not None]

    @property
    def label(self) -> str:
        return f"{self.vnet_name}/{self.name}" if self.vnet_name else str(self.name)


@dataclass
class IpConfig:
    """An IP configuration of a NIC, or of a scale set's NIC configuration (then `nic` is the
    scale set and `public_ip` stands for `publicIPAddressConfiguration`)."""

    nic: Resource
    base: JsonPath
    """Path of the configuration's `properties` inside the NIC (or scale set)."""
    name: str | None
    subnet: Ref | None
    public_ip: Ref | None
    static_ip: str | None
    """The private address when the allocation is Static and the address known."""
    pools: list[Ref] = field(default_factory=list)
    nat_rules: list[Ref] = field(default_factory=list)
    """Inbound NAT rules (NICs) or inbound NAT pools (scale sets)."""
    nsg: Ref | None = None
    """The NSG of the NIC (or of the scale set's NIC configuration)."""
    public_ip_sku: str | None = None
    """For a scale set's per-instance public IP: its SKU (None when unknown)."""


@dataclass
class NetworkIndex:
    """Everything `network_of` indexes (named with a trailing underscore: `Network` is the
    address type)."""

    by_name: dict[tuple[str, str], Resource]
    subnets: list[Subnet]
    ip_configs: list[IpConfig]
    nic_nsg: dict[str, Ref | None]
    rules: dict[str, list[SecurityRule]]
    scale_set_configs: list[IpConfig] = field(default_factory=list)
    """IP configurations of scale sets' NIC configurations (not in `ip_configs`: they stand
    for one address per instance)."""
    _by_nic: dict[int, list[IpConfig]] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def subnet(self, ref: Ref | None) -> Subnet | None:
        """The subnet a reference points at, when it is in this template."""
        if ref is None or ref.resource is None:
            return None
        resource = ref.resource
        if resource.type_lower == SUBNET:
            return next((s for s in self.subnets if s.owner is resource), None)
        if resource.type_lower == VNET and ref.names and len(ref.names) == 1:
            wanted = ref.names[0].lower()
            for subnet in self.subnets:
                if subnet.vnet is resource and (subnet.name or "").lower() == wanted:
                    return subnet
        return None

    def configs_of(self, nic: Resource) -> list[IpConfig]:
        if self._by_nic is None:  # indexed once: a scan per NIC was quadratic in NICs
            self._by_nic = {}
            for config in self.ip_configs:
                self._by_nic.setdefault(id(config.nic), []).append(config)
        return list(self._by_nic.get(id(nic), ()))


_CACHE: weakref.WeakKeyDictionary[Any, NetworkIndex] = weakref.WeakKeyDictionary()


def network_of(reader: ValueReader) -> NetworkIndex:
    """The network index of the reader's template, built once per reader (kept in its `memo`
    when it has one, as `RuleContext` does: a dict lookup, not a weak one)."""
    memo: dict[str, Any] | None = getattr(reader, "memo", None)
    if memo is not None:
        index: NetworkIndex | None = memo.get("network")
        if index is None:
            index = memo["network"] = _build(reader)
        return index
    cached = _CACHE.get(reader)
    if cached is None:
        cached = _build(reader)
        _CACHE[reader] = cached
    return cached


def full_name(reader: ValueReader, resource: Resource, parents: dict[str, Resource]) -> str | None:
    """The evaluated full name (`vnet/subnet` for a child), None when unknown."""
    name = known_text(reader, resource, "name")
    if name is None:
        return None
    if name.count("/") + 1 >= resource.type.count("/"):
        return name  # already the full name ('vnet/subnet' for a top-level child)
    if resource.parent is not None and resource.parent in parents:
        parent = full_name(reader, parents[resource.parent], parents)
        return None if parent is None else f"{parent}/{name}"
    return name


def resolve(
    reader: ValueReader, network: dict[tuple[str, str], Resource], owner: Resource, path: JsonPath
) -> Ref | None:
    """The resource the `id` at `path` in `owner` points at; None when there is no reference."""
    value = reader.value(owner, *path)
    if value is None:
        return None
    parsed: tuple[str, list[str]] | None = None
    if isinstance(value, str) and not reader.is_unknown(value):
        parsed = parse_resource_id(value) or parse_resource_id_call(value)
    if parsed is None:
        raw = raw_at(owner, *path)
        if isinstance(raw, str):
            parsed = parse_resource_id_call(raw)
    if parsed is not None:
        type_name, names = parsed
        return _lookup(network, type_name, names)
    full = owner.path + path
    for dependency in owner.dependencies:
        if dependency.path == full:
            target = reader.template.resource(dependency.target)
            return Ref(target, target.type_lower if target else None, None)
    return Ref(None, None, None)


def _lookup(network: dict[tuple[str, str], Resource], type_name: str, names: list[str]) -> Ref:
    segments = type_name.split("/")
    for depth in range(len(names), 0, -1):
        candidate_type = "/".join(segments[: depth + 1])
        resource = network.get((candidate_type, "/".join(names[:depth]).lower()))
        if resource is not None:
            return Ref(resource, type_name, tuple(names[depth:]))
    return Ref(None, type_name, tuple(names))


def _build(reader: ValueReader) -> NetworkIndex:
    template = reader.template
    parents = {r.key: r for r in template.resources}
    by_name: dict[tuple[str, str], Resource] = {}
    for resource in template.resources:
        name = full_name(reader, resource, parents)
        if name is not None:
            by_name.setdefault((resource.type_lower, name.lower()), resource)
    subnets: list[Subnet] = []
    seen: set[tuple[str, str]] = set()
    for subnet in _subnets(reader, by_name, parents):
        if subnet.vnet is not None and subnet.name is not None:
            identity = (subnet.vnet.key, subnet.name.lower())
            if identity in seen:
                continue  # declared inline and again as a child resource: one subnet
            seen.add(identity)
            subnet.vnet_name = display_name(reader, subnet.vnet)
        subnets.append(subnet)
    configs: list[IpConfig] = []
    nic_nsg: dict[str, Ref | None] = {}
    for nic in reader.resources(NIC):
        nic_nsg[nic.key] = resolve(
            reader, by_name, nic, ("properties", "networkSecurityGroup", "id")
        )
        configs.extend(_ip_configs(reader, by_name, nic, ("properties",), nic_nsg[nic.key]))
    scale_sets: list[IpConfig] = []
    for scale_set in reader.resources(VMSS):
        profile = (*_SCALE_SET_NICS, "networkInterfaceConfigurations")
        for path, _ in known_list(reader, scale_set, *profile):
            nsg = resolve(
                reader, by_name, scale_set, (*path, "properties", "networkSecurityGroup", "id")
            )
            nic_nsg[f"{scale_set.key}#{path[-1]}"] = nsg
            scale_sets.extend(_ip_configs(reader, by_name, scale_set, (*path, "properties"), nsg))
    nsg_names = {name: r.key for (kind, name), r in by_name.items() if kind == NSG}
    rules = rules_by_nsg(reader, nsg_names)
    return NetworkIndex(by_name, subnets, configs, nic_nsg, rules, scale_sets)


def _subnets(
    reader: ValueReader, by_name: dict[tuple[str, str], Resource], parents: dict[str, Resource]
) -> Iterator[Subnet]:
    for parent in reader.resources(VNET):
        items = reader.value(parent, "properties", "subnets")
        if not isinstance(items, list):
            continue
        for index in range(len(items)):
            name = known_text(reader, parent, "properties", "subnets", index, "name")
            base: JsonPath = ("properties", "subnets", index, "properties")
            yield _subnet(reader, by_name, parent, parent, base, name)
    for child in reader.resources(SUBNET):
        full = full_name(reader, child, parents)
        vnet: Resource | None = None
        name = full
        if full is not None and "/" in full:
            vnet_name, _, name = full.partition("/")
            vnet = by_name.get((VNET, vnet_name.lower()))
        elif child.parent is not None:
            vnet = parents.get(child.parent)
        yield _subnet(reader, by_name, child, vnet, ("properties",), name)


def _subnet(
    reader: ValueReader,
    by_name: dict[tuple[str, str], Resource],
    owner: Resource,
    vnet: Resource | None,
    base: JsonPath,
    name: str | None,
) -> Subnet:
    prefixes: list[tuple[JsonPath, Network | None, str | None]] = []
    unknown = False
    single = reader.value(owner, *base, "addressPrefix")
    if single is not None:
        text = single if isinstance(single, str) and not reader.is_unknown(single) else None
        unknown = text is None
        prefixes.append((("addressPrefix",), parse_network(text) if text else None, text))
    many = reader.value(owner, *base, "addressPrefixes")
    if reader.is_unknown(many):
        unknown = True
    elif isinstance(many, list):
        for index in range(len(many)):
            item = reader.value(owner, *base, "addressPrefixes", index)
            text = item if isinstance(item, str) and not reader.is_unknown(item) else None
            unknown = unknown or text is None
            network = parse_network(text) if text else None
            prefixes.append((("addressPrefixes", index), network, text))
    nsg = resolve(reader, by_name, owner, (*base, "networkSecurityGroup", "id"))
    return Subnet(name, vnet, owner, base, prefixes, nsg, unknown)


_SCALE_SET_NICS = ("properties", "virtualMachineProfile", "networkProfile")


def _ip_configs(
    reader: ValueReader,
    by_name: dict[tuple[str, str], Resource],
    nic: Resource,
    owner: JsonPath,
    nsg: Ref | None,
) -> Iterator[IpConfig]:
    """The IP configurations under `owner` (a NIC's or a scale-set NIC configuration's
    `properties`)."""
    scale_set = nic.type_lower == VMSS
    items = reader.value(nic, *owner, "ipConfigurations")
    if not isinstance(items, list):
        return
    for index in range(len(items)):
        base: JsonPath = (*owner, "ipConfigurations", index, "properties")
        name = known_text(reader, nic, *owner, "ipConfigurations", index, "name")
        allocation = known_text(reader, nic, *base, "privateIPAllocationMethod")
        address = known_text(reader, nic, *base, "privateIPAddress")
        static = address if allocation is not None and allocation.lower() == "static" else None
        public_ip = resolve(reader, by_name, nic, (*base, "publicIPAddress", "id"))
        sku: str | None = None
        if scale_set and reader.value(nic, *base, "publicIPAddressConfiguration") is not None:
            public_ip = Ref(None, PIP, None)
            sku_value = reader.value(nic, *base, "publicIPAddressConfiguration", "sku", "name")
            sku = (
                "Basic"
                if sku_value is None
                else known_text(reader, nic, *base, "publicIPAddressConfiguration", "sku", "name")
            )
        config = IpConfig(
            nic,
            base,
            name,
            resolve(reader, by_name, nic, (*base, "subnet", "id")),
            public_ip,
            static,
            nsg=nsg,
            public_ip_sku=sku,
        )
        nat_key = "loadBalancerInboundNatPools" if scale_set else "loadBalancerInboundNatRules"
        for key, target in (
            ("loadBalancerBackendAddressPools", config.pools),
            (nat_key, config.nat_rules),
        ):
            refs = reader.value(nic, *base, key)
            if isinstance(refs, list):
                for i in range(len(refs)):
                    ref = resolve(reader, by_name, nic, (*base, key, i, "id"))
                    if ref is not None:
                        target.append(ref)
        yield config


def vnet_prefixes(reader: ValueReader, vnet: Resource) -> list[Network] | None:
    """The VNet's address space; None when any prefix is unknown or invalid."""
    items = reader.value(vnet, "properties", "addressSpace", "addressPrefixes")
    if not isinstance(items, list):
        return None
    networks: list[Network] = []
    for index in range(len(items)):
        text = known_text(reader, vnet, "properties", "addressSpace", "addressPrefixes", index)
        network = parse_network(text) if text is not None else None
        if network is None:
            return None
        networks.append(network)
    return networks
