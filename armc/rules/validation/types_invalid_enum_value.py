"""AZV104: a value outside the enum the REST model declares."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.rules.validation.types_common import findings

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


class InvalidEnumValue(Rule):
    id = "AZV104"
    name = "invalid-enum-value"
    category = "validation"
    default_severity = "warning"
    summary = "An enum property should hold one of the values its REST API model lists."
    rationale = (
        '`caching: "ReadWriteOnly"` or `publicIPAllocationMethod: "Fixed"` is a typo the '
        "resource provider rejects, after the deployment has started. The known values come "
        "from Azure's published REST models and are compared case-insensitively, as ARM does. "
        "Azure's models declare their enums extensible (the provider may accept values newer "
        "than the model), so this is a warning that lists the known values. Frozen catalogues "
        "such as the VM size enum are not checked (the sizes API is the reference for those)."
    )
    equivalents = ("bicep:bcp088",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        return findings(ctx, "enum")
