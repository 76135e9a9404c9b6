"""AZV103: a property the REST model requires is missing."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.rules.validation.types_common import findings

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


class MissingRequiredProperty(Rule):
    id = "AZV103"
    name = "missing-required-property"
    category = "validation"
    default_severity = "error"
    summary = "An object must set every property its REST API model marks as required."
    rationale = (
        "A data disk without `lun` or `createOption`, a security rule without `protocol`, or a "
        "Key Vault without `tenantId` is rejected by the resource provider (a 400 at "
        "deployment, after everything before it was created). Required flags come from Azure's "
        "published REST models; objects whose value armc cannot know, and polymorphic objects "
        "whose kind is unknown, are not checked."
    )
    equivalents = ("bicep:bcp035",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        return findings(ctx, "required")
