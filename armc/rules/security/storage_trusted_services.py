"""AZS021: storage firewalls should let trusted Azure services through."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from armc.model.template import Resource
from armc.rules.property_rule import PropertyRule

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


class StorageTrustedServices(PropertyRule):
    id = "AZS021"
    name = "storage-trusted-services"
    category = "security"
    default_severity = "info"
    summary = "Storage account firewalls should allow trusted Microsoft services."
    rationale = (
        "With a deny-by-default firewall, Azure Backup, Monitor, Site Recovery and other "
        "trusted services can only reach the account when `networkAcls.bypass` includes "
        "AzureServices (the default when bypass is absent); without it diagnostics and "
        "backups silently fail. Only accounts whose firewall denies by default are checked. "
        "checkov's CKV_AZURE_36 is a different check and is not listed as an equivalent: it "
        "also fails every account without a firewall (where trusted services are not blocked; "
        "storage-default-network-deny reports those), accounts of apiVersions before 2017, and "
        "bypass lists such as 'AzureServices, Logging' that do include AzureServices."
    )
    resource_type = "Microsoft.Storage/storageAccounts"
    path = ("properties", "networkAcls", "bypass")
    absent_ok = True
    wanted = "a list that includes 'AzureServices'"

    def applies(self, ctx: RuleContext, resource: Resource) -> bool:
        action = ctx.value(resource, "properties", "networkAcls", "defaultAction")
        return isinstance(action, str) and action.lower() == "deny"

    def acceptable(self, value: Any) -> bool:
        return isinstance(value, str) and "azureservices" in value.lower().replace(" ", "")
