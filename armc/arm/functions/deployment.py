"""Deployment functions (placeholder values), resource ids, and what only Azure knows."""

from __future__ import annotations

import functools
import json
from typing import Any

from armc.arm.functions.base import (
    DeploymentContext,
    Function,
    arity,
    as_str,
    to_arm_string,
)
from armc.arm.values import EvalError, Unknown

# --- deployment ---------------------------------------------------------------------------


def _resource_group(ctx: DeploymentContext, args: list[Any]) -> dict[str, Any]:
    arity(args, 0, 0, "resourceGroup")
    return {
        "id": ctx.resource_group_id,
        "name": ctx.resource_group,
        "type": "Microsoft.Resources/resourceGroups",
        "location": ctx.location,
        "tags": {},
        "properties": {"provisioningState": "Succeeded"},
    }


def _subscription(ctx: DeploymentContext, args: list[Any]) -> dict[str, Any]:
    arity(args, 0, 0, "subscription")
    return {
        "id": f"/subscriptions/{ctx.subscription_id}",
        "subscriptionId": ctx.subscription_id,
        "tenantId": ctx.tenant_id,
        "displayName": "armc-subscription",
    }


def _tenant(ctx: DeploymentContext, args: list[Any]) -> dict[str, Any]:
    arity(args, 0, 0, "tenant")
    return {"tenantId": ctx.tenant_id, "countryCode": "US", "displayName": "armc-tenant"}


def _deployment(ctx: DeploymentContext, args: list[Any]) -> dict[str, Any]:
    arity(args, 0, 0, "deployment")
    return {
        "name": ctx.deployment_name,
        "location": ctx.location,
        "properties": {
            "templateLink": {"uri": ctx.template_uri, "contentVersion": "1.0.0.0"},
            "mode": "Incremental",
            "provisioningState": "Accepted",
        },
    }


_ENVIRONMENT: dict[str, Any] = {
    "name": "AzureCloud",
    "gallery": "https://gallery.azure.com/",
    "graph": "https://graph.windows.net/",
    "portal": "https://portal.azure.com",
    "graphAudience": "https://graph.windows.net/",
    "activeDirectoryDataLake": "https://datalake.azure.net/",
    "batch": "https://batch.core.windows.net/",
    "media": "https://rest.media.azure.net",
    "sqlManagement": "https://management.core.windows.net:8443/",
    "vmImageAliasDoc": "https://raw.githubusercontent.com/Azure/azure-rest-api-specs/master/"
    "arm-compute/quickstart-templates/aliases.json",
    "resourceManager": "https://management.azure.com/",
    "authentication": {
        "loginEndpoint": "https://login.microsoftonline.com/",
        "audiences": ["https://management.core.windows.net/", "https://management.azure.com/"],
        "tenant": "common",
        "identityProvider": "AAD",
    },
    "suffixes": {
        "acrLoginServer": ".azurecr.io",
        "azureDatalakeAnalyticsCatalogAndJob": "azuredatalakeanalytics.net",
        "azureDatalakeStoreFileSystem": "azuredatalakestore.net",
        "azureFrontDoorEndpointSuffix": "azurefd.net",
        "keyvaultDns": ".vault.azure.net",
        "sqlServerHostname": ".database.windows.net",
        "storage": "core.windows.net",
    },
}


def _environment(_: DeploymentContext, args: list[Any]) -> dict[str, Any]:
    arity(args, 0, 0, "environment")
    copy: dict[str, Any] = json.loads(json.dumps(_ENVIRONMENT))  # a fresh copy
    return copy


# --- resource ids -------------------------------------------------------------------------


def _is_type(value: Any) -> bool:
    return isinstance(value, str) and "/" in value and "." in value.split("/")[0]


@functools.lru_cache(maxsize=1024)
def _type_segments(resource_type: str) -> tuple[str, ...]:
    """The segments of a resource type (a few hundred types recur in every template)."""
    return tuple(resource_type.strip("/").split("/"))


def split_resource_id_args(args: list[Any], name: str) -> tuple[list[Any], str, list[Any]]:
    """(scope arguments, resource type, names) of a resourceId()-style call."""
    for index, value in enumerate(args):
        if _is_type(value):
            scope, names = args[:index], args[index + 1 :]
            resource_type = value
            segments = _type_segments(resource_type)
            if len(segments) < 2 or "" in segments:  # 'Microsoft.Web/', 'Microsoft.Web//sites'
                raise EvalError(
                    f"{name}: '{resource_type}' is not a resource type "
                    "(a namespace and a type, such as 'Microsoft.Web/sites')",
                    index,
                )
            if names and all(isinstance(n, str) for n in names):
                # ARM accepts names joined with '/': resourceId('A/b/c', 'x/y')
                names = "/".join(names).split("/")
            if len(names) != len(segments) - 1:
                raise EvalError(
                    f"{name}: type '{resource_type}' needs {len(segments) - 1} name(s), "
                    f"got {len(names)}",
                    index,
                )
            return scope, resource_type, names
    raise EvalError(
        f"{name}: no resource type argument such as 'Microsoft.Storage/storageAccounts'"
    )


def _providers_path(resource_type: str, names: list[Any]) -> str:
    segments = _type_segments(resource_type)
    parts = [segments[0], segments[1], to_arm_string(names[0])]
    for segment, value in zip(segments[2:], names[1:], strict=True):
        parts.extend([segment, to_arm_string(value)])
    return "/providers/" + "/".join(parts)


def _resource_id(ctx: DeploymentContext, args: list[Any]) -> str:
    scope, resource_type, names = split_resource_id_args(args, "resourceId")
    subscription, group = ctx.subscription_id, ctx.resource_group
    if len(scope) == 1:
        group = as_str(scope[0], 0, "resourceId")
    elif len(scope) == 2:
        subscription = as_str(scope[0], 0, "resourceId")
        group = as_str(scope[1], 1, "resourceId")
    elif len(scope) > 2:
        raise EvalError("resourceId: too many arguments before the resource type")
    prefix = f"/subscriptions/{subscription}/resourceGroups/{group}"
    return prefix + _providers_path(resource_type, names)


def _subscription_resource_id(ctx: DeploymentContext, args: list[Any]) -> str:
    scope, resource_type, names = split_resource_id_args(args, "subscriptionResourceId")
    subscription = as_str(scope[0], 0, "subscriptionResourceId") if scope else ctx.subscription_id
    return f"/subscriptions/{subscription}" + _providers_path(resource_type, names)


def _tenant_resource_id(_: DeploymentContext, args: list[Any]) -> str:
    scope, resource_type, names = split_resource_id_args(args, "tenantResourceId")
    if scope:
        raise EvalError("tenantResourceId: unexpected arguments before the resource type")
    return _providers_path(resource_type, names)


def _extension_resource_id(_: DeploymentContext, args: list[Any]) -> str:
    arity(args, 3, 999, "extensionResourceId")
    base = as_str(args[0], 0, "extensionResourceId").rstrip("/")
    _scope, resource_type, names = split_resource_id_args(args[1:], "extensionResourceId")
    return base + _providers_path(resource_type, names)


def _unknown(reason: str, secret: bool = False) -> Function:
    def unknown(_: DeploymentContext, args: list[Any]) -> Unknown:
        return Unknown(reason, secret)

    return unknown


DEPLOYMENT_FUNCTIONS: dict[str, Function] = {
    # deployment
    "resourcegroup": _resource_group,
    "subscription": _subscription,
    "tenant": _tenant,
    "deployment": _deployment,
    "environment": _environment,
    # resource ids
    "resourceid": _resource_id,
    "subscriptionresourceid": _subscription_resource_id,
    "tenantresourceid": _tenant_resource_id,
    "extensionresourceid": _extension_resource_id,
    # known only at deployment time
    "reference": _unknown("reference() reads the deployed resource"),
    "newguid": _unknown("newGuid() is random"),
    "utcnow": _unknown("utcNow() is the deployment time"),
    "providers": _unknown("providers() is read from Azure"),
    "pickzones": _unknown("pickZones() is read from Azure"),
    "managementgroup": _unknown("managementGroup() depends on the deployment scope"),
    "managementgroupresourceid": _unknown("managementGroupResourceId() needs the scope"),
    "datetimeadd": _unknown("dateTimeAdd() is not evaluated by armc"),
    "datetimefromepoch": _unknown("dateTimeFromEpoch() is not evaluated by armc"),
    "datetimetoepoch": _unknown("dateTimeToEpoch() is not evaluated by armc"),
}
