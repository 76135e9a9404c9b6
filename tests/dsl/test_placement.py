"""Placement: proximity placement groups, dedicated host groups and hosts, Spot VMs."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import NETWORK, compile_text, diagnostics_of
from hypothesis import given
from hypothesis import strategies as st

GROUP = """
host-group hosts zones(1) {
  fault-domains 2
  automatic-placement
  host h1 DSv5-Type1 fault-domain 1
}
"""


def vm(*settings: str, kind: str = "vm", name: str = "app") -> str:
    body = "\n  ".join(("image ubuntu-24.04", "subnet core.web", *settings))
    return f"{kind} {name} {{\n  {body}\n  admin azureuser ssh admin_key\n}}\n"


def resources(text: str) -> dict[str, dict[str, Any]]:
    return {r.key: r.body for r in compile_text(NETWORK + text).resources}


def errors(text: str) -> list[tuple[str, str]]:
    return [(d.code, d.message) for d in diagnostics_of(NETWORK + text)]


def test_host_group_and_hosts() -> None:
    found = resources(GROUP)
    group = found["host-group:hosts"]
    assert group["type"] == "Microsoft.Compute/hostGroups"
    assert group["zones"] == ["1"]
    assert group["properties"] == {"platformFaultDomainCount": 2, "supportAutomaticPlacement": True}
    host = found["host:hosts/h1"]
    assert host["name"] == "hosts/h1"
    assert host["sku"] == {"name": "DSv5-Type1"}
    assert host["properties"] == {"platformFaultDomain": 1, "autoReplaceOnFailure": True}


def test_host_group_defaults() -> None:
    found = resources("host-group hg {\n  host h DSv5-Type1\n}\n")
    assert found["host-group:hg"]["properties"] == {
        "platformFaultDomainCount": 1,
        "supportAutomaticPlacement": False,
    }
    assert found["host:hg/h"]["properties"]["platformFaultDomain"] == 0


def test_vm_on_a_host_and_in_a_ppg() -> None:
    template = compile_text(
        NETWORK + GROUP + "ppg near\n" + vm("zone 1", "host hosts.h1", "ppg near")
    )
    vm_resource = next(r for r in template.resources if r.key == "vm:app")
    properties = vm_resource.body["properties"]
    assert properties["host"] == {
        "id": "[resourceId('Microsoft.Compute/hostGroups/hosts', 'hosts', 'h1')]"
    }
    assert properties["proximityPlacementGroup"] == {
        "id": "[resourceId('Microsoft.Compute/proximityPlacementGroups', 'near')]"
    }
    assert {d.target for d in vm_resource.dependencies} >= {"host:hosts/h1", "ppg:near"}


def test_vmss_on_a_host_group_with_automatic_placement() -> None:
    found = resources(GROUP + vm("zones 1", "host hosts", kind="vmss"))
    assert found["vmss:app"]["properties"]["hostGroup"] == {
        "id": "[resourceId('Microsoft.Compute/hostGroups', 'hosts')]"
    }


def test_avset_in_a_ppg() -> None:
    found = resources("ppg near\navset app {\n  ppg near\n}\n")
    assert "proximityPlacementGroup" in found["avset:app"]["properties"]


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        (
            "spot",
            {
                "priority": "Spot",
                "evictionPolicy": "Deallocate",
                "billingProfile": {"maxPrice": -1},
            },
        ),
        (
            "spot delete",
            {"priority": "Spot", "evictionPolicy": "Delete", "billingProfile": {"maxPrice": -1}},
        ),
        (
            "spot deallocate max-price 0.05",
            {
                "priority": "Spot",
                "evictionPolicy": "Deallocate",
                "billingProfile": {"maxPrice": 0.05},
            },
        ),
        (
            "spot max-price 2",
            {
                "priority": "Spot",
                "evictionPolicy": "Deallocate",
                "billingProfile": {"maxPrice": 2.0},
            },
        ),
    ],
)
def test_spot(setting: str, expected: dict[str, Any]) -> None:
    properties = resources(vm(setting))["vm:app"]["properties"]
    assert {k: properties[k] for k in expected} == expected
    profile = resources(vm(setting, kind="vmss"))["vmss:app"]["properties"]["virtualMachineProfile"]
    assert {k: profile[k] for k in expected} == expected


@given(st.decimals(min_value="0.0001", max_value="100", places=4))
def test_any_positive_max_price_is_kept(price: Any) -> None:
    properties = resources(vm(f"spot max-price {price}"))["vm:app"]["properties"]
    assert properties["billingProfile"]["maxPrice"] == float(price)


@pytest.mark.parametrize(
    ("text", "code", "fragment"),
    [
        (
            GROUP + vm("zone 1", "host hosts.h1", "spot"),
            "DSL311",
            "Spot VM cannot run on a dedicated host",
        ),
        (vm("spot max-price 0"), "DSL311", "positive number"),
        (vm("spot max-price cheap"), "DSL311", "positive number"),
        (vm("spot sometimes"), "DSL107", "unexpected argument"),
        (GROUP + vm("zone 2", "host hosts.h1"), "DSL311", "needs 'zone 1'"),
        (GROUP + vm("host hosts.h1"), "DSL311", "needs 'zone 1'"),
        (
            "host-group hg {\n  host h DSv5-Type1\n}\n" + vm("zone 1", "host hg.h"),
            "DSL311",
            "regional",
        ),
        (GROUP + vm("zone 1", "host hosts.h9"), "DSL201", "undefined host of host-group 'hosts'"),
        (GROUP + vm("zone 1", "host nohosts.h1"), "DSL201", "undefined host-group 'nohosts'"),
        (
            "host-group hg zones(1) {\n  host h DSv5-Type1\n}\n" + vm("zone 1", "host hg"),
            "DSL311",
            "no automatic placement",
        ),
        (GROUP + vm("zones 1", "host hosts.h1", kind="vmss"), "DSL311", "not on one host"),
        ("host-group hg {\n  fault-domains 4\n}\n", "DSL311", "1 to 3 fault domains"),
        (
            "host-group hg {\n  fault-domains 2\n  host h DSv5-Type1 fault-domain 2\n}\n",
            "DSL311",
            "0 to 1",
        ),
        (
            "host-group hg {\n  host h DSv5-Type1\n  host h DSv5-Type1\n}\n",
            "DSL202",
            "declared twice",
        ),
        (vm("ppg far"), "DSL201", "undefined ppg 'far'"),
        ("avset a {\n  ppg far\n}\n", "DSL201", "undefined ppg 'far'"),
        ("host-group hg {\n  hosts 2\n}\n", "DSL105", "unknown host-group setting"),
    ],
)
def test_misuse_is_an_error(text: str, code: str, fragment: str) -> None:
    found = errors(text)
    assert any(c == code and fragment in m for c, m in found), found
