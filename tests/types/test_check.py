"""The walk of a resource body against its table (armc.types.check), on literal bodies."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from armc.types.check import check_resource
from armc.types.tables import lookup, package

PIP = "Microsoft.Network/publicIPAddresses"
VM = "Microsoft.Compute/virtualMachines"


def _never(value: Any) -> bool:
    return False


def kinds(body: dict[str, Any], kind: str = PIP, api: str = "2024-05-01") -> list[str]:
    return [f"{i.kind} {i.field}" for i in check_resource(kind, api, body, _never)]


def pip(**properties: Any) -> dict[str, Any]:
    return {
        "type": PIP,
        "apiVersion": "2024-05-01",
        "name": "ip",
        "location": "westeurope",
        "sku": {"name": "Standard"},
        "properties": {"publicIPAllocationMethod": "Static", **properties},
    }


def test_a_well_formed_body_has_no_issue() -> None:
    body = pip(dnsSettings={"domainNameLabel": "web"}, idleTimeoutInMinutes=4, ipTags=[])
    assert kinds(body) == []


def test_names_are_case_insensitive_like_arm() -> None:
    assert kinds(pip(DNSSETTINGS={"DomainNameLabel": "web"})) == []


def test_each_kind_of_misfit() -> None:
    body = pip(
        dnsSetings={},
        idleTimeoutInMinutes=[4],
        provisioningState="Succeeded",
        publicIPAddressVersion="IPv5",
    )
    assert kinds(body) == [
        "unknown properties.dnsSetings",
        "mismatch properties.idleTimeoutInMinutes",
        "read-only properties.provisioningState",
        "enum properties.publicIPAddressVersion",
    ]


def test_the_unknown_finding_suggests_the_closest_name() -> None:
    (issue,) = check_resource(PIP, "2024-05-01", pip(dnsSetings={}), _never)
    assert issue.hint == "did you mean 'dnsSettings'?"
    assert "Microsoft.Network/publicIPAddresses@" in issue.message


def test_a_template_newer_than_the_table_gets_no_unknown_or_enum_finding() -> None:
    body = pip(brandNewSetting=True, publicIPAddressVersion="IPv5", idleTimeoutInMinutes="x")
    assert kinds(body, api="2999-01-01") == ["mismatch properties.idleTimeoutInMinutes"]


def test_unknown_values_and_expressions_are_skipped() -> None:
    body = pip(idleTimeoutInMinutes="[parameters('t')]", dnsSettings="[variables('dns')]")
    assert kinds(body) == []
    marker = object()
    issues = check_resource(
        PIP, "2024-05-01", pip(idleTimeoutInMinutes=marker), lambda v: v is marker
    )
    assert issues == []


def test_required_properties_and_references() -> None:
    nsg = "Microsoft.Network/networkSecurityGroups"
    rule = {"name": "r", "properties": {"priority": 100, "direction": "Inbound"}}
    body = {"location": "westeurope", "properties": {"securityRules": [rule]}}
    found = kinds(body, nsg)
    assert "required properties.securityRules[0].properties.protocol" in found
    assert "required properties.securityRules[0].properties.access" in found
    nic = "Microsoft.Network/networkInterfaces"
    reference = {  # {"id": ...} names an existing subnet: its required members are not asked
        "location": "westeurope",
        "properties": {
            "ipConfigurations": [{"name": "c", "properties": {"subnet": {"id": "/x/subnets/a"}}}]
        },
    }
    assert kinds(reference, nic) == []


def test_storage_on_an_old_api_version_uses_the_old_shape() -> None:
    old = {"location": "westeurope", "properties": {"accountType": "Standard_LRS"}}
    assert kinds(old, "Microsoft.Storage/storageAccounts", "2015-06-15") == []
    assert kinds(old, "Microsoft.Storage/storageAccounts", "2023-05-01") == [
        "unknown properties.accountType",
        "required sku",
    ]


def test_property_copy_loops_and_template_members_are_not_properties() -> None:
    body = pip(copy=[{"name": "ipTags", "count": 2, "input": {}}])
    body.update({"dependsOn": [], "condition": True, "comments": "x", "copy": {"name": "c"}})
    assert kinds(body) == []


def _leaf_specs() -> list[tuple[str, str]]:
    entry = lookup(VM, "2026-04-01")
    assert entry is not None
    pkg = package(entry.package)
    model = pkg.model("HardwareProfile")
    vm = pkg.model("VirtualMachineProperties")
    assert model is not None and vm is not None
    return [
        (p.name, p.spec)
        for p in vm.properties.values()
        if isinstance(p.spec, str) and p.spec != "any" and not p.read_only
    ]


LEAVES = _leaf_specs()
JSON_VALUES = st.one_of(
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.text(alphabet="abcxyz -", min_size=1, max_size=5),  # not "" (a placeholder), not "true"
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.sampled_from("ab"), st.integers(), max_size=1),
)


def _fits(value: Any, spec: str) -> bool:
    if spec == "string":
        return isinstance(value, str)
    if spec == "boolean":
        return isinstance(value, bool)
    if spec == "integer":
        return (isinstance(value, int) and not isinstance(value, bool)) or (
            isinstance(value, float) and value.is_integer()
        )
    if spec == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    return True


@given(st.sampled_from(LEAVES), JSON_VALUES)
def test_a_scalar_is_reported_exactly_when_its_json_type_is_wrong(
    leaf: tuple[str, str], value: Any
) -> None:
    name, spec = leaf
    body = {"location": "westeurope", "properties": {name: value}}
    found = kinds(body, VM, "2026-04-01")
    expected = [] if _fits(value, spec) else [f"mismatch properties.{name}"]
    assert found == expected


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=12))
def test_a_name_the_model_lacks_is_unknown(name: str) -> None:
    known = {n.lower() for n, _ in LEAVES}
    entry = lookup(VM, "2026-04-01")
    assert entry is not None
    props = package(entry.package).model("VirtualMachineProperties")
    assert props is not None
    body = {"location": "westeurope", "properties": {name: "x"}}
    found = kinds(body, VM, "2026-04-01")
    if name.lower() in props.properties or name.lower() in known:
        assert not any(f.startswith("unknown") for f in found)
    else:
        assert found == [f"unknown properties.{name}"]


def test_older_compute_api_versions_have_their_own_tables() -> None:
    avset = "Microsoft.Compute/availabilitySets"
    managed = {"location": "westeurope", "properties": {"managed": True}}
    assert kinds(managed, avset, "2016-04-30-preview") == []  # removed in 2017-03-30
    assert kinds(managed, avset, "2019-07-01") == ["unknown properties.managed"]
    entry = lookup(avset, "2015-06-15")
    assert entry is not None and entry.source.startswith(f"{avset}@2015-06-15 (azure-mgmt-compute ")


def test_a_property_newer_than_the_template_api_version_is_not_unknown() -> None:
    avset = "Microsoft.Compute/availabilitySets"
    body = {"location": "westeurope", "sku": {"name": "Aligned"}, "properties": {}}
    assert kinds(body, avset, "2015-06-15") == []  # sku came in 2016-04-30-preview
    body["skew"] = {}
    assert kinds(body, avset, "2015-06-15") == ["unknown skew"]


def test_between_two_tables_the_newer_one_confirms_an_unknown_property() -> None:
    body = {"location": "westeurope", "properties": {"platformFaultDomainCount": 2}}
    entry = lookup("Microsoft.Compute/availabilitySets", "2024-11-01")
    assert entry is not None and entry.api_version < "2024-11-01"  # an older table describes it
    newest = {"location": "westeurope", "properties": {"virtualMachineScaleSetMigrationInfo": {}}}
    found = kinds(newest, "Microsoft.Compute/availabilitySets", "2024-11-01")
    assert not any(f.startswith("unknown") for f in found)  # known to the newer table
    body["properties"]["platformFaultDomainCont"] = 2
    assert kinds(body, "Microsoft.Compute/availabilitySets", "2024-11-01") == [
        "unknown properties.platformFaultDomainCont"
    ]


def test_an_api_version_armc_cannot_know_checks_nothing() -> None:
    body = pip(dnsSetings={}, idleTimeoutInMinutes=[4])
    assert kinds(body, api="[parameters('apiVersion')]") == []


def test_a_null_member_is_not_set() -> None:
    assert kinds(pip(scale=None)) == []
