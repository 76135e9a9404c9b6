import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from armc.diagnostics import CompileError
from armc.emit.arm import emit_arm
from armc.emit.files import write_all
from armc.emit.json_text import arm_literal, is_expression, parse_strict
from armc.emit.view import reference_expression

from .model_builders import add_parameter, add_resource, network_chain, template


def test_depends_on_is_the_transitive_reduction() -> None:
    document = json.loads(emit_arm(network_chain()).template)
    vm = document["resources"][2]
    assert vm["dependsOn"] == ["[resourceId('Microsoft.Network/networkInterfaces', 'vm1-nic')]"]
    nic = document["resources"][1]
    assert nic["dependsOn"] == ["[resourceId('Microsoft.Network/virtualNetworks', 'core')]"]
    assert "dependsOn" not in document["resources"][0]


def test_depends_on_is_sorted_and_deduplicated() -> None:
    t = template()
    add_resource(t, "b", "Microsoft.Network/publicIPAddresses", "b-ip")
    add_resource(t, "a", "Microsoft.Network/networkSecurityGroups", "a-nsg")
    add_resource(t, "nic", "Microsoft.Network/networkInterfaces", "nic", {}, ["b", "a", "b"])
    deps = json.loads(emit_arm(t).template)["resources"][2]["dependsOn"]
    assert deps == sorted(deps)
    assert len(deps) == 2


def test_child_and_copy_references() -> None:
    t = template()
    subnet = add_resource(t, "s", "Microsoft.Network/virtualNetworks/subnets", "core/it's")
    loop = add_resource(
        t,
        "l",
        "Microsoft.Compute/virtualMachines",
        "[format('vm-{0}', copyIndex())]",
        copy={"name": "vmLoop", "count": 3},
    )
    assert reference_expression(subnet) == (
        "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'core', 'it''s')]"
    )
    assert reference_expression(loop) == "vmLoop"


def test_cycle_is_a_compile_error_naming_the_whole_cycle() -> None:
    t = template()
    add_resource(t, "a", "Microsoft.Network/networkInterfaces", "a", {}, ["b"])
    add_resource(t, "b", "Microsoft.Network/networkInterfaces", "b", {}, ["c"])
    add_resource(t, "c", "Microsoft.Network/networkInterfaces", "c", {}, ["a"])
    with pytest.raises(CompileError) as error:
        emit_arm(t)
    (diagnostic,) = error.value.diagnostics
    assert diagnostic.name == "dependency-cycle"
    assert "a -> b -> c -> a" in diagnostic.message


def test_values_are_not_html_escaped_and_survive_a_round_trip() -> None:
    tricky = 'it\'s <b>&amp;</b> </script> "q" \\ ${x} \n é 🚀'
    t = template()
    add_resource(t, "r", "Microsoft.Resources/tags", "default", {"tags": {"note": tricky}})
    text = emit_arm(t).template
    assert "</script>" in text and "'" in text and "\\u003c" not in text
    assert json.loads(text)["resources"][0]["properties"]["tags"]["note"] == tricky


def test_literal_bracket_strings_are_escaped() -> None:
    assert arm_literal("[not an expression]") == "[[not an expression]"
    assert arm_literal("plain") == "plain"
    assert is_expression("[parameters('x')]")
    assert not is_expression("[[literal]")
    assert not is_expression("plain")


def test_generator_metadata_and_hash() -> None:
    document = json.loads(emit_arm(network_chain()).template)
    keys = list(document)
    assert keys[:3] == ["$schema", "contentVersion", "metadata"]
    generator = document["metadata"]["_generator"]
    assert generator["name"] == "armc"
    assert generator["templateHash"].isdigit()
    other = network_chain()
    other.resources[0].body["properties"]["addressSpace"]["addressPrefixes"] = ["10.1.0.0/16"]
    assert (
        json.loads(emit_arm(other).template)["metadata"]["_generator"]["templateHash"]
        != (generator["templateHash"])
    )


def test_parameters_file_has_keyvault_references_and_no_secrets() -> None:
    t = template()
    add_parameter(t, "location", {"type": "string", "defaultValue": "westeurope"})
    add_parameter(t, "secret", {"type": "securestring", "defaultValue": "hunter2"})
    add_parameter(t, "computed", {"type": "string", "defaultValue": "[resourceGroup().name]"})
    add_parameter(t, "required", {"type": "int"})
    add_parameter(
        t,
        "adminPassword",
        {
            "type": "securestring",
            "x-armc-keyvault": {"vault_id": "/subscriptions/x/vaults/kv", "secret": "admin"},
        },
    )
    output = emit_arm(t)
    parameters = json.loads(output.parameters)["parameters"]
    assert parameters == {
        "location": {"value": "westeurope"},
        "adminPassword": {
            "reference": {"keyVault": {"id": "/subscriptions/x/vaults/kv"}, "secretName": "admin"}
        },
    }
    assert "hunter2" not in output.parameters
    declaration = json.loads(output.template)["parameters"]["adminPassword"]
    assert declaration == {"type": "securestring"}


def test_strict_parse_rejects_renderer_bugs() -> None:
    with pytest.raises(ValueError):
        parse_strict('{"a": 1, "a": 2}')
    with pytest.raises(ValueError):
        parse_strict('{"a": NaN}')


def test_write_all_leaves_earlier_outputs_untouched_on_failure(tmp_path: Path) -> None:
    good = tmp_path / "a.json"
    good.write_text("old\n")
    blocked = tmp_path / "dir-in-the-way"
    blocked.mkdir()
    with pytest.raises(OSError):
        write_all({good: "new\n", blocked: "cannot replace a directory\n"})
    assert good.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json", "dir-in-the-way"]


def test_output_is_identical_across_hash_seeds(tmp_path: Path) -> None:
    script = (
        f"import sys; sys.path.insert(0, {str(Path(__file__).resolve().parents[2])!r})\n"
        "from tests.emit.model_builders import network_chain\n"
        "from armc.emit.arm import emit_arm\n"
        "print(emit_arm(network_chain()).template)\n"
    )
    outputs = set()
    for seed in ("0", "1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True
        )
        assert run.returncode == 0, run.stderr
        outputs.add(run.stdout)
    assert len(outputs) == 1


def test_canonical_form_matches_the_standard_library() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from armc.emit.json_text import canonical

    leaves = (
        st.none() | st.booleans() | st.integers(min_value=-(2**70), max_value=2**70) | st.text()
    )
    values = st.recursive(
        leaves, lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner), max_leaves=25
    )

    @settings(max_examples=300, deadline=None)
    @given(values)
    def same(value: object) -> None:
        assert canonical(value) == json.dumps(value, ensure_ascii=False, indent=2) + "\n"

    same()


def test_every_kind_renders_without_duplicate_members() -> None:
    from armc.emit import environment as env
    from armc.emit.view import KINDS, ResourceView

    for kind in [*KINDS.values(), "resource"]:
        view = ResourceView("k", kind, "T", (("type", "T"), ("name", "n")), {"a": 1}, (), ("x",))
        parse_strict(env.resource_template().render(view=view))
