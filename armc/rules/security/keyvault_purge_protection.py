"""AZS023: key vaults should enable purge protection."""

from __future__ import annotations

from typing import Any

from armc.rules.property_rule import PropertyRule, is_true


class KeyVaultPurgeProtection(PropertyRule):
    id = "AZS023"
    name = "keyvault-purge-protection"
    category = "security"
    default_severity = "warning"
    summary = "Key vaults should enable purge protection."
    rationale = (
        "Soft delete keeps deleted vaults and secrets for a retention period, but without "
        "`enablePurgeProtection` anyone with purge rights can destroy them for good, and a "
        "compromised identity can wipe encryption keys. Purge protection cannot be turned off "
        "once on. (checkov's CKV_AZURE_42 'recoverable' needs both soft delete and purge "
        "protection set explicitly; armc splits it into this rule and keyvault-soft-delete.)"
    )
    equivalents = ("CKV_AZURE_110", "psrule:Azure.KeyVault.PurgeProtect")
    resource_type = "Microsoft.KeyVault/vaults"
    path = ("properties", "enablePurgeProtection")
    fix_value = True
    wanted = "true"

    def acceptable(self, value: Any) -> bool:
        return is_true(value)
