"""AZS019: storage accounts must reject TLS older than 1.2."""

from __future__ import annotations

from typing import Any

from armc.rules.property_rule import PropertyRule, equals


class StorageMinTls(PropertyRule):
    id = "AZS019"
    name = "storage-min-tls"
    category = "security"
    default_severity = "error"
    summary = "Storage accounts must set minimumTlsVersion to TLS1_2 (or later)."
    rationale = (
        "TLS 1.0 and 1.1 have known weaknesses and are being retired across Azure. Without "
        "`minimumTlsVersion` older API versions default to TLS1_0, so set it explicitly."
    )
    equivalents = ("CKV_AZURE_44", "psrule:Azure.Storage.MinTLS")
    resource_type = "Microsoft.Storage/storageAccounts"
    path = ("properties", "minimumTlsVersion")
    fix_value = "TLS1_2"
    wanted = "'TLS1_2'"

    def acceptable(self, value: Any) -> bool:
        return equals(value, "TLS1_2", "TLS1_3")
