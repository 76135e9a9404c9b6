"""`des ... grant rbac|access-policy|none`: the nested deployment that gives the disk
encryption set's identity access to its Key Vault, and what waits for it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import compile_text, diagnostics_of
from hypothesis import given
from hypothesis import strategies as st

from armc.api import build_file
from armc.source import SourceRegistry

HEAD = """
param admin_key: string
param vault_id: string
param key_url: string
vnet core 10.0.0.0/16 {
  subnet app 10.0.1.0/24
}
"""
USERS = """
disk data premium 128 {
  encryption cmk
}
vm app {
  image ubuntu-24.04
  subnet core.app
  disk-encryption cmk
  admin azureuser ssh admin_key
}
"""
VAULT = "/subscriptions/0000/resourceGroups/rg-keys/providers/Microsoft.KeyVault/vaults/kv1"


def resources(des: str) -> dict[str, Any]:
    return {r.key: r for r in compile_text(HEAD + des + USERS).resources}


def inner(resource: Any) -> dict[str, Any]:
    resources: list[dict[str, Any]] = resource.body["properties"]["template"]["resources"]
    assert len(resources) == 1
    return resources[0]


def test_rbac_is_the_default() -> None:
    found = resources("des cmk key key_url vault vault_id\n")
    grant = found["des-grant:cmk-grant"]
    assert grant.type == "Microsoft.Resources/deployments"
    body = grant.body
    assert body["subscriptionId"] == "[split(parameters('vault_id'), '/')[2]]"
    assert body["resourceGroup"] == "[split(parameters('vault_id'), '/')[4]]"
    properties = body["properties"]
    assert properties["expressionEvaluationOptions"] == {"scope": "inner"}
    assert properties["parameters"]["vaultId"] == {"value": "[parameters('vault_id')]"}
    principal = properties["parameters"]["principalId"]["value"]
    assert principal.endswith(", 'full').identity.principalId]")
    assert "resourceId('Microsoft.Compute/diskEncryptionSets', 'cmk')" in principal
    role = inner(grant)
    assert role["type"] == "Microsoft.Authorization/roleAssignments"
    assert "e147488a-f6f5-4113-8e2d-b22465e65bf6" in role["properties"]["roleDefinitionId"]
    assert role["properties"]["principalType"] == "ServicePrincipal"
    assert role["name"].startswith("[guid(parameters('vaultId'), parameters('principalId')")
    assert role["scope"].startswith("[format('Microsoft.KeyVault/vaults/{0}'")
    assert {d.target for d in grant.dependencies} == {"des:cmk"}


def test_access_policy() -> None:
    grant = resources("des cmk key key_url vault vault_id grant access-policy\n")[
        "des-grant:cmk-grant"
    ]
    policy = inner(grant)
    assert policy["type"] == "Microsoft.KeyVault/vaults/accessPolicies"
    assert policy["name"] == "[format('{0}/add', last(split(parameters('vaultId'), '/')))]"
    entry = policy["properties"]["accessPolicies"][0]
    assert entry["objectId"] == "[parameters('principalId')]"
    assert entry["permissions"] == {"keys": ["get", "wrapKey", "unwrapKey"]}


def test_disks_and_vms_wait_for_the_grant() -> None:
    found = resources("des cmk key key_url vault vault_id\n")
    for key in ("disk:data", "vm:app"):
        targets = {(d.target, d.kind) for d in found[key].dependencies}
        assert ("des-grant:cmk-grant", "explicit") in targets, key
        assert ("des:cmk", "implicit") in targets, key


def test_grant_none() -> None:
    found = resources("des cmk key key_url vault vault_id grant none\n")
    assert not any(key.startswith("des-grant:") for key in found)
    assert {d.target for d in found["disk:data"].dependencies} == {"des:cmk"}


def test_a_literal_vault_id_gives_a_literal_scope() -> None:
    found = resources(f'des cmk key key_url vault "{VAULT}"\n')
    body = found["des-grant:cmk-grant"].body
    assert (body["subscriptionId"], body["resourceGroup"]) == ("0000", "rg-keys")


def test_the_condition_applies_to_the_grant() -> None:
    text = "param cmk_on: bool = true\ndes cmk if cmk_on {\n  key key_url\n  vault vault_id\n}\n"
    grant = {r.key: r for r in compile_text(HEAD + text).resources}["des-grant:cmk-grant"]
    assert grant.body["condition"] == "[parameters('cmk_on')]"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("des cmk key key_url vault vault_id grant owner\n", "unknown grant 'owner'"),
        ('des cmk key key_url vault "/subscriptions/0/kv"\n', "not the resource id of a Key"),
        (
            'des cmk key key_url vault "/subscriptions/0/resourceGroups/rg/providers/'
            'Microsoft.Storage/storageAccounts/sa"\n',
            "not the resource id of a Key Vault",
        ),
    ],
)
def test_misuse_is_an_error(text: str, fragment: str) -> None:
    found = [(d.code, d.message) for d in diagnostics_of(HEAD + text)]
    assert any(c == "DSL311" and fragment in m for c, m in found), found


@given(st.sampled_from(["", " grant rbac", " grant access-policy", " grant none"]))
def test_grant_none_is_the_only_form_without_a_deployment(grant: str) -> None:
    found = resources(f"des cmk key key_url vault vault_id rotation{grant}\n")
    deployed = "des-grant:cmk-grant" in found
    assert deployed == (grant != " grant none")
    assert found["des:cmk"].body["properties"]["rotationToLatestKeyVersionEnabled"] is True


@pytest.mark.parametrize("grant", ["rbac", "access-policy"])
def test_the_grant_validates_against_the_official_schemas(
    grant: str, tmp_path: Path, arm_validator: Any
) -> None:
    source = tmp_path / "grant.armc"
    source.write_text(HEAD + f"des cmk key key_url vault vault_id grant {grant}\n" + USERS)
    result = build_file(source, SourceRegistry(), "arm")
    assert result.output is not None, result.diagnostics
    (tmp_path / "grant.json").write_text(result.output.template)
    checked = arm_validator.validate_path(tmp_path / "grant.json")
    assert checked.status == "OK", checked.line()
    document = json.loads(result.output.template)
    inner_types = {
        r["type"]
        for outer in document["resources"]
        for r in outer.get("properties", {}).get("template", {}).get("resources", [])
    }
    expected = {
        "rbac": "Microsoft.Authorization/roleAssignments",
        "access-policy": "Microsoft.KeyVault/vaults/accessPolicies",
    }
    assert inner_types == {expected[grant]}
