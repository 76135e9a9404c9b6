"""AZV100: a property the resource type's REST model does not have."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.rules.validation.types_common import findings

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


class UnknownProperty(Rule):
    id = "AZV100"
    name = "unknown-property"
    category = "validation"
    default_severity = "warning"
    summary = "A resource property must exist in the resource type's REST API model."
    rationale = (
        "A misspelt or misplaced property (`enableAcceleratedNetworking` directly under a NIC's "
        "`properties.ipConfigurations`, `osProfile` outside `properties`) is silently ignored by "
        "most resource providers, so the setting you meant never takes effect; a few reject the "
        "request. The property tree comes from Azure's published REST models (the azure-mgmt-* "
        "SDKs, see docs/types.md); the finding names the api-version the table describes and "
        "suggests the closest known name. The table for the template's apiVersion applies; a "
        "property that a newer api-version has is not reported (it is newer than the "
        "template's apiVersion), and templates on an apiVersion newer than every table are not "
        "checked for unknown properties. Property names are matched case-insensitively, as ARM "
        "does; members set to null are not set."
    )
    equivalents = ("bicep:bcp037",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        return findings(ctx, "unknown")
