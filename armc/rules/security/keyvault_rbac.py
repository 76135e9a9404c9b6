"""AZS031: key vaults should use Azure RBAC for data-plane access."""

from __future__ import annotations

from typing import Any

from armc.rules.property_rule import PropertyRule, is_true


class KeyVaultRbac(PropertyRule):
    id = "AZS031"
    name = "keyvault-rbac"
    category = "security"
    default_severity = "info"
    summary = "Key vaults should use Azure RBAC rather than access policies."
    rationale = (
        "Access policies grant a principal every secret (or key, or certificate) of a vault "
        "and are managed apart from the rest of Azure access control. With "
        "`enableRbacAuthorization`, roles can be scoped to single secrets, reviewed with the "
        "rest of the role assignments and granted just in time with PIM."
    )
    equivalents = ("psrule:Azure.KeyVault.RBAC",)
    resource_type = "Microsoft.KeyVault/vaults"
    path = ("properties", "enableRbacAuthorization")
    fix_value = True
    wanted = "true"

    def acceptable(self, value: Any) -> bool:
        return is_true(value)
