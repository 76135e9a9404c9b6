"""AZS021: storage firewalls should let trusted Azure services through."""

from __future__ import annotations

from typing import Any

from armc.rules.property_rule import PropertyRule


class StorageTrustedServices(PropertyRule):
    id = "AZS021"
    name = "storage-trusted-services"
    category = "security"
    default_severity = "info"
    summary = "Storage account firewalls should allow trusted Microsoft services."
    rationale = (
        "With a deny-by-default firewall, Azure Backup, Monitor, Site Recovery and other "
        "trusted services can only reach the account when `networkAcls.bypass` includes "
        "AzureServices; without it diagnostics and backups silently fail. Accounts that do "
        "not set a firewall are not reported."
    )
    equivalents = ("CKV_AZURE_36",)
    resource_type = "Microsoft.Storage/storageAccounts"
    path = ("properties", "networkAcls", "bypass")
    absent_ok = True
    wanted = "a list that includes 'AzureServices'"

    def acceptable(self, value: Any) -> bool:
        return isinstance(value, str) and "azureservices" in value.lower().replace(" ", "")
