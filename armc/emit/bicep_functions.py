"""Bicep's spelling of the ARM template functions it shares (ARM names are case-insensitive,
Bicep's are not), and which of them live in the `az` namespace (the rest are `sys`)."""

from __future__ import annotations

AZ_FUNCTIONS = frozenset(
    {
        "deployer",
        "deployment",
        "environment",
        "extensionResourceId",
        "getSecret",
        "managementGroup",
        "managementGroupResourceId",
        "pickZones",
        "providers",
        "reference",
        "resourceGroup",
        "resourceId",
        "subscription",
        "subscriptionResourceId",
        "tenant",
        "tenantResourceId",
    }
)

SYS_FUNCTIONS = frozenset(
    {
        "any",
        "array",
        "base64",
        "base64ToJson",
        "base64ToString",
        "bool",
        "coalesce",
        "concat",
        "contains",
        "dataUri",
        "dataUriToString",
        "dateTimeAdd",
        "dateTimeFromEpoch",
        "dateTimeToEpoch",
        "empty",
        "endsWith",
        "filter",
        "first",
        "flatten",
        "format",
        "guid",
        "indexOf",
        "int",
        "intersection",
        "items",
        "join",
        "json",
        "last",
        "lastIndexOf",
        "length",
        "map",
        "max",
        "min",
        "newGuid",
        "objectKeys",
        "padLeft",
        "range",
        "reduce",
        "replace",
        "skip",
        "sort",
        "split",
        "startsWith",
        "string",
        "substring",
        "take",
        "toLower",
        "toObject",
        "toUpper",
        "trim",
        "union",
        "uniqueString",
        "uri",
        "uriComponent",
        "uriComponentToString",
        "utcNow",
    }
)

_BY_LOWER = {name.lower(): name for name in AZ_FUNCTIONS | SYS_FUNCTIONS}


def bicep_name(arm_name: str) -> str:
    """Bicep's name for an ARM function (`RESOURCEID` -> `resourceId`); others as written
    (`listKeys`, user functions)."""
    return _BY_LOWER.get(arm_name.lower(), arm_name)
