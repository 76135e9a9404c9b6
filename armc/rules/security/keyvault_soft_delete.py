"""AZS025: key vaults must keep soft delete on."""

from __future__ import annotations

from typing import Any

from armc.rules.property_rule import PropertyRule


class KeyVaultSoftDelete(PropertyRule):
    id = "AZS025"
    name = "keyvault-soft-delete"
    category = "security"
    default_severity = "error"
    summary = "Key vaults must not disable soft delete."
    rationale = (
        "Soft delete lets a deleted vault, key or secret be recovered during the retention "
        "period. It is on by default and can no longer be turned off on new vaults; a "
        "template that sets `enableSoftDelete` to false fails or documents a wrong intent."
    )
    equivalents = ("psrule:Azure.KeyVault.SoftDelete",)
    resource_type = "Microsoft.KeyVault/vaults"
    path = ("properties", "enableSoftDelete")
    absent_ok = True
    fix_value = True
    wanted = "true"

    def acceptable(self, value: Any) -> bool:
        return not (value is False or (isinstance(value, str) and value.lower() == "false"))
