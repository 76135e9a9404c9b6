"""AZS018: storage accounts must accept HTTPS only."""

from __future__ import annotations

from typing import Any

from armc.model.template import Resource
from armc.rules.property_rule import PropertyRule, is_true


class StorageHttpsOnly(PropertyRule):
    id = "AZS018"
    name = "storage-https-only"
    category = "security"
    default_severity = "error"
    summary = "Storage accounts must require secure transfer (HTTPS only)."
    rationale = (
        "With `supportsHttpsTrafficOnly` false, blobs, files and queues can be read over "
        "plain HTTP, and shared keys and SAS tokens cross the network unencrypted. The "
        "property defaults to true since apiVersion 2019-04-01: with an older apiVersion an "
        "absent property is reported too."
    )
    equivalents = ("CKV_AZURE_3", "psrule:Azure.Storage.SecureTransfer")
    resource_type = "Microsoft.Storage/storageAccounts"
    path = ("properties", "supportsHttpsTrafficOnly")
    fix_value = True
    wanted = "true"

    def acceptable(self, value: Any) -> bool:
        return is_true(value)

    def absent_acceptable(self, resource: Resource) -> bool:
        return resource.api_version >= "2019-04-01"
