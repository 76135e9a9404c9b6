"""A `resource` declaration's `name:` member sets the ARM name; the declaration's own name then
only names it in the DSL, so resources of different types may share one ARM name."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import compile_text, diagnostics_of

from armc.emit.bicep import emit_bicep

SHARED = """param vmName: string = "vm"
resource "Microsoft.Network/publicIPAddresses@2020-06-01" vm_pip {
  name: vmName
}
resource "Microsoft.Network/networkInterfaces@2020-06-01" vm_nic {
  name: vmName
  properties {
    ipConfigurations: [{ name: "c", properties: { publicIPAddress: { id: vm_pip.id } } }]
  }
}
resource "Microsoft.Compute/virtualMachines@2020-06-01" vm {
  name: vmName
  properties { networkProfile: { networkInterfaces: [{ id: vm_nic.id }] } }
}
output n = vm.name
"""


def body_of(text: str, key: str) -> dict[str, Any]:
    resource = compile_text(text).resource(key)
    assert resource is not None
    return resource.body


def test_resources_of_three_types_share_one_arm_name() -> None:
    template = compile_text(SHARED)
    names = {resource.key: resource.name for resource in template.resources}
    assert names == {
        "resource:vm_pip": "[parameters('vmName')]",
        "resource:vm_nic": "[parameters('vmName')]",
        "resource:vm": "[parameters('vmName')]",
    }
    nic = body_of(SHARED, "resource:vm_nic")
    pip_id = nic["properties"]["ipConfigurations"][0]["properties"]["publicIPAddress"]["id"]
    assert pip_id == "[resourceId('Microsoft.Network/publicIPAddresses', parameters('vmName'))]"
    assert template.outputs["n"].body["value"] == "[parameters('vmName')]"
    nic_resource = template.resource("resource:vm_nic")
    assert nic_resource is not None
    assert [d.target for d in nic_resource.dependencies] == ["resource:vm_pip"]
    assert "id: vmPip.id" in emit_bicep(template, "shared").template


def test_a_literal_name_and_a_counted_name() -> None:
    text = (
        'resource "Microsoft.Storage/storageAccounts@2023-01-01" st[2] {\n'
        '  name: "st${index}x"\n}\n'
        "output s = st[1].id\n"
    )
    template = compile_text(text)
    assert [r.name for r in template.resources] == ["st0x", "st1x"]
    value = template.outputs["s"].body["value"]
    assert value == "[resourceId('Microsoft.Storage/storageAccounts', 'st1x')]"


def test_a_name_in_a_copy_loop() -> None:
    text = (
        "param k: int = 2\n"
        'resource "Microsoft.Storage/storageAccounts@2023-01-01" lp[k] {\n  name: "lp${index}"\n}\n'
        "output all = lp[*].id\n"
    )
    template = compile_text(text)
    assert template.resources[0].name == "[format('lp{0}', copyIndex())]"
    copy = template.outputs["all"].body["copy"]
    assert copy["input"] == (
        "[resourceId('Microsoft.Storage/storageAccounts', format('lp{0}', copyIndex()))]"
    )


def test_without_a_name_member_the_declaration_names_the_resource() -> None:
    text = 'resource "Microsoft.Storage/storageAccounts@2023-01-01" st {\n}\n'
    assert compile_text(text).resources[0].name == "st"


@pytest.mark.parametrize(
    ("value", "code"), [("1", "DSL301"), ('""', "DSL311"), ("nothing", "DSL201")]
)
def test_a_name_that_is_not_a_string_is_rejected(value: str, code: str) -> None:
    text = f'resource "Microsoft.Storage/storageAccounts@2023-01-01" st {{\n  name: {value}\n}}\n'
    assert diagnostics_of(text)[0].code == code


def test_two_declarations_still_need_two_dsl_names() -> None:
    text = (
        'resource "Microsoft.Network/publicIPAddresses@2020-06-01" vm {\n  name: "vm"\n}\n'
        'resource "Microsoft.Compute/virtualMachines@2020-06-01" vm {\n  name: "vm"\n}\n'
    )
    assert diagnostics_of(text)[0].code == "DSL202"
