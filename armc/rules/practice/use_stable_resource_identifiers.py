"""AZP007: resource names must not change from one deployment to the next."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.rules.provenance import label
from armc.rules.support import parameter_references, variable_references

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext

_VOLATILE = re.compile(r"\b(newGuid|utcNow)\s*\(", re.IGNORECASE)


class UseStableResourceIdentifiers(Rule):
    id = "AZP007"
    name = "use-stable-resource-identifiers"
    category = "practice"
    default_severity = "warning"
    summary = "Resource names must not depend on newGuid() or utcNow()."
    rationale = (
        "ARM allows newGuid() and utcNow() only in parameter defaults, but a name built "
        "from such a parameter (directly or through a variable) is new on every deployment: "
        "redeploying creates a second resource instead of updating the first. Use "
        "uniqueString() over stable inputs such as resourceGroup().id."
    )
    equivalents = ("bicep:use-stable-resource-identifiers",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        template = ctx.template
        volatile = {
            name.lower()
            for name, parameter in template.parameters.items()
            if isinstance(parameter.default, str) and _VOLATILE.search(parameter.default)
        }
        if not volatile:
            return
        variables = {n.lower(): v for n, v in template.variables.items()}
        declared = {n.lower(): n for n in template.parameters}
        for resource in template.resources:
            name = resource.body.get("name")
            if not isinstance(name, str):
                continue
            culprit = _volatile_parameter(name, volatile, variables, set())
            culprit = declared.get(culprit or "", culprit)
            if culprit is None:
                continue
            yield Finding.at(
                resource,
                f"the name of {label(ctx, resource)} depends on parameter '{culprit}', whose "
                "default calls newGuid() or utcNow(), so it changes on every deployment",
                "name",
                hint="derive the name from uniqueString(resourceGroup().id) instead",
            )


def _volatile_parameter(
    text: str, volatile: set[str], variables: dict[str, object], seen: set[str]
) -> str | None:
    for reference in parameter_references(text):
        if reference in volatile:
            return reference
    for name in variable_references(text):
        value = variables.get(name)
        if name in seen or not isinstance(value, str):
            continue
        seen.add(name)
        found = _volatile_parameter(value, volatile, variables, seen)
        if found is not None:
            return found
    return None
