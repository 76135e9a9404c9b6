"""The `vm` and `vmss` forms of `armc import`: golden imports of corpus-like templates (this
folder's fixtures), the round trip, meaning kept for other parameter values, near misses that
keep the escape hatch, and generated declarations that must come back as themselves."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from armc.arm.loader import LoadOptions, load_template
from armc.dsl.format import format_source
from armc.importer import import_file
from armc.importer.roundtrip import compare_loaded, compare_text
from tests.tools.helpers import build_text

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
GOLDEN = HERE / "golden"


def _import(path: Path) -> tuple[str, Any, Any]:
    result, loaded = import_file(path)
    assert result is not None
    text = format_source(result.text)
    assert format_source(text) == text
    return text, result, loaded


def _declarations(text: str) -> list[str]:
    return [
        line.split(" {")[0]
        for line in text.splitlines()
        if re.match(r"^[a-z]", line) and not line.startswith("param ")
    ]


@pytest.mark.parametrize(
    "fixture", ["linux-vm", "linux-vm-classic", "windows-vm", "vmss-lb"], ids=str
)
def test_golden_imports_round_trip(fixture: str, golden: Any, tmp_path: Path) -> None:
    path = FIXTURES / f"{fixture}.json"
    text, result, loaded = _import(path)
    golden(GOLDEN / f"{fixture}.armc", text)
    assert result.notes == []
    assert compare_text(loaded, text, str(tmp_path / f"{fixture}.armc"), result.params) == []


def test_a_linux_vm_with_network_imports_to_a_few_idiomatic_lines() -> None:
    text, _, _ = _import(FIXTURES / "linux-vm.json")
    vm = text[text.index("vm web01 {") :].split("\n}\n")[0].splitlines()
    assert vm[1:] == [
        "  size vmSize",
        "  image ubuntu-24.04",
        "  subnet app-vnet.app",
        "  public-ip",
        "  os-disk standard-ssd 64",
        "  admin adminUsername ssh adminPublicKey",
        "  nsg app-nsg",
    ]
    # the NIC and public IP are the form's; the extension keeps the escape hatch
    assert _declarations(text) == [
        "nsg app-nsg",
        "vnet app-vnet 10.0.0.0/16",
        "vm web01",
        'resource "Microsoft.Compute/virtualMachines/extensions@2024-11-01" web01/monitor',
    ]


def test_an_older_vm_keeps_the_escape_hatch() -> None:
    """An older apiVersion, a Basic dynamic IP, no Trusted Launch: the form would change the
    deployment, so the VM, NIC and public IP stay `resource` declarations."""
    text, _, _ = _import(FIXTURES / "linux-vm-classic.json")
    assert "\nvm " not in text
    assert 'resource "Microsoft.Compute/virtualMachines@2022-11-01" web01 {' in text
    assert 'resource "Microsoft.Network/networkInterfaces@2022-07-01" web01-nic {' in text


def _write(tmp_path: Path, template: dict[str, Any], name: str = "t.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(template, indent=2), encoding="utf-8")
    return path


def _resource(template: dict[str, Any], kind: str) -> dict[str, Any]:
    found: dict[str, Any] = next(r for r in template["resources"] if r["type"] == kind)
    return found


NIC = "Microsoft.Network/networkInterfaces"
VM = "Microsoft.Compute/virtualMachines"


def _linux_vm() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((FIXTURES / "linux-vm.json").read_text("utf-8"))
    return loaded


@pytest.mark.parametrize(
    "change",
    [
        "nic-forwarding",
        "nic-tags",
        "vm-extra-member",
        "vm-second-key",
        "nic-other-name",
        "pip-basic",
        "vm-condition",
    ],
)
def test_near_misses_keep_the_escape_hatch_and_round_trip(change: str, tmp_path: Path) -> None:
    template = copy.deepcopy(_linux_vm())
    nic, vm = _resource(template, NIC), _resource(template, VM)
    pip = _resource(template, "Microsoft.Network/publicIPAddresses")
    if change == "nic-forwarding":
        nic["properties"]["enableIPForwarding"] = True
    elif change == "nic-tags":
        nic["tags"] = {"team": "web"}
    elif change == "vm-extra-member":
        vm["plan"] = {"name": "p", "publisher": "x", "product": "y"}
    elif change == "vm-second-key":
        keys = vm["properties"]["osProfile"]["linuxConfiguration"]["ssh"]["publicKeys"]
        keys.append({"path": "/home/azureuser/.ssh/authorized_keys", "keyData": "ssh-ed25519 AAAA"})
    elif change == "nic-other-name":
        template["variables"]["nicName"] = "[concat(parameters('vmName'), 'Nic')]"
    elif change == "pip-basic":
        pip["sku"] = {"name": "Basic"}
    elif change == "vm-condition":
        template["parameters"]["deployVm"] = {"type": "bool", "defaultValue": True}
        vm["condition"] = "[parameters('deployVm')]"
    text, result, loaded = _import(_write(tmp_path, template))
    assert "\nvm web01 {" not in text, change
    assert compare_text(loaded, text, str(tmp_path / "t.armc"), result.params) == [], change


@pytest.mark.parametrize(
    ("fixture", "params"),
    [
        ("linux-vm.json", ("vmSize=Standard_D4s_v5", "adminUsername=ops")),
        ("vmss-lb.json", ("vmSku=Standard_D4as_v5", "instanceCount=7", "adminUsername=ops")),
    ],
)
def test_the_form_keeps_the_templates_parameters(
    fixture: str, params: tuple[str, ...], tmp_path: Path
) -> None:
    """Deployed with other parameter values, the import still gives what the template gives:
    the clauses hold the template's expressions, not the values of its defaults."""
    text, result, _ = _import(FIXTURES / fixture)
    template, _ = build_text(text, str(tmp_path / "x.armc"))
    built_path = _write(tmp_path, json.loads(template), "built.json")
    options = LoadOptions(params=(*result.params, *params))
    original = load_template(FIXTURES / fixture, options)
    built = load_template(built_path, options)
    assert compare_loaded(original, built) == []


# ---- generated declarations come back as themselves ---------------------------------------

IMAGES = ["ubuntu-24.04", "ubuntu-22.04", "debian-12", "rhel-9"]
DISKS = ["standard-hdd", "standard-ssd", "premium"]
SIZES = ["Standard_B2s", "Standard_D2s_v5", "Standard_D4s_v5", "Standard_E2s_v5"]


@st.composite
def vm_declarations(draw: st.DrawFn) -> str:
    lines = ["vm app {"]
    lines.append(f"  size {draw(st.sampled_from(SIZES))}")
    lines.append(f"  image {draw(st.sampled_from(IMAGES))}")
    lines.append("  subnet core.app")
    if draw(st.booleans()):
        lines.append("  public-ip")
    if draw(st.booleans()):
        lines.append(f"  zone {draw(st.integers(1, 3))}")
    if draw(st.booleans()):
        size = draw(st.sampled_from(["", " 64", " 128"]))
        lines.append(f"  os-disk {draw(st.sampled_from(DISKS))}{size}")
    for _ in range(draw(st.integers(0, 2))):
        lines.append(f"  data-disk {draw(st.sampled_from(DISKS))} {draw(st.integers(4, 512))}")
    lines.append("  admin azureuser ssh admin_key")
    for clause in ("identity system", "boot-diagnostics off", "extensions off"):
        if draw(st.booleans()):
            lines.append(f"  {clause}")
    if draw(st.booleans()):
        lines.append(f"  trusted-launch {draw(st.sampled_from(['on', 'off']))}")
    if draw(st.booleans()):
        lines.append("  nsg app")
    lines.append("}")
    return "\n".join(lines) + "\n"


PRELUDE = """param admin_key: string
location westeurope

nsg app {
  allow in tcp 22 from 10.0.0.0/8 priority 100
}

vnet core 10.0.0.0/16 {
  subnet app 10.0.1.0/24
}

"""


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(declaration=vm_declarations())
def test_any_vm_declaration_imports_back_to_a_vm(
    declaration: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    source = PRELUDE + declaration
    template, _ = build_text(source, "generated.armc")
    path = tmp_path_factory.mktemp("vm") / "generated.json"
    path.write_text(template, encoding="utf-8")
    text, result, loaded = _import(path)
    assert "\nvm app {" in text, text
    assert compare_text(loaded, text, str(path.with_suffix(".armc")), result.params) == []
