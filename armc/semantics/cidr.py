"""Address prefixes: CIDRs, single addresses and service tags (`ipaddress` underneath)."""

from __future__ import annotations

import functools
import ipaddress
import re
from dataclasses import dataclass

Network = ipaddress.IPv4Network | ipaddress.IPv6Network

RESERVED_PER_SUBNET = 5
"""Azure keeps the first four addresses and the last one of every IPv4 subnet."""

ANY = frozenset({"*", "any"})
INTERNET_TAGS = frozenset({"internet"})
_TAG = re.compile(r"^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)?$")
_ALL_IPV4 = ipaddress.IPv4Network("0.0.0.0/0")
_ALL_IPV6 = ipaddress.IPv6Network("::/0")


@functools.lru_cache(maxsize=8192)
def parse_network(text: str, *, strict: bool = False) -> Network | None:
    """`10.0.0.0/16` or a single address as a network; None when `text` is neither.

    With `strict`, a prefix with host bits set (`10.0.0.1/24`) is None too. Memoised (networks
    are immutable): templates repeat the same few prefixes, and `ipaddress` parses slowly."""
    try:
        return ipaddress.ip_network(text.strip(), strict=strict)
    except ValueError:
        return None


def parse_address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def is_service_tag(text: str) -> bool:
    """Shaped like a service tag (`Internet`, `VirtualNetwork`, `Storage.WestEurope`)."""
    return bool(_TAG.match(text.strip()))


@functools.lru_cache(maxsize=8192)
def covers_everything(text: str) -> bool:
    """True for a prefix that matches every address: `*`, `Any`, `0.0.0.0/0`, `::/0`."""
    stripped = text.strip().lower()
    if stripped in ANY:
        return True
    network = parse_network(stripped)
    return network is not None and network in (_ALL_IPV4, _ALL_IPV6)


def covers_internet(text: str) -> bool:
    """True for a source that includes every Internet address."""
    return covers_everything(text) or text.strip().lower() in INTERNET_TAGS


def usable_addresses(network: Network) -> int:
    """Addresses a subnet can give to NICs and instances (IPv4: size minus the 5 reserved)."""
    if network.version == 4:
        return max(network.num_addresses - RESERVED_PER_SUBNET, 0)
    return network.num_addresses


def is_reserved_in(
    address: ipaddress.IPv4Address | ipaddress.IPv6Address, network: Network
) -> bool:
    """An address Azure keeps for itself in an IPv4 subnet: the first four and the last."""
    if network.version != 4 or address.version != 4:
        return False
    offset = int(address) - int(network.network_address)
    return offset < 4 or address == network.broadcast_address


def overlaps(a: Network, b: Network) -> bool:
    return a.version == b.version and a.overlaps(b)


def within(inner: Network, outer: Network) -> bool:
    return inner.version == outer.version and inner.subnet_of(outer)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class PortRange:
    """An inclusive port range; `*` is 0-65535."""

    low: int
    high: int

    def contains(self, port: int) -> bool:
        return self.low <= port <= self.high

    def covers(self, other: PortRange) -> bool:
        return self.low <= other.low and other.high <= self.high

    def __str__(self) -> str:
        if self.low == 0 and self.high == 65535:
            return "*"
        return str(self.low) if self.low == self.high else f"{self.low}-{self.high}"


ALL_PORTS = PortRange(0, 65535)


@functools.lru_cache(maxsize=8192, typed=True)  # typed: True is not the port 1
def parse_port_range(text: str | int) -> PortRange | None:
    """`*`, `22`, `8000-8080` as a range; None when invalid (out of 0-65535, low > high)."""
    if isinstance(text, bool):
        return None
    if isinstance(text, int):
        return PortRange(text, text) if 0 <= text <= 65535 else None
    spec = text.strip()
    if spec == "*":
        return ALL_PORTS
    low_text, dash, high_text = spec.partition("-")
    if not low_text.strip().isdigit() or (dash and not high_text.strip().isdigit()):
        return None
    low = int(low_text)
    high = int(high_text) if dash else low
    if not (0 <= low <= high <= 65535):
        return None
    return PortRange(low, high)
