"""Address prefixes and port ranges."""

from __future__ import annotations

import ipaddress

import pytest
from hypothesis import given
from hypothesis import strategies as st

from armc.semantics.cidr import (
    PortRange,
    covers_everything,
    covers_internet,
    is_reserved_in,
    is_service_tag,
    parse_network,
    parse_port_range,
    usable_addresses,
    within,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("*", PortRange(0, 65535)),
        ("22", PortRange(22, 22)),
        ("8000-8080", PortRange(8000, 8080)),
        (443, PortRange(443, 443)),
        ("0", PortRange(0, 0)),
    ],
)
def test_valid_port_ranges(text: str | int, expected: PortRange) -> None:
    assert parse_port_range(text) == expected


@pytest.mark.parametrize("text", ["70000", "8080-80", "ssh", "", "-1", "1-", True, 65536])
def test_invalid_port_ranges(text: str | int) -> None:
    assert parse_port_range(text) is None


@given(st.integers(0, 65535), st.integers(0, 65535))
def test_port_range_text_round_trips(low: int, high: int) -> None:
    low, high = min(low, high), max(low, high)
    parsed = parse_port_range(f"{low}-{high}")
    assert parsed is not None and parse_port_range(str(parsed)) == parsed


def test_prefixes() -> None:
    assert parse_network("10.0.0.0/16") == ipaddress.ip_network("10.0.0.0/16")
    assert parse_network("10.0.0.1/24") is not None
    assert parse_network("10.0.0.1/24", strict=True) is None
    assert parse_network("10.0.0/24") is None and parse_network("10.0.0.0/33") is None
    assert within(ipaddress.ip_network("10.0.1.0/24"), ipaddress.ip_network("10.0.0.0/16"))
    assert not within(ipaddress.ip_network("10.1.0.0/24"), ipaddress.ip_network("10.0.0.0/16"))
    assert not within(ipaddress.ip_network("::/64"), ipaddress.ip_network("10.0.0.0/8"))


def test_internet_and_tags() -> None:
    assert all(covers_everything(t) for t in ("*", "Any", "0.0.0.0/0", "::/0"))
    assert covers_internet("Internet") and not covers_everything("Internet")
    assert not covers_internet("VirtualNetwork") and not covers_internet("203.0.113.0/24")
    assert is_service_tag("Storage.WestEurope") and not is_service_tag("my host")


def test_reserved_addresses() -> None:
    subnet = ipaddress.ip_network("10.0.1.0/24")
    assert usable_addresses(subnet) == 251
    assert usable_addresses(ipaddress.ip_network("10.0.0.0/29")) == 3
    reserved = [a for a in subnet if is_reserved_in(a, subnet)]
    assert [str(a) for a in reserved] == [
        "10.0.1.0",
        "10.0.1.1",
        "10.0.1.2",
        "10.0.1.3",
        "10.0.1.255",
    ]
