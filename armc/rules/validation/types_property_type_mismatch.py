"""AZV101: a property value of the wrong JSON type."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.rules.validation.types_common import findings

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


class PropertyTypeMismatch(Rule):
    id = "AZV101"
    name = "property-type-mismatch"
    category = "validation"
    default_severity = "error"
    summary = "A resource property's value must have the JSON type its REST API model declares."
    rationale = (
        'An object where the API wants an array (`addressPrefixes: "10.0.0.0/16"`), a string '
        'where it wants an object (`subnet: "<id>"` instead of `{"id": ...}`) or a number '
        "where it wants a string fails the deployment with a deserialisation error, or worse, "
        "is dropped. Literal values are checked as written; expressions are checked once armc's "
        "evaluator knows their value (parameters, variables, functions of them) and skipped "
        'when it cannot. Strings that ARM\'s JSON reader converts ("true", "30") are '
        "accepted for booleans and numbers. Types come from Azure's published REST models."
    )
    equivalents = ("bicep:bcp036",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        return findings(ctx, "mismatch")
