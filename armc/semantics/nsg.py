"""Network security group rules: parsed from the template, evaluated in priority order.

A `SecurityRule` holds what is known of one rule (inline in `securityRules` or a
`networkSecurityGroups/securityRules` child resource); a field that is only known at deployment
is None. `evaluate` walks the rules of one direction in priority order, then Azure's default
rules, and answers allow, deny or unknown for one kind of traffic; `shadowing` finds rules that
an earlier rule fully covers."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from armc.model.template import JsonPath, Resource
from armc.semantics.cidr import (
    ALL_PORTS,
    Network,
    PortRange,
    covers_everything,
    covers_internet,
    parse_network,
    parse_port_range,
)
from armc.semantics.reader import ValueReader, display_name

NSG = "microsoft.network/networksecuritygroups"
NSG_RULE = "microsoft.network/networksecuritygroups/securityrules"

Verdict = Literal["allow", "deny", "unknown"]
Match = Literal["yes", "no", "maybe"]

PRIORITY_MIN, PRIORITY_MAX = 100, 4096
PROTOCOLS = frozenset({"*", "tcp", "udp", "icmp", "esp", "ah"})


@dataclass(frozen=True, slots=True)
class Item:
    """One written value of a list-or-single field: its path below the rule and its value
    (None when only known at deployment)."""

    subpath: JsonPath
    value: str | None


@dataclass(frozen=True)
class SecurityRule:
    """What is known of one security rule. `owner` holds the rule's body; `base` is the path of
    its `properties` inside `owner`."""

    nsg_key: str
    nsg_name: str
    owner: Resource
    base: JsonPath
    name: str | None
    priority: int | None
    direction: str | None
    access: str | None
    protocol: str | None
    sources: tuple[Item, ...]
    destinations: tuple[Item, ...]
    ports: tuple[Item, ...]
    source_ports: tuple[Item, ...]
    asg_source: bool = False
    asg_destination: bool = False
    priority_raw: Any = field(default=None, compare=False)

    def path(self, *sub: str | int) -> JsonPath:
        return self.base + sub

    @property
    def label(self) -> str:
        return f"rule '{self.name}'" if self.name else f"the rule at priority {self.priority}"

    @property
    def fully_known(self) -> bool:
        fields: Iterable[Item] = (
            *self.sources,
            *self.destinations,
            *self.ports,
            *self.source_ports,
        )
        return (
            None not in (self.priority, self.direction, self.access, self.protocol)
            and bool(self.sources and self.destinations and self.ports)
            and all(item.value is not None for item in fields)
        )

    def port_ranges(self) -> list[PortRange] | None:
        """Destination port ranges; None when any is unknown or invalid."""
        return _ranges(self.ports)

    def source_port_ranges(self) -> list[PortRange] | None:
        return _ranges(self.source_ports) if self.source_ports else [ALL_PORTS]


def _ranges(items: Sequence[Item]) -> list[PortRange] | None:
    ranges: list[PortRange] = []
    for item in items:
        parsed = parse_port_range(item.value) if item.value is not None else None
        if parsed is None:
            return None
        ranges.append(parsed)
    return ranges


def _lower(reader: ValueReader, resource: Resource, path: JsonPath) -> str | None:
    value = reader.value(resource, *path)
    if isinstance(value, str) and not reader.is_unknown(value):
        return value.lower()
    return None


def _items(
    reader: ValueReader, resource: Resource, base: JsonPath, single: str, plural: str
) -> tuple[Item, ...]:
    found: list[Item] = []
    one = reader.value(resource, *base, single)
    if one is not None and one != "":  # templates often write "" for the unused form
        found.append(Item((single,), _text(reader, one)))
    many = reader.value(resource, *base, plural)
    if reader.is_unknown(many):
        found.append(Item((plural,), None))
    elif isinstance(many, list):
        for index in range(len(many)):
            value = reader.value(resource, *base, plural, index)
            found.append(Item((plural, index), _text(reader, value)))
    return tuple(found)


def _text(reader: ValueReader, value: Any) -> str | None:
    if value is None or isinstance(value, bool) or reader.is_unknown(value):
        return None
    return str(value) if isinstance(value, str | int) else None


def parse_rule(
    reader: ValueReader, nsg: tuple[str, str], owner: Resource, base: JsonPath, name: Any
) -> SecurityRule:
    """The rule whose `properties` are at `base` inside `owner`."""
    raw_priority = reader.value(owner, *base, "priority")
    priority: int | None = None
    if isinstance(raw_priority, int) and not isinstance(raw_priority, bool):
        priority = raw_priority
    elif isinstance(raw_priority, str) and raw_priority.strip().isdigit():
        priority = int(raw_priority)
    has_asg_source = reader.value(owner, *base, "sourceApplicationSecurityGroups") is not None
    has_asg_dest = reader.value(owner, *base, "destinationApplicationSecurityGroups") is not None
    return SecurityRule(
        nsg_key=nsg[0],
        nsg_name=nsg[1],
        owner=owner,
        base=base,
        name=name if isinstance(name, str) and not reader.is_unknown(name) else None,
        priority=priority,
        direction=_lower(reader, owner, (*base, "direction")),
        access=_lower(reader, owner, (*base, "access")),
        protocol=_lower(reader, owner, (*base, "protocol")),
        sources=_items(reader, owner, base, "sourceAddressPrefix", "sourceAddressPrefixes"),
        destinations=_items(
            reader, owner, base, "destinationAddressPrefix", "destinationAddressPrefixes"
        ),
        ports=_items(reader, owner, base, "destinationPortRange", "destinationPortRanges"),
        source_ports=_items(reader, owner, base, "sourcePortRange", "sourcePortRanges"),
        asg_source=has_asg_source,
        asg_destination=has_asg_dest,
        priority_raw=raw_priority,
    )


def nsg_rules(reader: ValueReader, nsg: Resource) -> list[SecurityRule]:
    """The inline rules of `nsg` (not its child resources; see `rules_by_nsg`)."""
    found: list[SecurityRule] = []
    rules = reader.value(nsg, "properties", "securityRules")
    if not isinstance(rules, list):
        return found
    for index in range(len(rules)):
        base: JsonPath = ("properties", "securityRules", index, "properties")
        name = reader.value(nsg, "properties", "securityRules", index, "name")
        found.append(parse_rule(reader, (nsg.key, display_name(reader, nsg)), nsg, base, name))
    return found


def rules_by_nsg(reader: ValueReader, names: dict[str, str]) -> dict[str, list[SecurityRule]]:
    """Every security rule by NSG key: inline rules and child resources (matched to their NSG
    by `parent`, or by the evaluated name `nsg/rule`). `names` maps lower-cased NSG names to
    keys. Child rules whose NSG is not in the template are keyed by their own key."""
    result: dict[str, list[SecurityRule]] = {}
    for nsg in reader.resources(NSG):
        result[nsg.key] = nsg_rules(reader, nsg)
    for child in reader.resources(NSG_RULE):
        full = reader.value(child, "name")
        nsg_key = child.parent
        short: Any = full
        nsg_name = child.key
        if isinstance(full, str) and not reader.is_unknown(full) and "/" in full:
            nsg_name, _, short = full.partition("/")
            nsg_key = nsg_key or names.get(nsg_name.lower())
        owner = (nsg_key or child.key, nsg_name)
        rule = parse_rule(reader, owner, child, ("properties",), short)
        result.setdefault(rule.nsg_key, []).append(rule)
    return result


# --- evaluation ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Traffic:
    """Traffic to decide: from any Internet host (or a prefix), to `destination` (the
    possible private addresses of the target), on `port` over `protocol`."""

    direction: str
    protocol: str
    port: int
    destination: Network | None
    from_internet: bool = True


@dataclass(frozen=True, slots=True)
class Decision:
    verdict: Verdict
    rule: SecurityRule | None
    """The rule that decides (None for Azure's default rules or when unknown)."""
    default_rule: str | None = None


def _match_source(rule: SecurityRule) -> Match:
    if rule.asg_source and not rule.sources:
        return "no"
    result: Match = "no"
    for item in rule.sources:
        if item.value is None:
            result = "maybe"
        elif covers_internet(item.value):
            return "yes"
    return result


def _match_destination(rule: SecurityRule, destination: Network | None) -> Match:
    if rule.asg_destination and not rule.destinations:
        return "maybe"
    result: Match = "no"
    for item in rule.destinations:
        value = item.value
        if value is None:
            result = "maybe"
            continue
        if covers_everything(value) or value.lower() == "virtualnetwork":
            return "yes"
        network = parse_network(value)
        if network is None or destination is None:
            if network is not None:
                result = "maybe"
            continue
        if network.version != destination.version:
            continue
        if destination.subnet_of(network):  # type: ignore[arg-type]
            return "yes"
        if network.overlaps(destination):
            result = "maybe"
    return result


def _match_port(rule: SecurityRule, port: int) -> Match:
    result: Match = "no"
    for item in rule.ports:
        parsed = parse_port_range(item.value) if item.value is not None else None
        if parsed is None:
            result = "maybe"
        elif parsed.contains(port):
            return "yes"
    return result


def _match_protocol(rule: SecurityRule, protocol: str) -> Match:
    if rule.protocol is None:
        return "maybe"
    return "yes" if rule.protocol in ("*", protocol) else "no"


def matches(rule: SecurityRule, traffic: Traffic) -> Match:
    """Whether `rule` applies to `traffic`: yes, no, or maybe (something is unknown)."""
    if rule.direction is None:
        direction: Match = "maybe"
    else:
        direction = "yes" if rule.direction == traffic.direction else "no"
    if direction == "no":
        return "no"
    parts = (
        direction,
        _match_protocol(rule, traffic.protocol),
        _match_port(rule, traffic.port),
        _match_source(rule) if traffic.from_internet else "maybe",
        _match_destination(rule, traffic.destination),
    )
    if "no" in parts:
        return "no"
    return "maybe" if "maybe" in parts else "yes"


def evaluate(rules: Sequence[SecurityRule], traffic: Traffic) -> Decision:
    """The first rule in priority order that applies decides; Azure's defaults come last
    (inbound from the Internet: DenyAllInBound; outbound to the Internet: AllowInternetOutBound).
    A rule that may apply (unknown fields or priority) before the decider makes the answer
    unknown when its access differs; that rule is then the decision's `rule`."""
    ordered = sorted(
        (r for r in rules if r.priority is not None), key=lambda r: (r.priority, r.name or "")
    )
    maybe: list[SecurityRule] = [
        r for r in rules if r.priority is None and matches(r, traffic) != "no"
    ]

    def unsure(verdict: str) -> SecurityRule | None:
        return next((r for r in maybe if r.access != verdict), None)

    for rule in ordered:
        match = matches(rule, traffic)
        if match == "no":
            continue
        if match == "maybe" or rule.access is None:
            maybe.append(rule)
            continue
        doubt = unsure(rule.access)
        if doubt is not None:
            return Decision("unknown", doubt)
        return Decision("allow" if rule.access == "allow" else "deny", rule)
    default: Verdict = "deny" if traffic.direction == "inbound" else "allow"
    doubt = unsure(default)
    if doubt is not None:
        return Decision("unknown", doubt)
    name = "DenyAllInBound" if traffic.direction == "inbound" else "AllowInternetOutBound"
    return Decision(default, None, name)


# --- shadowing ----------------------------------------------------------------------------


def _prefix_covers(outer: str, inner: str) -> bool:
    if covers_everything(outer):
        return True
    if outer.lower() == inner.lower():
        return True
    outer_net, inner_net = parse_network(outer), parse_network(inner)
    if outer_net is None or inner_net is None or outer_net.version != inner_net.version:
        return False
    return inner_net.subnet_of(outer_net)  # type: ignore[arg-type]


def _all_covered(outer: Sequence[Item], inner: Sequence[Item]) -> bool:
    return all(any(_prefix_covers(str(o.value), str(i.value)) for o in outer) for i in inner)


def _ports_covered(outer: list[PortRange], inner: list[PortRange]) -> bool:
    return all(any(o.covers(i) for o in outer) for i in inner)


def covers(earlier: SecurityRule, later: SecurityRule) -> bool:
    """True when every packet `later` matches is matched by `earlier` (both fully known)."""
    if earlier.direction != later.direction or earlier.asg_source or earlier.asg_destination:
        return False
    if later.asg_source or later.asg_destination:
        return False
    if earlier.protocol not in ("*", later.protocol):
        return False
    outer_ports, inner_ports = earlier.port_ranges(), later.port_ranges()
    outer_src, inner_src = earlier.source_port_ranges(), later.source_port_ranges()
    if None in (outer_ports, inner_ports, outer_src, inner_src):
        return False
    assert outer_ports is not None and inner_ports is not None
    assert outer_src is not None and inner_src is not None
    return (
        _ports_covered(outer_ports, inner_ports)
        and _ports_covered(outer_src, inner_src)
        and _all_covered(earlier.sources, later.sources)
        and _all_covered(earlier.destinations, later.destinations)
    )


def shadowing(rules: Sequence[SecurityRule]) -> Iterator[tuple[SecurityRule, SecurityRule]]:
    """(later, earlier) pairs: `later` never applies because `earlier`, with a lower priority
    number in the same direction, matches everything it matches. Only fully known rules."""
    known = sorted(
        (r for r in rules if r.fully_known), key=lambda r: (r.direction or "", r.priority or 0)
    )
    for index, later in enumerate(known):
        for earlier in known[:index]:
            if earlier.priority != later.priority and covers(earlier, later):
                yield later, earlier
                break


def host_network(address: str) -> Network | None:
    """A single private address as a /32 (or /128) network."""
    try:
        parsed = ipaddress.ip_address(address.strip())
    except ValueError:
        return None
    return ipaddress.ip_network(parsed)
