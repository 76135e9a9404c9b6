"""AZS030: storage accounts should not allow anonymous blob access."""

from __future__ import annotations

from typing import Any

from armc.rules.property_rule import PropertyRule, is_true


class StorageBlobPublicAccess(PropertyRule):
    id = "AZS030"
    name = "storage-blob-public-access"
    category = "security"
    default_severity = "warning"
    summary = "Storage accounts should not allow anonymous (public) blob access."
    rationale = (
        "`allowBlobPublicAccess` true lets containers be made readable by anyone on the "
        "Internet without credentials, a frequent cause of data leaks. New accounts default "
        "to false; only an explicit true is reported."
    )
    resource_type = "Microsoft.Storage/storageAccounts"
    path = ("properties", "allowBlobPublicAccess")
    absent_ok = True
    fix_value = False
    wanted = "false"

    def acceptable(self, value: Any) -> bool:
        return not is_true(value)
