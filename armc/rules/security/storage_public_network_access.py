"""AZS022: storage accounts should not be reachable from public networks."""

from __future__ import annotations

from typing import Any

from armc.rules.property_rule import PropertyRule, equals


class StoragePublicNetworkAccess(PropertyRule):
    id = "AZS022"
    name = "storage-public-network-access"
    category = "security"
    default_severity = "warning"
    summary = "Storage accounts should not enable public network access."
    rationale = (
        "`publicNetworkAccess` Enabled exposes the account's endpoints to the Internet "
        "(subject to its firewall); Disabled allows private endpoints only. An absent value "
        "leaves it to the firewall rules (see storage-default-network-deny)."
    )
    equivalents = ("CKV_AZURE_59",)
    resource_type = "Microsoft.Storage/storageAccounts"
    path = ("properties", "publicNetworkAccess")
    absent_ok = True
    fix_value = "Disabled"
    wanted = "'Disabled'"

    def acceptable(self, value: Any) -> bool:
        return not equals(value, "Enabled")
