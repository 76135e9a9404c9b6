"""The checking passes: names, parameters, network and compute (with their diagnostics)."""

from __future__ import annotations

import ipaddress

from conftest import NETWORK, compile_text, diagnostics_of
from hypothesis import given, settings
from hypothesis import strategies as st

from armc.dsl.passes.network import parse_port_range, service_tag


def codes(text: str) -> list[str]:
    return [d.code for d in diagnostics_of(text)]


def test_duplicate_names_point_at_the_first_declaration() -> None:
    (diagnostic,) = diagnostics_of("nsg a\nnsg a\n")
    assert diagnostic.code == "DSL202"
    assert diagnostic.related[0].span.line == 1


def test_same_name_in_different_kinds_is_allowed() -> None:
    template = compile_text(NETWORK.replace("10.0.1.0/24", "10.0.1.0/24 nsg web") + "nsg web\n")
    assert [r.key for r in template.resources] == ["vnet:core", "nsg:web"]


def test_undefined_nsg_has_a_hint() -> None:
    (diagnostic,) = diagnostics_of(
        NETWORK.replace("10.0.1.0/24", "10.0.1.0/24 nsg wbe") + "nsg web\n"
    )
    assert diagnostic.code == "DSL201" and diagnostic.hint == "did you mean 'web'?"


def test_every_error_of_a_program_is_reported_at_once() -> None:
    found = codes(
        "vnet a 10.0.0.0/16 {\n  subnet x 10.9.0.0/24\n}\n"
        "nsg n {\n  allow in tcp 99999 from Internet priority 100\n}\n"
        'param p: int = "x"\n'
    )
    assert sorted(found) == ["DSL301", "DSL303", "DSL304"]


def test_allowed_values_must_contain_the_default() -> None:
    assert codes('param env: string = "qa" allowed("dev", "prod")\n') == ["DSL311"]


def test_range_applies_to_ints_only() -> None:
    assert codes("param s: string range(1, 2)\n") == ["DSL301"]


def test_keyvault_needs_secure_string_and_a_vault_id() -> None:
    assert codes('param p: string keyvault("/x", "y")\n') == ["DSL301"]
    assert codes('param p: secure string keyvault("not-an-id", "y")\n') == ["DSL311"]


def test_trusted_launch_follows_the_image_and_can_be_turned_off() -> None:
    vm = NETWORK + "vm a {\n  image ubuntu-24.04\n  subnet core.web\n  admin u1 ssh admin_key\n"
    on = compile_text(vm + "}\n").resource("vm:a")
    off = compile_text(vm + "  trusted-launch off\n}\n").resource("vm:a")
    assert (
        on is not None
        and on.body["properties"]["securityProfile"]["securityType"] == "TrustedLaunch"
    )
    assert off is not None and "securityProfile" not in off.body["properties"]


def test_custom_image_urn_and_os() -> None:
    template = compile_text(
        NETWORK + 'vm a {\n  image "Contoso:app:v1:1.2.3"\n  os windows\n'
        "  subnet core.web\n  admin u1 password pw\n}\n"
        "param pw: secure string\n"
    )
    vm = template.resource("vm:a")
    assert vm is not None
    assert vm.body["properties"]["storageProfile"]["imageReference"] == {
        "publisher": "Contoso",
        "offer": "app",
        "sku": "v1",
        "version": "1.2.3",
    }
    assert "windowsConfiguration" in vm.body["properties"]["osProfile"]
    assert "securityProfile" not in vm.body["properties"]


def test_too_many_data_disks_for_the_size() -> None:
    disks = "".join("  data-disk premium 32\n" for _ in range(5))
    text = NETWORK + (
        "vm a {\n  size Standard_B2s\n  image ubuntu-24.04\n  subnet core.web\n"
        f"  admin u1 ssh admin_key\n{disks}}}\n"
    )
    assert codes(text) == ["DSL311"]


def test_service_tags_are_canonical() -> None:
    assert service_tag("internet") == "Internet"
    assert service_tag("Storage.WestEurope") == "Storage.WestEurope"
    assert service_tag("Nope") is None


@given(st.integers(0, 65535), st.integers(0, 65535))
def test_port_ranges(low: int, high: int) -> None:
    expected = (low, high) if low <= high else None
    assert parse_port_range(f"{low}-{high}") == expected
    assert parse_port_range(str(low)) == (low, low)


@settings(max_examples=50, deadline=None)
@given(st.ip_addresses(v=4), st.integers(8, 28))
def test_cidr_validity_matches_ipaddress(address: ipaddress.IPv4Address, length: int) -> None:
    text = f"{address}/{length}"
    try:
        ipaddress.ip_network(text, strict=True)
        valid = True
    except ValueError:
        valid = False
    program = f"vnet v {text}\n"
    if valid:
        assert compile_text(program).resources[0].body["properties"]["addressSpace"][
            "addressPrefixes"
        ] == [text]
    else:
        assert codes(program) == ["DSL302"]


def test_explicit_settings_must_fit_the_size() -> None:
    vm = NETWORK + (
        "vm a {\n  size Standard_B2s\n  image ubuntu-24.04\n  subnet core.web\n"
        "  admin u1 ssh admin_key\n  accelerated-networking on\n}\n"
    )
    (diagnostic,) = diagnostics_of(vm)
    assert (diagnostic.code, diagnostic.span.line) == ("DSL311", 11)  # type: ignore[union-attr]
    assert "accelerated networking" in diagnostic.message
