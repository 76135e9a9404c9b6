"""The Bicep back-end on hand-built models: loops, conditions, parents, dependsOn, existing
resources, identifiers, escaping, errors; each checked against the ARM output's meaning."""

from __future__ import annotations

import json
from typing import Any

import pytest

from armc.diagnostics import CompileError
from armc.emit.arm import emit_arm
from armc.emit.bicep import emit_bicep
from armc.model.template import Template
from tests.emit.model_builders import add_parameter, add_resource, network_chain, template

from .arm_eval import ArmEvaluator
from .bicep_eval import BicepEvaluator
from .terms import closure

NSG = "Microsoft.Network/networkSecurityGroups"
VNET = "Microsoft.Network/virtualNetworks"


def bicep(t: Template) -> str:
    return emit_bicep(t, "main").template


def assert_same_meaning(t: Template) -> None:
    """The Bicep output parses with pycep and deploys what the ARM output deploys."""
    document = json.loads(emit_arm(t).template)
    arm = ArmEvaluator(document).resources()
    ours = BicepEvaluator(bicep(t)).deployed()
    assert [(r.identity, r.api_version, r.body, r.condition) for r in ours] == [
        (r.identity, r.api_version, r.body, r.condition) for r in arm
    ]
    assert closure(ours) == closure(arm)


def looped() -> Template:
    t = template()
    add_parameter(t, "count", {"type": "int", "defaultValue": 3})
    add_resource(t, "vnet:core", VNET, "core", {"subnets": []})
    add_resource(
        t,
        "nsg:web",
        NSG,
        "[format('web-{0}', copyIndex(1))]",
        {"securityRules": [], "note": "[concat('rule-', string(copyIndex()))]"},
        ["vnet:core"],
        copy={
            "name": "nsgLoop",
            "count": "[parameters('count')]",
            "mode": "Serial",
            "batchSize": 2,
        },
    )
    return t


def test_a_copy_loop_with_a_symbolic_count() -> None:
    text = bicep(looped())
    assert "@batchSize(2)\nresource webNsgs '" in text
    assert "= [for i in range(0, count): {\n  name: 'web-${i + 1}'\n" in text
    assert "note: 'rule-${string(i)}'" in text
    assert "dependsOn: [\n    coreVnet\n  ]\n}]" in text  # no reference implies it
    assert_same_meaning(looped())


def test_depending_on_a_loop_names_the_collection() -> None:
    t = looped()
    add_resource(t, "vnet:after", VNET, "after", {}, ["nsg:web"])
    assert "dependsOn: [\n    webNsgs\n  ]" in bicep(t)
    assert_same_meaning(t)


def test_a_child_resource_gets_its_parent() -> None:
    t = template()
    add_resource(
        t, "vnet:core", VNET, "core", {"addressSpace": {"addressPrefixes": ["10.0.0.0/16"]}}
    )
    add_resource(
        t,
        "subnet:web",
        f"{VNET}/subnets",
        "core/web",
        {"addressPrefix": "10.0.1.0/24"},
        ["vnet:core"],
    )
    add_resource(
        t,
        "nic:nic",
        "Microsoft.Network/networkInterfaces",
        "nic",
        {"subnet": {"id": f"[resourceId('{VNET}/subnets', 'core', 'web')]"}},
        ["subnet:web"],
    )
    text = bicep(t)
    assert "resource webSubnet '" in text
    assert "  parent: coreVnet\n  name: 'web'\n" in text
    assert "id: webSubnet.id" in text
    assert "dependsOn" not in text
    assert_same_meaning(t)


def test_depends_on_keeps_only_what_no_reference_implies() -> None:
    t = network_chain()
    text = bicep(t)
    vm = text[text.index("resource vm1Vm") :]
    assert "dependsOn: [\n    vm1Nic\n  ]" in vm  # vm -> vnet is implied through the nic
    assert_same_meaning(t)


def test_a_condition_in_a_loop() -> None:
    t = looped()
    add_parameter(t, "env", {"type": "string", "defaultValue": "dev"})
    t.resources[1].body = {
        "condition": "[equals(parameters('env'), 'prod')]",
        **t.resources[1].body,
    }
    text = bicep(t)
    assert "= [for i in range(0, count): if (env == 'prod') {" in text
    assert_same_meaning(t)


def test_a_property_loop() -> None:
    t = template()
    add_parameter(t, "disks", {"type": "int", "defaultValue": 2})
    disks = {
        "name": "dataDisks",
        "count": "[parameters('disks')]",
        "input": {"lun": "[copyIndex('dataDisks')]"},
    }
    add_resource(
        t, "vm", "Microsoft.Compute/virtualMachines", "vm", {"storageProfile": {"copy": [disks]}}
    )
    text = bicep(t)
    assert "dataDisks: [for i in range(0, disks): {\n        lun: i\n      }]" in text


def test_an_existing_resource() -> None:
    t = template()
    add_resource(t, "kv", "Microsoft.KeyVault/vaults", "kv-platform", existing=True)
    assert "resource kvPlatformVault 'Microsoft.KeyVault/vaults@2024-05-01' existing = {" in bicep(
        t
    )


def test_identifiers_are_valid_unique_and_not_keywords() -> None:
    t = template()
    add_parameter(t, "webNsg", {"type": "string", "defaultValue": "x"})
    add_parameter(t, "resource", {"type": "string", "defaultValue": "y"})
    add_resource(t, "nsg:web-nsg", NSG, "web-nsg", {"a": "[parameters('resource')]"})
    add_resource(t, "nsg:web_nsg", NSG, "web_nsg", {})
    add_resource(t, "nsg:1st", NSG, "1st", {})
    text = bicep(t)
    assert "param webNsg string = 'x'" in text
    assert "param resource_ string = 'y'" in text
    assert "resource webNsg2 '" in text and "resource webNsg3 '" in text
    assert "resource nsg1st '" in text
    assert "a: resource_" in text


@pytest.mark.parametrize(
    "value",
    [
        "it's",
        "back\\slash",
        "cost: ${price} and $5 and {braces}",
        "two\nlines\r\nand\ttab",
        "bell\x07 and nul\x00 and del\x7f",
        "é ü 雪 🚀 \u2028",
        "'''",
        "[[not an expression]",
    ],
)
def test_strings_are_escaped_by_bicep_rules(value: str) -> None:
    t = template()
    add_parameter(
        t, "p", {"type": "string", "defaultValue": value, "metadata": {"description": value}}
    )
    add_resource(t, "r", "Microsoft.Resources/tags", "default", {"tags": {"note": value}})
    text = bicep(t)
    expected = value[1:] if value.startswith("[[") else value
    evaluator = BicepEvaluator(text)
    assert evaluator.deployed()[0].body["properties"]["tags"]["note"] == expected
    assert evaluator.parameter_value("p") == expected
    assert evaluator.decorators["p"]["description"] == value


def test_escapes_are_the_documented_ones() -> None:
    # (pycep-parser misreads a string that ends with an escaped backslash: checked as text)
    t = template()
    tags = {"a": "'\\${x}\n\x01", "b": "ends with \\"}
    add_resource(t, "r", "Microsoft.Resources/tags", "default", {"tags": tags})
    text = bicep(t)
    assert "a: '\\'\\\\\\${x}\\n\\u{1}'" in text
    assert "b: 'ends with \\\\'" in text


def test_a_vault_that_is_not_a_resource_id_is_an_error() -> None:
    t = template()
    add_parameter(
        t,
        "pw",
        {
            "type": "securestring",
            "x-armc-keyvault": {"vault_id": "[variables('v')]", "secret": "s"},
        },
    )
    with pytest.raises(CompileError) as error:
        emit_bicep(t, "main")
    (diagnostic,) = error.value.diagnostics
    assert diagnostic.code == "BICEP001"
    assert "not a literal vault resource id" in diagnostic.message


def test_a_cycle_is_the_same_compile_error_as_for_arm() -> None:
    t = template()
    add_resource(t, "a", NSG, "a", {}, ["b"])
    add_resource(t, "b", NSG, "b", {}, ["a"])
    with pytest.raises(CompileError) as error:
        emit_bicep(t, "main")
    assert error.value.diagnostics[0].name == "dependency-cycle"


def test_output_is_byte_deterministic() -> None:
    first: Any = emit_bicep(looped(), "main")
    assert emit_bicep(looped(), "main") == first
    assert first.template.endswith("}]\n") and "\n\n\n" not in first.template


def vm_extension(vm_name: str, extension_name: str, parameter: str) -> Template:
    """A VM and an extension declared as its child (as the ARM loader links them)."""
    t = template()
    add_parameter(t, parameter, {"type": "string", "defaultValue": "x"})
    vm = add_resource(t, "vm", "Microsoft.Compute/virtualMachines", vm_name, {})
    extension = "Microsoft.Compute/virtualMachines/extensions"
    add_resource(t, "ext", extension, extension_name, {}, ["vm"]).parent = vm.key
    return t


def test_a_child_named_by_an_expression_keeps_its_last_segment() -> None:
    t = vm_extension(
        "[parameters('vmName')]", "[concat(parameters('vmName'), '/script')]", "vmName"
    )
    assert "  parent: vm\n  name: 'script'\n" in bicep(t)
    assert_same_meaning(t)


def test_a_child_whose_last_segment_is_not_literal_keeps_its_full_name() -> None:
    t = vm_extension("vm1", "[format('vm1/{0}', parameters('child'))]", "child")
    text = bicep(t)
    assert "  name: 'vm1/${child}'\n" in text and "parent:" not in text
    assert "dependsOn: [\n    vm1Vm\n  ]" in text
    assert_same_meaning(t)


def test_a_resource_named_by_an_expression_is_referenced_by_symbol() -> None:
    t = template()
    add_parameter(t, "vnetName", {"type": "string", "defaultValue": "core"})
    add_resource(t, "vnet", VNET, "[parameters('vnetName')]", {})
    add_resource(
        t,
        "nic",
        "Microsoft.Network/networkInterfaces",
        "nic",
        {
            "a": f"[resourceId('{VNET}', parameters('VNETNAME'))]",
            "b": f"[reference(resourceId('{VNET}', parameters('vnetName'))).addressSpace]",
        },
        ["vnet"],
    )
    text = bicep(t)
    assert "a: vnet.id\n" in text and "b: vnet.properties.addressSpace\n" in text
    assert "dependsOn" not in text
    assert_same_meaning(t)


def test_two_resources_with_one_name_are_not_guessed_between() -> None:
    t = template()
    add_parameter(t, "new", {"type": "bool", "defaultValue": True})
    add_resource(t, "a", VNET, "core", {}, condition="[parameters('new')]")
    add_resource(t, "b", VNET, "core", {}, condition="[not(parameters('new'))]")
    add_resource(
        t,
        "nic",
        "Microsoft.Network/networkInterfaces",
        "nic",
        {"v": f"[resourceId('{VNET}', 'core')]"},
        ["a", "b"],
    )
    text = bicep(t)
    assert f"v: resourceId('{VNET}', 'core')" in text
    assert "dependsOn: [\n    coreVnet\n    coreVnet2\n  ]" in text


def test_an_inline_nested_deployment_of_the_outer_scope_is_an_error() -> None:
    t = template()
    inner = {"resources": [{"type": VNET, "name": "[parameters('n')]"}]}
    add_resource(t, "d", "Microsoft.Resources/deployments", "inner", {"template": inner})
    with pytest.raises(CompileError, match="nested deployment"):
        emit_bicep(t, "main")


@pytest.mark.parametrize(
    "scope",
    [
        "[format('Microsoft.Storage/storageAccounts/{0}', parameters('name'))]",
        "[concat('Microsoft.Storage/storageAccounts/', parameters('name'))]",
        "[resourceId('Microsoft.Storage/storageAccounts', parameters('name'))]",
    ],
)
def test_an_extension_resource_scope_is_a_symbol(scope: str) -> None:
    t = template()
    add_parameter(t, "name", {"type": "string", "defaultValue": "sa1"})
    add_resource(t, "sa", "Microsoft.Storage/storageAccounts", "[parameters('name')]", {})
    role = "Microsoft.Authorization/roleAssignments"
    add_resource(t, "ra", role, "[guid('x')]", {"principalId": "p"}, ["sa"], scope=scope)
    text = bicep(t)
    assert "  scope: storageAccount\n" in text and "dependsOn" not in text
    BicepEvaluator(text).deployed()  # pycep-parser reads it


def test_a_scope_outside_the_template_is_an_error() -> None:
    t = template()
    role = "Microsoft.Authorization/roleAssignments"
    add_resource(t, "ra", role, "ra", {}, scope="Microsoft.Storage/storageAccounts/elsewhere")
    with pytest.raises(CompileError, match="scope"):
        emit_bicep(t, "main")


def test_an_instance_of_an_expanded_loop_has_its_index() -> None:
    t = template()
    nic = add_resource(
        t, "nic", "Microsoft.Network/networkInterfaces", "[format('nic-{0}', copyIndex(1))]", {}
    )
    nic.copy_index = 4
    nic.body["properties"] = {"n": "[copyIndex('nicLoop')]"}
    text = bicep(t)
    assert "name: 'nic-5'" in text and "n: 4\n" in text
    assert BicepEvaluator(text).deployed()[0].name == "nic-5"


def test_a_loop_references_the_same_instance_of_another_loop() -> None:
    t = template()
    add_parameter(t, "count", {"type": "int", "defaultValue": 2})
    copy = {"count": "[parameters('count')]"}
    nic_type = "Microsoft.Network/networkInterfaces"
    add_resource(
        t,
        "nic:web-{0}-nic",
        nic_type,
        "[format('web-{0}-nic', copyIndex())]",
        {},
        copy={"name": "nics", **copy},
    )
    nic_id = f"[resourceId('{nic_type}', format('web-{{0}}-nic', copyIndex()))]"
    other_id = f"[resourceId('{nic_type}', format('web-{{0}}-nic', 0))]"
    add_resource(
        t,
        "vm:web-{0}",
        "Microsoft.Compute/virtualMachines",
        "[format('web-{0}', copyIndex())]",
        {"nic": nic_id, "first": other_id},
        ["nic:web-{0}-nic"],
        copy={"name": "vms", **copy},
    )
    text = bicep(t)
    assert "resource webNics '" in text and "resource webVms '" in text
    assert "nic: webNics[i].id" in text
    assert f"first: resourceId('{nic_type}', 'web-0-nic')" in text
    assert_same_meaning(t)
