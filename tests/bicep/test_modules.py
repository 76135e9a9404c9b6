"""A nested deployment whose inline template has its own scope (`expressionEvaluationOptions`
inner) is written as a Bicep module of a JSON template file, `<stem>.<symbol>.json`: what Bicep
compiles back to the same deployment. Checked against the ARM output's meaning."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from armc.api import build_file
from armc.diagnostics import CompileError
from armc.emit.arm import emit_arm
from armc.emit.bicep import emit_bicep
from armc.model.template import Template
from armc.source import SourceRegistry
from tests.emit.model_builders import add_parameter, add_resource, template

from .arm_eval import ArmEvaluator
from .bicep_eval import BicepEvaluator
from .terms import closure

DEPLOYMENTS = "Microsoft.Resources/deployments"
INNER = {
    "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
    "contentVersion": "1.0.0.0",
    "parameters": {"n": {"type": "string"}},
    "resources": [
        {
            "type": "Microsoft.Network/networkSecurityGroups",
            "apiVersion": "2024-05-01",
            "name": "[parameters('n')]",
            "location": "[resourceGroup().location]",
        }
    ],
}


def nested(parameters: dict[str, Any] | None = None, **extra: Any) -> Template:
    t = template()
    add_parameter(t, "rg", {"type": "string", "defaultValue": "other"})
    add_parameter(t, "on", {"type": "bool", "defaultValue": True})
    properties = {
        "mode": "Incremental",
        "expressionEvaluationOptions": {"scope": "inner"},
        "parameters": parameters if parameters is not None else {"n": {"value": "web"}},
        "template": INNER,
    }
    add_resource(t, "d", DEPLOYMENTS, "nested", properties, **extra)
    return t


def same_meaning(t: Template) -> str:
    document = json.loads(emit_arm(t).template)
    output = emit_bicep(t, "main")
    modules = {f"./{name}": text for name, text in output.modules}
    arm = ArmEvaluator(document).resources()
    ours = BicepEvaluator(output.template, modules).deployed()
    assert [(r.identity, r.api_version, r.body, r.condition) for r in ours] == [
        (r.identity, r.api_version, r.body, r.condition) for r in arm
    ]
    assert closure(ours) == closure(arm)
    return output.template


def test_a_module_of_the_inline_template() -> None:
    t = nested(resourceGroup="[parameters('rg')]", condition="[parameters('on')]")
    t.resources[0].body["apiVersion"] = t.resources[0].api_version = "2022-09-01"
    text = same_meaning(t)
    assert "module nestedDeployment './main.nestedDeployment.json' = if (on) {" in text
    assert "  scope: resourceGroup(rg)\n" in text
    (name, module) = emit_bicep(t, "main").modules[0]
    assert name == "main.nestedDeployment.json"
    assert json.loads(module) == INNER


@pytest.mark.parametrize(
    ("parameters", "extra", "fragment"),
    [
        ({"n": {"reference": {"keyVault": {"id": "x"}, "secretName": "s"}}}, {}, "by value"),
        (None, {"subscriptionId": "0000"}, "to a subscription"),
        (None, {"location": "westeurope"}, "'location'"),
    ],
)
def test_what_a_module_cannot_write_is_an_error(
    parameters: dict[str, Any] | None, extra: dict[str, Any], fragment: str
) -> None:
    with pytest.raises(CompileError, match=fragment):
        emit_bicep(nested(parameters, **extra), "main")


@pytest.mark.parametrize("grant", ["rbac", "access-policy"])
def test_the_des_grant_in_bicep(grant: str, tmp_path: Path) -> None:
    source = tmp_path / "kv.armc"
    source.write_text(
        "param vault_id: string\nparam key_url: string\n"
        f"des cmk key key_url vault vault_id grant {grant}\n"
        "disk data premium 128 {\n  encryption cmk\n}\n"
    )
    result = build_file(source, SourceRegistry(), "both")
    assert result.output is not None and result.bicep is not None, result.diagnostics
    document = json.loads(result.output.template)
    modules = {f"./{name}": text for name, text in result.bicep.modules}
    assert list(modules) == ["./kv.cmkGrant.json"]
    arm = ArmEvaluator(document).resources()
    ours = BicepEvaluator(result.bicep.template, modules).deployed()
    assert [(r.identity, r.body) for r in ours] == [(r.identity, r.body) for r in arm]
    assert closure(ours) == closure(arm)
    assert "dependsOn: [\n    cmkGrant\n  ]" in result.bicep.template
    files = result.files(tmp_path)
    assert files[tmp_path / "kv.cmkGrant.json"] == modules["./kv.cmkGrant.json"]
