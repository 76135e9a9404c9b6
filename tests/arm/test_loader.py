"""ARM JSON → Template model: shapes, keys, spans, dependencies, scopes and the evaluated view."""

from __future__ import annotations

from pathlib import Path

from armc.arm.loader import LoadedTemplate, LoadOptions, load_template
from armc.arm.values import Unknown
from armc.model.graph import build_graph, deployment_order

FIXTURES = Path(__file__).parent / "fixtures"


def _load(name: str, **options: object) -> LoadedTemplate:
    return load_template(FIXTURES / name, LoadOptions(**options), display=name)  # type: ignore[arg-type]


def _names(loaded: LoadedTemplate) -> list[str]:
    return [d.name for d in loaded.diagnostics]


def test_classic_template_model() -> None:
    loaded = _load("classic.json")
    template = loaded.template
    assert loaded.ok and template.origin == "arm"
    assert set(template.parameters) == {"prefix", "vmCount", "vmSize", "adminPassword", "location"}
    assert template.header["contentVersion"] == "1.0.0.0"
    assert template.outputs["vnet"].type == "string"
    keys = [r.key for r in template.resources]
    assert keys[:3] == [
        "Microsoft.Network/virtualNetworks/[variables('vnetName')]",
        "Microsoft.Network/virtualNetworks/subnets/[variables('vnetName')]/default",
        "Microsoft.Storage/storageAccounts/[variables('storageName')]",
    ]
    assert len(template.resources_of_type("microsoft.compute/virtualmachines")) == 2
    subnet = template.resources[1]
    assert subnet.parent == keys[0] and subnet.path == ("resources", 0, "resources", 0)
    assert "resources" not in template.resources[0].body
    assert loaded.name(subnet) == "demo-vnet/default"


def test_spans_point_into_the_json_file() -> None:
    loaded = _load("classic.json")
    vm = loaded.template.resources_of_type("Microsoft.Compute/virtualMachines")[0]
    span = loaded.resource_span(vm, "properties", "hardwareProfile", "vmSize")
    assert span is not None and span.file == "classic.json"
    assert (span.line, span.column) == (73, 40)


def test_copy_loops_expand_with_their_own_index() -> None:
    loaded = _load("classic.json")
    vms = loaded.template.resources_of_type("Microsoft.Compute/virtualMachines")
    assert [vm.copy_index for vm in vms] == [0, 1]
    assert [loaded.name(vm) for vm in vms] == ["demo-vm0", "demo-vm1"]
    assert loaded.value(vms[1], "properties", "osProfile", "computerName") == "vm2"
    nic = vms[1].dependencies[0]
    assert nic.kind == "explicit" and nic.target.endswith("[1]")


def test_parameters_file_and_cli_change_the_evaluated_model() -> None:
    loaded = _load(
        "classic.json",
        parameters_file=FIXTURES / "classic.parameters.json",
        params=("vmSize=Standard_D2s_v5",),
    )
    vms = loaded.template.resources_of_type("Microsoft.Compute/virtualMachines")
    assert len(vms) == 3
    assert loaded.value(vms[2], "properties", "hardwareProfile", "vmSize") == "Standard_D2s_v5"
    assert loaded.parameters_used["vmSize"].origin == "cli"
    assert loaded.parameters_used["prefix"].origin == "file"
    password = loaded.value(vms[0], "properties", "osProfile", "adminPassword")
    assert isinstance(password, Unknown) and password.secret
    assert not loaded.diagnostics or all(d.severity.label != "error" for d in loaded.diagnostics)


def test_a_parameters_file_can_open_what_the_default_keeps_closed() -> None:
    closed = _load("open_closed.json")
    opened = _load("open_closed.json", parameters_file=FIXTURES / "open.parameters.json")
    path = ("properties", "securityRules", 0, "properties", "access")
    assert closed.value(closed.template.resources[0], *path) == "Deny"
    assert opened.value(opened.template.resources[0], *path) == "Allow"


def test_property_copy_is_expanded_in_the_evaluated_view() -> None:
    loaded = _load("classic.json")
    vm = loaded.template.resources_of_type("Microsoft.Compute/virtualMachines")[0]
    disks = loaded.value(vm, "properties", "storageProfile", "dataDisks")
    assert disks == [{"lun": 0, "diskSizeGB": 32}, {"lun": 1, "diskSizeGB": 32}]
    assert loaded.evaluated(vm)["location"] == "westus"


def test_dependencies_explicit_implicit_parent_and_missing_dependson() -> None:
    loaded = _load("classic.json")
    vm = loaded.template.resources_of_type("Microsoft.Compute/virtualMachines")[0]
    kinds = {(d.kind, d.target.split("/")[1]) for d in vm.dependencies}
    assert ("explicit", "networkInterfaces") in kinds
    assert ("implicit", "storageAccounts") in kinds
    (warning,) = [d for d in loaded.diagnostics if d.name == "missing-dependson"]
    assert warning.span is not None and warning.span.line == 88
    assert "resourceId('Microsoft.Storage/storageAccounts'" in (warning.hint or "")
    # named by kind and evaluated name, as the rules name resources
    assert warning.message.startswith("VM '") and " refers to storage account '" in warning.message
    order = deployment_order(loaded.deployment_graph())
    assert order.index(vm.key) > order.index(vm.dependencies[0].target)


def test_symbolic_names_language_version_2() -> None:
    loaded = _load("v2.json")
    template = loaded.template
    assert [r.key for r in template.resources] == ["plan", "site", "existingVault", "slot"]
    site = template.resource("site")
    assert site is not None and ("plan", "explicit") in {
        (d.target, d.kind) for d in site.dependencies
    }
    slot = template.resource("slot")
    assert slot is not None and slot.parent == "site"
    assert template.resource("existingVault").existing  # type: ignore[union-attr]
    # the slot is a child of site without dependsOn, but reference('site') (a symbolic name)
    # orders the deployment: no missing-dependson
    assert loaded.ordering["slot"] == ["site"]
    assert _names(loaded) == []
    assert loaded.cycle_diagnostics() == []


def test_nested_deployments_inner_and_outer_scope() -> None:
    loaded = _load("nested.json")
    keys = [r.key for r in loaded.template.resources]
    inner = next(k for k in keys if k.startswith("Microsoft.Resources/deployments/innerScope::"))
    outer = next(k for k in keys if k.startswith("Microsoft.Resources/deployments/outerScope::"))
    assert loaded.name(inner) == "stdev"  # inner scope: the value passed in
    assert loaded.name(outer) == "outer-dev"  # outer scope: the parent's variables
    assert loaded.value(inner, "sku", "name") == "Standard_GRS"
    assert loaded.diagnostics == []


def test_linked_templates_stay_inside_the_root() -> None:
    loaded = _load("linked/main.json")
    assert set(loaded.linked) == {
        "Microsoft.Resources/deployments/byRelativePath",
        "Microsoft.Resources/deployments/byUri",
    }
    child = loaded.linked["Microsoft.Resources/deployments/byRelativePath"]
    assert child.name(child.template.resources[0]) == "as-Standard_B1s"
    names = _names(loaded)
    assert "linked-template" in names  # ../outside is refused
    assert "parameter-not-allowed" in names  # Standard_B3 passed to the linked template
    assert len(loaded.sources) == 3
    assert [t.template.file for t in loaded.walk()] == [
        "linked/main.json",
        "linked/nested/child.json",
        "linked/nested/child.json",
    ]


def test_references_dangling_and_duplicates() -> None:
    loaded = _load("references.json")
    found = {(d.name, d.severity.label) for d in loaded.diagnostics}
    assert found == {
        ("duplicate-resource", "error"),
        ("dangling-reference", "error"),
        ("dangling-reference", "warning"),
    }


def test_cycles_are_found_on_the_deployment_graph() -> None:
    loaded = _load("cycle.json")
    (cycle,) = loaded.cycle_diagnostics()
    assert cycle.name == "dependency-cycle" and len(cycle.related) == 2
    assert build_graph(loaded.template).number_of_edges() == 2


def test_jsonc_and_broken_inputs_never_raise() -> None:
    assert _load("jsonc.json").ok
    truncated = _load("truncated.json")
    assert not truncated.ok and _names(truncated) == ["json-syntax"]
    not_template = _load("not_template.json")
    assert not not_template.ok and _names(not_template) == ["not-a-template"]
    missing = _load("does-not-exist.json")
    assert not missing.ok and _names(missing) == ["unreadable-file"]


def test_expression_errors_are_located_through_json_escapes() -> None:
    loaded = _load("expression_error.json")
    loaded.evaluate_all()
    located = {(d.name, d.span.line, d.span.column) for d in loaded.diagnostics if d.span}
    assert located == {
        ("expression-syntax", 6, 41),
        ("expression-syntax", 7, 44),
        ("undefined-parameter", 8, 36),
        ("undefined-variable", 9, 33),
        ("unknown-function", 10, 22),
    }


def test_very_deep_nesting_is_not_a_crash(tmp_path: Path) -> None:
    depth = 3000
    properties = '{"a": ' * depth + "1" + "}" * depth
    path = tmp_path / "deep.json"
    path.write_text(
        '{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/'
        'deploymentTemplate.json#", "resources": [{"type": "A.B/c", "apiVersion": "1", '
        f'"name": "x", "properties": {properties}}}]}}'
    )
    loaded = load_template(path)
    # deeper than the reader's MAX_NESTING (1000): a located syntax error, not depth² memory
    assert not loaded.ok
    loaded.evaluate_all()
    assert [d.name for d in loaded.diagnostics] == ["json-syntax"]
    assert "nested more than 1000 levels" in loaded.diagnostics[0].message


def test_a_resources_lower_case_type_is_kept_after_first_use() -> None:
    from armc.model.template import Resource

    resource = Resource("k", "Microsoft.Network/virtualNetworks", "2023-09-01", "n", {}, ())
    assert resource.type_lower == "microsoft.network/virtualnetworks"
    assert vars(resource)["type_lower"] == "microsoft.network/virtualnetworks"
    assert resource == Resource("k", "Microsoft.Network/virtualNetworks", "2023-09-01", "n", {}, ())
