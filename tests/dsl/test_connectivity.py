"""Connectivity: static private IPs, secondary NICs, NAT gateways, VNet peering and VPN."""

from __future__ import annotations

import ipaddress
from typing import Any

import pytest
from conftest import compile_text, diagnostics_of
from hypothesis import given
from hypothesis import strategies as st

NETWORK = """
param admin_key: string
param vpn_key: secure string
param plain_key: string
vnet hub 10.0.0.0/16 {
  subnet app 10.0.1.0/24
  subnet data 10.0.2.0/24
  subnet GatewaySubnet 10.0.255.0/27
}
vnet spoke 10.1.0.0/16 {
  subnet web 10.1.1.0/24
}
nsg data {
  allow in tcp 5432 from 10.0.1.0/24 priority 100
}
"""
VPN = """
vpn-gateway vpn subnet hub.GatewaySubnet
local-gateway office ip 203.0.113.10 prefixes 192.168.0.0/16 172.16.0.0/12
"""


def vm(*settings: str, name: str = "db", kind: str = "vm", subnet: str = "hub.app") -> str:
    body = "\n  ".join(("image ubuntu-24.04", f"subnet {subnet}", *settings))
    return f"{kind} {name} {{\n  {body}\n  admin azureuser ssh admin_key\n}}\n"


def resources(text: str) -> dict[str, dict[str, Any]]:
    return {r.key: r.body for r in compile_text(NETWORK + text).resources}


def errors(text: str) -> list[tuple[str, str]]:
    """Diagnostics of `text` after NETWORK (unless `text` is a changed NETWORK)."""
    source = text if text.startswith(NETWORK[:20]) else NETWORK + text
    return [(d.code, d.message) for d in diagnostics_of(source)]


def test_static_private_ip_and_a_secondary_nic() -> None:
    found = resources(
        vm("private-ip 10.0.1.10", "nic storage subnet hub.data private-ip 10.0.2.10 nsg data")
    )
    primary = found["nic:db-nic"]["properties"]["ipConfigurations"][0]["properties"]
    assert primary["privateIPAllocationMethod"] == "Static"
    assert primary["privateIPAddress"] == "10.0.1.10"
    storage = found["nic:db-storage-nic"]["properties"]
    config = storage["ipConfigurations"][0]["properties"]
    assert config["privateIPAddress"] == "10.0.2.10"
    assert config["subnet"]["id"].endswith("'hub', 'data')]")
    assert storage["networkSecurityGroup"]["id"].endswith("'data')]")
    assert storage["enableAcceleratedNetworking"] is True  # Standard_D2s_v5 has it
    interfaces = found["vm:db"]["properties"]["networkProfile"]["networkInterfaces"]
    assert [i["properties"]["primary"] for i in interfaces] == [True, False]
    assert interfaces[1]["id"].endswith("'db-storage-nic')]")


def test_a_size_without_accelerated_networking_keeps_every_nic_off() -> None:
    found = resources(vm("size Standard_B2s", "nic storage subnet hub.data"))
    assert found["nic:db-nic"]["properties"]["enableAcceleratedNetworking"] is False
    assert found["nic:db-storage-nic"]["properties"]["enableAcceleratedNetworking"] is False


@given(st.integers(min_value=4, max_value=254))
def test_any_usable_address_of_the_subnet_is_accepted(host: int) -> None:
    address = str(ipaddress.ip_address("10.0.1.0") + host)
    found = resources(vm(f"private-ip {address}"))
    config = found["nic:db-nic"]["properties"]["ipConfigurations"][0]["properties"]
    assert config["privateIPAddress"] == address


def test_nat_gateway_on_a_subnet() -> None:
    text = NETWORK.replace("subnet app 10.0.1.0/24", "subnet app 10.0.1.0/24 nat egress")
    found = {r.key: r.body for r in compile_text(text + "natgw egress zones(1)\n").resources}
    natgw = found["natgw:egress"]
    assert natgw["sku"] == {"name": "Standard"}
    assert natgw["zones"] == ["1"]
    assert natgw["properties"]["idleTimeoutInMinutes"] == 4
    assert natgw["properties"]["publicIpAddresses"][0]["id"].endswith("'egress-pip')]")
    assert found["pip:egress-pip"]["zones"] == ["1"]
    subnet = found["vnet:hub"]["properties"]["subnets"][0]["properties"]
    assert subnet["natGateway"]["id"].endswith("natGateways', 'egress')]")


def test_peering_declares_both_directions() -> None:
    found = resources(VPN + "peering hub spoke gateway-transit\n")
    hub = found["peering:hub/hub-to-spoke"]["properties"]
    spoke = found["peering:spoke/spoke-to-hub"]["properties"]
    assert hub["remoteVirtualNetwork"]["id"].endswith("'spoke')]")
    assert (hub["allowGatewayTransit"], hub["useRemoteGateways"]) == (True, False)
    assert (spoke["allowGatewayTransit"], spoke["useRemoteGateways"]) == (False, True)
    assert "location" not in found["peering:hub/hub-to-spoke"]


def test_vpn_gateway_local_gateway_and_connection() -> None:
    found = resources(VPN + "connection office-link vpn -> office shared-key vpn_key\n")
    gateway = found["vpn-gateway:vpn"]["properties"]
    assert gateway["sku"] == {"name": "VpnGw1AZ", "tier": "VpnGw1AZ"}
    assert (gateway["gatewayType"], gateway["vpnType"]) == ("Vpn", "RouteBased")
    assert found["pip:vpn-pip"]["zones"] == ["1", "2", "3"]  # an AZ SKU: zone-redundant IP
    local = found["local-gateway:office"]["properties"]
    assert local["gatewayIpAddress"] == "203.0.113.10"
    assert local["localNetworkAddressSpace"]["addressPrefixes"] == [
        "192.168.0.0/16",
        "172.16.0.0/12",
    ]
    link = found["connection:office-link"]["properties"]
    assert link["sharedKey"] == "[parameters('vpn_key')]"
    assert link["connectionType"] == "IPsec"


def test_bgp_and_a_legacy_sku() -> None:
    found = resources("vpn-gateway vpn subnet hub.GatewaySubnet sku VpnGw2 bgp-asn 65010\n")
    gateway = found["vpn-gateway:vpn"]["properties"]
    assert gateway["enableBgp"] is True
    assert gateway["bgpSettings"] == {"asn": 65010}
    assert "zones" not in found["pip:vpn-pip"]


@pytest.mark.parametrize(
    ("text", "code", "fragment"),
    [
        (vm("private-ip 10.0.2.10"), "DSL311", "outside subnet hub.app"),
        (vm("private-ip 10.0.1.2"), "DSL311", "reserved by Azure"),
        (vm("private-ip 10.0.1.255"), "DSL311", "reserved by Azure"),
        (vm("private-ip ten"), "DSL302", "not an IP address"),
        (
            vm("private-ip 10.0.1.10") + vm("private-ip 10.0.1.10", name="db2"),
            "DSL311",
            "assigned twice",
        ),
        (vm("private-ip 10.0.1.10", name="db[2]"), "DSL107", "counted vm"),
        (vm("private-ip 10.0.1.10", kind="vmss"), "DSL107", "scale set"),
        (vm("nic other subnet spoke.web"), "DSL311", "must be in its vnet 'hub'"),
        (vm("nic other"), "DSL106", "needs 'subnet vnet.subnet'"),
        (vm("nic other subnet hub.nowhere"), "DSL201", "undefined subnet"),
        (vm("nic a subnet hub.data", "nic a subnet hub.data"), "DSL202", "declared twice"),
        (vm("nic a subnet hub.data", kind="vmss"), "DSL107", "only supported on a vm"),
        ("natgw egress zones(1, 2)\n", "DSL311", "at most one zone"),
        ("natgw egress {\n  idle-timeout 200\n}\n", "DSL311", "4 to 120 minutes"),
        (
            NETWORK.replace("subnet app 10.0.1.0/24", "subnet app 10.0.1.0/24 nat nowhere"),
            "DSL201",
            "undefined natgw 'nowhere'",
        ),
        ("peering hub hub\n", "DSL311", "with itself"),
        ("peering hub nowhere\n", "DSL201", "undefined vnet 'nowhere'"),
        ("peering hub spoke\npeering spoke hub\n", "DSL202", "peered twice"),
        (
            "vnet other 10.0.128.0/17 {\n  subnet x 10.0.128.0/24\n}\npeering hub other\n",
            "DSL311",
            "must not overlap",
        ),
        ("peering spoke hub gateway-transit\n", "DSL311", "needs a vpn-gateway in vnet 'spoke'"),
        ("vpn-gateway vpn subnet hub.app\n", "DSL311", "named 'GatewaySubnet'"),
        (
            "vpn-gateway vpn subnet hub.GatewaySubnet sku VpnGw9\n",
            "DSL311",
            "not a VPN gateway SKU",
        ),
        (
            "vpn-gateway vpn subnet hub.GatewaySubnet sku VpnGw1 zones(1)\n",
            "DSL311",
            "zone-redundant SKU",
        ),
        ("vpn-gateway vpn subnet hub.GatewaySubnet bgp-asn 65515\n", "DSL311", "reserved by Azure"),
        ("vpn-gateway vpn\n", "DSL106", "needs 'subnet vnet.GatewaySubnet'"),
        (
            NETWORK.replace("GatewaySubnet 10.0.255.0/27", "GatewaySubnet 10.0.255.0/30")
            + "vpn-gateway vpn subnet hub.GatewaySubnet\n",
            "DSL311",
            "/29 or larger",
        ),
        ("local-gateway office ip 10.1.2.3 prefixes 192.168.0.0/16\n", "DSL311", "private address"),
        ("local-gateway office ip 203.0.113.10\n", "DSL106", "needs 'ip ADDRESS' and 'prefixes"),
        ("local-gateway office ip 203.0.113.10 prefixes 192.168.0.1/16\n", "DSL302", "not a valid"),
        (VPN + 'connection c vpn -> office shared-key "abc"\n', "DSL307", "must not be written"),
        (VPN + "connection c vpn -> office shared-key plain_key\n", "DSL307", "must be secure"),
        (VPN + "connection c vpn -> office\n", "DSL106", "needs 'shared-key"),
        (
            VPN + "connection c vpn -> nowhere shared-key vpn_key\n",
            "DSL201",
            "undefined local-gateway",
        ),
        (
            VPN.replace("192.168.0.0/16", "10.0.0.0/8")
            + "connection c vpn -> office shared-key vpn_key\n",
            "DSL311",
            "overlaps vnet 'hub'",
        ),
    ],
)
def test_misuse_is_an_error(text: str, code: str, fragment: str) -> None:
    found = errors(text)
    assert any(c == code and fragment in m for c, m in found), found
