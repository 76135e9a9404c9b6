"""Lowering into the template model: bodies, keys, dependencies, source map, defaults."""

from __future__ import annotations

import ipaddress

from conftest import NETWORK, compile_text
from hypothesis import given, settings
from hypothesis import strategies as st

from armc.model.template import Template
from armc.source import Span

VM = (
    NETWORK
    + """
vm web[2] {
  image ubuntu-24.04
  subnet core.web
  zone auto
  admin azureuser ssh admin_key
}
"""
)


def keys(template: Template) -> list[str]:
    return [r.key for r in template.resources]


def test_header_and_location_parameter() -> None:
    template = compile_text(VM)
    assert template.origin == "dsl" and template.file == "test.armc"
    assert template.header == {
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/"
        "deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
    }
    location = template.parameters["location"].body
    assert location["type"] == "string"
    assert location["defaultValue"] == "[resourceGroup().location]"
    assert compile_text("location westeurope\n" + VM).parameters["location"].default == "westeurope"


def test_counted_vm_unrolls_with_nic_before_vm() -> None:
    template = compile_text(VM)
    assert keys(template) == ["vnet:core", "nic:web-0-nic", "vm:web-0", "nic:web-1-nic", "vm:web-1"]
    assert [r.path for r in template.resources] == [("resources", i) for i in range(5)]
    vm0 = template.resource("vm:web-0")
    assert vm0 is not None and vm0.copy_index == 0
    assert vm0.body["zones"] == ["1"]
    assert template.resource("vm:web-1").body["zones"] == ["2"]  # type: ignore[union-attr]
    assert list(vm0.body)[:5] == ["type", "apiVersion", "name", "location", "zones"]


def test_secure_defaults_on_a_linux_vm() -> None:
    body = compile_text(VM).resource("vm:web-0").body  # type: ignore[union-attr]
    properties = body["properties"]
    linux = properties["osProfile"]["linuxConfiguration"]
    assert linux["disablePasswordAuthentication"] is True
    assert linux["ssh"]["publicKeys"][0]["keyData"] == "[parameters('admin_key')]"
    assert linux["provisionVMAgent"] is True
    assert properties["securityProfile"] == {
        "securityType": "TrustedLaunch",
        "uefiSettings": {"secureBootEnabled": True, "vTpmEnabled": True},
    }
    assert properties["diagnosticsProfile"] == {"bootDiagnostics": {"enabled": True}}
    assert properties["storageProfile"]["osDisk"]["deleteOption"] == "Delete"
    assert properties["storageProfile"]["osDisk"]["managedDisk"] == {
        "storageAccountType": "Premium_LRS"
    }
    assert (
        properties["networkProfile"]["networkInterfaces"][0]["properties"]["deleteOption"]
        == "Delete"
    )
    assert "publicIPAddress" not in str(compile_text(VM).resources[1].body)


def test_dependencies_carry_spans_and_paths() -> None:
    template = compile_text(VM)
    nic = template.resource("nic:web-0-nic")
    assert nic is not None
    (dependency,) = nic.dependencies
    assert dependency.target == "vnet:core" and dependency.kind == "implicit"
    assert dependency.span == Span("test.armc", 9, 10, 9, 18)
    assert dependency.path == (
        "resources",
        1,
        "properties",
        "ipConfigurations",
        0,
        "properties",
        "subnet",
        "id",
    )
    vm = template.resource("vm:web-0")
    assert vm is not None and [d.target for d in vm.dependencies] == ["nic:web-0-nic"]


def test_source_map_points_at_the_dsl() -> None:
    template = compile_text(VM)
    vm_path = template.resource("vm:web-0").path  # type: ignore[union-attr]
    assert template.span(vm_path) == Span("test.armc", 7, 1, 12, 2)
    assert template.span((*vm_path, "zones")) == Span("test.armc", 10, 8, 10, 12)
    image = template.span((*vm_path, "properties", "storageProfile", "imageReference", "sku"))
    assert image == Span("test.armc", 8, 9, 8, 21)
    # a default falls back to the declaration's span
    assert template.span((*vm_path, "properties", "diagnosticsProfile")) == Span(
        "test.armc", 7, 1, 12, 2
    )


def test_public_ip_only_when_asked_and_standard_static() -> None:
    template = compile_text(VM.replace("zone auto", "zone auto\n  public-ip"))
    pip = template.resource("pip:web-0-pip")
    assert pip is not None
    assert pip.body["sku"] == {"name": "Standard", "tier": "Regional"}
    assert pip.body["properties"]["publicIPAllocationMethod"] == "Static"
    assert pip.body["zones"] == ["1"]
    assert keys(template)[1:4] == ["pip:web-0-pip", "nic:web-0-nic", "vm:web-0"]
    nic = template.resource("nic:web-0-nic")
    assert nic is not None and {d.target for d in nic.dependencies} == {
        "vnet:core",
        "pip:web-0-pip",
    }


def test_windows_password_from_keyvault_parameter() -> None:
    template = compile_text(
        'param pw: secure string keyvault("/subscriptions/s/resourceGroups/r/providers/'
        'Microsoft.KeyVault/vaults/kv", "admin")\n'
        + NETWORK
        + "vm win {\n  image windows-2022\n  subnet core.web\n  admin winadmin password pw\n}\n"
    )
    parameter = template.parameters["pw"]
    assert parameter.secure
    assert parameter.body["x-armc-keyvault"] == {
        "vault_id": "/subscriptions/s/resourceGroups/r/providers/Microsoft.KeyVault/vaults/kv",
        "secret": "admin",
    }
    profile = template.resource("vm:win").body["properties"]["osProfile"]  # type: ignore[union-attr]
    assert profile["adminPassword"] == "[parameters('pw')]"
    assert profile["windowsConfiguration"]["enableAutomaticUpdates"] is True
    assert "linuxConfiguration" not in profile


def test_parameters_lower_with_constraints() -> None:
    template = compile_text(
        'param env: string = "dev" allowed("dev", "prod") description "environment"\n'
        "param n: int = 3 range(1, 20)\nparam name: string length(3, 24)\n"
        "param cfg: secure object\nparam flags: array = [1, 2]\n"
    )
    assert template.parameters["env"].body == {
        "type": "string",
        "defaultValue": "dev",
        "allowedValues": ["dev", "prod"],
        "metadata": {"description": "environment"},
    }
    assert template.parameters["n"].body == {
        "type": "int",
        "defaultValue": 3,
        "minValue": 1,
        "maxValue": 20,
    }
    assert template.parameters["name"].body == {"type": "string", "minLength": 3, "maxLength": 24}
    assert template.parameters["cfg"].body == {"type": "secureObject"}
    assert template.parameters["flags"].default == [1, 2]


def test_expressions_fold_or_become_arm() -> None:
    template = compile_text(
        'param env: string\nvar base = "app"\nvar size = 2 * 3 + 1\n'
        'output folded = "${base}-${size}"\noutput dynamic = "${base}-${env}"\n'
        'output choice = if env == "prod" then 3 else 1\noutput literal = "[not an expression]"\n'
        "output sum = size - 10 / 3\n"
    )
    outputs = {name: o.body for name, o in template.outputs.items()}
    assert outputs["folded"] == {"type": "string", "value": "app-7"}
    assert outputs["dynamic"] == {
        "type": "string",
        "value": "[format('app-{0}', parameters('env'))]",
    }
    assert outputs["choice"]["value"] == "[if(equals(parameters('env'), 'prod'), 3, 1)]"
    assert outputs["literal"]["value"] == "[[not an expression]"
    assert outputs["sum"] == {"type": "int", "value": 4}


def test_tags_inherit_and_merge() -> None:
    template = compile_text(
        'param env: string\ntags { env: env, owner: "platform" }\n'
        + VM.replace("zone auto", 'zone auto\n  tags { owner: "web" }')
    )
    assert template.resources[0].body["tags"] == {"env": "[parameters('env')]", "owner": "platform"}
    assert template.resource("vm:web-0").body["tags"] == {  # type: ignore[union-attr]
        "env": "[parameters('env')]",
        "owner": "web",
    }


def test_condition_lowers_to_arm_condition() -> None:
    template = compile_text(
        "param env: string\n" + VM.replace("vm web[2] {", 'vm web[2] if env == "prod" {')
    )
    vm = template.resource("vm:web-0")
    assert vm is not None and next(iter(vm.body)) == "condition"
    assert vm.body["condition"] == "[equals(parameters('env'), 'prod')]"
    assert template.resource("nic:web-0-nic").body["condition"] == vm.body["condition"]  # type: ignore[union-attr]
    always = compile_text(VM.replace("vm web[2] {", "vm web[2] if 1 < 2 {"))
    assert "condition" not in always.resource("vm:web-0").body  # type: ignore[union-attr]


def test_escape_hatch_resource() -> None:
    template = compile_text(
        NETWORK + 'resource "Microsoft.Insights/actionGroups@2023-01-01" alerts {\n'
        '  location "global"\n  properties { groupShortName: "ops", enabled: true, '
        "vnet: core.id }\n  depends-on core\n}\n"
    )
    raw = template.resource("resource:alerts")
    assert raw is not None
    assert raw.type == "Microsoft.Insights/actionGroups" and raw.api_version == "2023-01-01"
    assert raw.body["location"] == "global"
    assert raw.body["properties"] == {
        "groupShortName": "ops",
        "enabled": True,
        "vnet": "[resourceId('Microsoft.Network/virtualNetworks', 'core')]",
    }
    assert {(d.target, d.kind) for d in raw.dependencies} == {
        ("vnet:core", "implicit"),
        ("vnet:core", "explicit"),
    }


def test_outputs_over_counted_vms() -> None:
    template = compile_text(VM + "output ips = web[*].private_ip\noutput first = web[0].id\n")
    ips = template.outputs["ips"].body
    assert ips["type"] == "array" and len(ips["value"]) == 2
    assert "web-1-nic" in ips["value"][1]
    assert (
        template.outputs["first"].body["value"]
        == "[resourceId('Microsoft.Compute/virtualMachines', 'web-0')]"
    )


def test_lb_vmss_and_bastion_expand() -> None:
    template = compile_text(
        NETWORK.replace(
            "subnet web 10.0.1.0/24",
            "subnet web 10.0.1.0/24\n  subnet AzureBastionSubnet 10.0.255.0/26",
        )
        + "lb front public {\n  pool p\n  probe tcp 80\n  rule tcp 80 pool p probe tcp\n}\n"
        "vmss set {\n  image debian-12\n  subnet core.web\n  instances 4\n"
        "  admin ops ssh admin_key\n  backend front.p\n}\n"
        "bastion ops subnet core.AzureBastionSubnet\n"
    )
    assert keys(template) == [
        "vnet:core",
        "pip:front-pip",
        "lb:front",
        "vmss:set",
        "pip:ops-pip",
        "bastion:ops",
    ]
    vmss = template.resource("vmss:set")
    assert vmss is not None and vmss.body["sku"]["capacity"] == 4
    assert {d.target for d in vmss.dependencies} == {"vnet:core", "lb:front"}
    bastion = template.resource("bastion:ops")
    assert bastion is not None and {d.target for d in bastion.dependencies} == {
        "vnet:core",
        "pip:ops-pip",
    }


@settings(max_examples=40, deadline=None)
@given(
    st.integers(min_value=8, max_value=24),
    st.integers(min_value=0, max_value=2**24 - 1),
    st.integers(min_value=1, max_value=6),
)
def test_any_subnet_inside_its_vnet_compiles(length: int, seed: int, extra: int) -> None:
    vnet = ipaddress.ip_network(f"10.0.0.0/{length}")
    subnets = list(vnet.subnets(new_prefix=min(length + extra, 29)))
    subnet = subnets[seed % len(subnets)]
    template = compile_text(f"vnet v {vnet} {{\n  subnet s {subnet}\n}}\n")
    body = template.resources[0].body["properties"]
    assert body["addressSpace"]["addressPrefixes"] == [str(vnet)]
    assert body["subnets"][0]["properties"]["addressPrefix"] == str(subnet)


@settings(max_examples=30, deadline=None)
@given(st.from_regex(r"[a-z][a-z0-9]{0,10}", fullmatch=True))
def test_any_vm_name_gives_stable_keys(name: str) -> None:
    if name in ("if", "then", "else", "and", "or", "not", "true", "false", "null", "index"):
        return
    template = compile_text(VM.replace("vm web[2]", f"vm {name}[2]"))
    assert keys(template)[1:3] == [f"nic:{name}-0-nic", f"vm:{name}-0"]


@settings(max_examples=30, deadline=None)
@given(st.text(alphabet="abcXYZ-_ {}[]'", max_size=12), st.integers(0, 99))
def test_interpolation_folds_literals(text: str, number: int) -> None:
    escaped = text.replace("{", "{").replace("$", "")
    template = compile_text(f'var n = {number}\noutput o = "{escaped}${{n}}"\n')
    value = template.outputs["o"].body["value"]
    expected = f"{escaped}{number}"
    if expected.startswith("[") and expected.endswith("]"):
        expected = "[" + expected
    assert value == expected


def test_nsg_rule_fields_map_to_what_was_written() -> None:
    template = compile_text("nsg web {\n  allow in tcp 22 3389 from Internet priority 100\n}\n")
    path = ("resources", 0, "properties", "securityRules", 0, "properties")
    rule = template.resources[0].body["properties"]["securityRules"][0]["properties"]
    assert rule["destinationPortRanges"] == ["22", "3389"]
    assert rule["sourceAddressPrefix"] == "Internet"
    assert template.span((*path, "destinationPortRanges", 1)) == Span("test.armc", 2, 19, 2, 23)
    assert template.span((*path, "sourceAddressPrefix")) == Span("test.armc", 2, 29, 2, 37)
    assert template.span((*path, "priority")) == Span("test.armc", 2, 47, 2, 50)


def test_tag_values_must_be_strings() -> None:
    from conftest import diagnostics_of

    (diagnostic,) = diagnostics_of("tags { count: 3 }\nnsg a\nnsg b\n")
    assert (diagnostic.code, diagnostic.span.line, diagnostic.span.column) == ("DSL301", 1, 15)  # type: ignore[union-attr]


LOOP = (
    NETWORK
    + """
param n: int = 2
vm web[n] {
  image ubuntu-24.04
  subnet core.web
  zone auto
  public-ip
  data-disk premium 32
  admin azureuser ssh admin_key
  tags { slot: "web-${index}" }
}
output ips = web[*].private_ip
output first = web[0].id
"""
)


def test_count_known_at_deployment_becomes_copy_loops() -> None:
    template = compile_text(LOOP)
    assert keys(template) == ["vnet:core", "pip:web-{0}-pip", "nic:web-{0}-nic", "vm:web-{0}"]
    pip, nic, vm = template.resources[1:]
    assert vm.name == "[format('web-{0}', copyIndex())]"
    assert vm.body["copy"] == {"name": "vm-web", "count": "[parameters('n')]"}
    assert list(vm.body)[:4] == ["type", "apiVersion", "name", "copy"]
    assert nic.body["copy"] == {"name": "nic-web-nic", "count": "[parameters('n')]"}
    assert pip.body["copy"]["name"] == "pip-web-pip"
    assert vm.body["zones"] == ["[string(add(mod(copyIndex(), 3), 1))]"]
    assert vm.body["tags"] == {"slot": "[format('web-{0}', copyIndex())]"}
    properties = vm.body["properties"]
    assert properties["osProfile"]["computerName"] == "[format('web-{0}', copyIndex())]"
    assert properties["storageProfile"]["dataDisks"][0]["name"] == (
        "[format('web-{0}-data-0', copyIndex())]"
    )
    assert properties["networkProfile"]["networkInterfaces"][0]["id"] == (
        "[resourceId('Microsoft.Network/networkInterfaces', format('web-{0}-nic', copyIndex()))]"
    )
    assert [d.target for d in vm.dependencies] == ["nic:web-{0}-nic"]
    assert {d.target for d in nic.dependencies} == {"vnet:core", "pip:web-{0}-pip"}
    assert vm.copy_index is None


def test_outputs_over_a_copy_loop() -> None:
    template = compile_text(LOOP)
    ips = template.outputs["ips"].body
    assert ips["type"] == "array"
    assert ips["copy"]["count"] == "[parameters('n')]"
    assert "format('web-{0}-nic', copyIndex())" in ips["copy"]["input"]
    assert template.outputs["first"].body["value"] == (
        "[resourceId('Microsoft.Compute/virtualMachines', 'web-0')]"
    )


def test_splat_of_a_copy_loop_outside_an_output_is_an_error() -> None:
    from conftest import diagnostics_of

    (diagnostic,) = diagnostics_of(LOOP + "var all = web[*].id\n")
    assert diagnostic.code == "DSL310"


def test_ultra_and_premium_v2_data_disks() -> None:
    template = compile_text(
        VM.replace("zone auto", "zone auto\n  data-disk ultra 64\n  data-disk premium-v2 64")
    )
    properties = template.resource("vm:web-0").body["properties"]  # type: ignore[union-attr]
    assert [d["caching"] for d in properties["storageProfile"]["dataDisks"]] == ["None", "None"]
    assert properties["additionalCapabilities"] == {"ultraSSDEnabled": True}
