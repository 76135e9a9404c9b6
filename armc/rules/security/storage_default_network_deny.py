"""AZS020: storage account firewalls should deny by default."""

from __future__ import annotations

from typing import Any

from armc.rules.property_rule import PropertyRule, equals


class StorageDefaultNetworkDeny(PropertyRule):
    id = "AZS020"
    name = "storage-default-network-deny"
    category = "security"
    default_severity = "warning"
    summary = "Storage accounts should deny network access by default."
    rationale = (
        "`networkAcls.defaultAction` Allow (the default) accepts requests from any network; "
        "with Deny, only the listed VNets, IP ranges and trusted services get through. Boot "
        "diagnostics can use managed storage instead of an account open to all networks."
    )
    equivalents = ("CKV_AZURE_35", "psrule:Azure.Storage.Firewall")
    resource_type = "Microsoft.Storage/storageAccounts"
    path = ("properties", "networkAcls", "defaultAction")
    fix_value = "Deny"
    wanted = "'Deny'"

    def acceptable(self, value: Any) -> bool:
        return equals(value, "Deny")
