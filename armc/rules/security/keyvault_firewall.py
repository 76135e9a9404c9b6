"""AZS024: key vault firewalls should deny by default."""

from __future__ import annotations

from typing import Any

from armc.rules.property_rule import PropertyRule, equals


class KeyVaultFirewall(PropertyRule):
    id = "AZS024"
    name = "keyvault-firewall"
    category = "security"
    default_severity = "warning"
    summary = "Key vaults should deny network access by default."
    rationale = (
        "`networkAcls.defaultAction` Allow (the default) accepts requests from any network. "
        "With Deny, only the listed VNets and IP ranges (and trusted services, through "
        "bypass) can reach the vault's data plane."
    )
    equivalents = ("CKV_AZURE_109", "psrule:Azure.KeyVault.Firewall")
    resource_type = "Microsoft.KeyVault/vaults"
    path = ("properties", "networkAcls", "defaultAction")
    fix_value = "Deny"
    wanted = "'Deny'"

    def acceptable(self, value: Any) -> bool:
        return equals(value, "Deny")
