"""The grant of a disk encryption set's identity on its Key Vault (`des ... grant KIND`).

A disk encryption set unwraps its key with its system-assigned identity, so that identity needs
access to the vault before any disk can use the set. The vault is external (a resource id,
possibly in another resource group or subscription), so the grant is a nested deployment
(`Microsoft.Resources/deployments`) to the vault's subscription and resource group, taken from
the id with split(). Its template has its own scope (`expressionEvaluationOptions` inner) and
two parameters, the vault id and the set's principal id, and creates either

* `rbac` (the default): a role assignment of "Key Vault Crypto Service Encryption User" on the
  vault, named by guid(vault id, principal id, role), for vaults using Azure RBAC; or
* `access-policy`: an `accessPolicies/add` entry with the key permissions get, wrapKey and
  unwrapKey, for vaults using access policies.

Every disk, VM and scale set that uses the set depends on the grant (see `grant_key`)."""

from __future__ import annotations

from typing import Any

from armc.dsl import ir
from armc.dsl.lower import Lowering
from armc.dsl.lower_names import SCHEMA, TYPES, Pending, resource_id
from armc.dsl.values import Const, Position, Value, arm_string, arm_text

DEPLOYMENT_API = "2022-09-01"
ROLE_ASSIGNMENT_API = "2022-04-01"
ACCESS_POLICY_API = "2024-11-01"
# Built-in role "Key Vault Crypto Service Encryption User" (keys: read, wrapKey, unwrapKey).
CRYPTO_SERVICE_ENCRYPTION_USER = "e147488a-f6f5-4113-8e2d-b22465e65bf6"
KEY_PERMISSIONS = ("get", "wrapKey", "unwrapKey")
VAULT_TYPE = "microsoft.keyvault/vaults"

_VAULT_NAME = "last(split(parameters('vaultId'), '/'))"


def grant_name(des_name: str) -> str:
    """The nested deployment's name: `cmk-grant` for `des cmk`."""
    return f"{des_name}-grant"


def grant_key(lowering: Lowering, des: ir.Word) -> str | None:
    """The model key of the grant of the set `des` names (None with `grant none`)."""
    declaration = lowering.symbols.any_declaration(des.text)
    if not isinstance(declaration, ir.DesDecl) or declaration.grant_kind == "none":
        return None
    return f"des-grant:{grant_name(des.text)}"


def depend_on_grant(lowering: Lowering, pending: Pending, des: ir.Word, path: Any) -> None:
    """Make `pending` (a disk, VM or scale set using `des`) wait for the set's grant: an
    ordering no reference implies, so an explicit dependency (a dependsOn in Bicep too)."""
    key = grant_key(lowering, des)
    if key is not None:
        pending.depend(key, des.span, path, "explicit")


def lower_grant(
    lowering: Lowering, des: ir.DesDecl, name: str, index: Position, condition: Any
) -> None:
    """The nested deployment that grants the set `name` access to its vault."""
    kind = des.grant_kind
    if kind == "none":
        return
    vault = lowering.value(des.vault, index)
    subscription, group = _vault_scope(lowering, des, vault)
    span = des.grant.span if des.grant is not None else des.common.span
    pending = lowering.start("des-grant", grant_name(name), span, api_version=DEPLOYMENT_API)
    pending.copy_index = index
    body = pending.body
    body.set(("subscriptionId",), subscription, des.vault.span)
    body.set(("resourceGroup",), group, des.vault.span)
    api = _des_api()
    principal = (
        f"[reference({resource_id('des', name)[1:-1]}, {arm_string(api)}, 'full')"
        ".identity.principalId]"
    )
    body.set(
        ("properties",),
        {
            "mode": "Incremental",
            "expressionEvaluationOptions": {"scope": "inner"},
            "parameters": {
                "vaultId": {"value": _json(vault)},
                "principalId": {"value": principal},
            },
            "template": {
                "$schema": SCHEMA,
                "contentVersion": "1.0.0.0",
                "parameters": {
                    "vaultId": {"type": "string"},
                    "principalId": {"type": "string"},
                },
                "resources": [_role_assignment() if kind == "rbac" else _access_policy()],
            },
        },
        span,
    )
    body.span(("properties", "parameters", "vaultId"), des.vault.span)
    pending.depend(f"des:{name}", des.common.name_span, ("properties", "parameters"))
    condition_span = des.common.condition.span if des.common.condition else None
    lowering.finish(pending, condition, condition_span)


def _des_api() -> str:
    from armc import data

    return data.api_version(TYPES["des"])


def _json(value: Value) -> Any:
    from armc.dsl.values import to_json

    return to_json(value)


def _vault_scope(lowering: Lowering, des: ir.DesDecl, vault: Value) -> tuple[str, str]:
    """The vault's subscription id and resource group: literals for a literal vault id (which
    must be a Key Vault's), else split() of the value at deployment."""
    if isinstance(vault, Const) and isinstance(vault.value, str):
        parts = vault.value.split("/")
        if (
            len(parts) == 9
            and parts[0] == ""
            and parts[1].lower() == "subscriptions"
            and parts[3].lower() == "resourcegroups"
            and parts[5].lower() == "providers"
            and f"{parts[6]}/{parts[7]}".lower() == VAULT_TYPE
            and all(parts[1:])
        ):
            return parts[2], parts[4]
        lowering.report(
            "DSL311",
            f"'{vault.value}' is not the resource id of a Key Vault",
            des.vault.span,
            hint="/subscriptions/SUB/resourceGroups/RG/providers/Microsoft.KeyVault/vaults/NAME",
        )
        return "", ""
    text = arm_text(vault)
    return f"[split({text}, '/')[2]]", f"[split({text}, '/')[4]]"


def _role_assignment() -> dict[str, Any]:
    role = arm_string(CRYPTO_SERVICE_ENCRYPTION_USER)
    return {
        "type": "Microsoft.Authorization/roleAssignments",
        "apiVersion": ROLE_ASSIGNMENT_API,
        "name": f"[guid(parameters('vaultId'), parameters('principalId'), {role})]",
        "scope": f"[format('Microsoft.KeyVault/vaults/{{0}}', {_VAULT_NAME})]",
        "properties": {
            "roleDefinitionId": (
                f"[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', {role})]"
            ),
            "principalId": "[parameters('principalId')]",
            "principalType": "ServicePrincipal",
        },
    }


def _access_policy() -> dict[str, Any]:
    return {
        "type": "Microsoft.KeyVault/vaults/accessPolicies",
        "apiVersion": ACCESS_POLICY_API,
        "name": f"[format('{{0}}/add', {_VAULT_NAME})]",
        "properties": {
            "accessPolicies": [
                {
                    "tenantId": "[subscription().tenantId]",
                    "objectId": "[parameters('principalId')]",
                    "permissions": {"keys": list(KEY_PERMISSIONS)},
                }
            ]
        },
    }
