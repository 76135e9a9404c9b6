"""AZV102: a read-only property set in a template."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.rules.validation.types_common import findings

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


class ReadOnlyProperty(Rule):
    id = "AZV102"
    name = "read-only-property"
    category = "validation"
    default_severity = "warning"
    summary = "A template must not set properties Azure computes (read-only in the REST model)."
    rationale = (
        "`provisioningState`, `vmId`, `resourceGuid`, `instanceView` and the like are set by "
        "Azure. A template that writes them (often one exported from the portal) has its value "
        "ignored at best and rejected at worst, and misleads its readers into thinking it is "
        "configuration. Read-only flags come from Azure's published REST models (a property "
        "whose only visibility is `read`)."
    )
    equivalents = ("bicep:bcp073",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        return findings(ctx, "read-only")
