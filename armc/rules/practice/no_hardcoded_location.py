"""AZP002: locations should come from a parameter or the resource group."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from armc.rules.base import Finding, FixSpec, Option, Rule
from armc.rules.provenance import label
from armc.rules.support import is_expression_text

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext

_RG_LOCATION = "[resourceGroup().location]"


class NoHardcodedLocation(Rule):
    id = "AZP002"
    name = "no-hardcoded-location"
    category = "practice"
    default_severity = "warning"
    summary = "Resource locations should not be hard-coded."
    rationale = (
        "A literal region such as 'westeurope' makes the template undeployable elsewhere "
        "and easy to deploy into the wrong region. Take the location from a `location` "
        "parameter that defaults to `[resourceGroup().location]`. In ARM JSON a `location` "
        "parameter whose default is a literal region is reported too (arm-ttk's test; Bicep's "
        "rule accepts it). In the DSL, the top-level `location westeurope` statement is "
        "exactly that parameter default, the idiomatic way to choose the region a deployment "
        "defaults to while keeping it overridable, so it is not reported; a resource that "
        "sets its own literal `location` is."
    )
    equivalents = ("arm-ttk:Location-Should-Not-Be-Hardcoded", "bicep:no-hardcoded-location")
    options: ClassVar[Mapping[str, Option]] = {
        "allowed": Option(list, ["global"], "Literal locations that are always accepted."),
    }

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        allowed = {str(a).lower() for a in self.settings["allowed"]}
        template = ctx.template
        has_location_param = any(n.lower() == "location" for n in template.parameters)
        replacement = "[parameters('location')]" if has_location_param else _RG_LOCATION
        for resource in template.resources:
            location = resource.body.get("location")
            if not _literal(location, allowed):
                continue
            path = (*resource.path, "location")
            yield Finding.at(
                resource,
                f"{label(ctx, resource)} has the hard-coded location '{location}'",
                "location",
                fix=FixSpec("take the location from the template", path, replacement),
                hint="use a 'location' parameter that defaults to [resourceGroup().location]",
            )
        if template.origin == "dsl":
            return  # `location X` declares the parameter's default: the DSL's idiom
        for name, parameter in template.parameters.items():
            if name.lower() != "location" or "defaultValue" not in parameter.body:
                continue
            default = parameter.body["defaultValue"]
            if _literal(default, allowed):
                path = (*parameter.path, "defaultValue")
                yield Finding(
                    f"parameter '{name}' defaults to the hard-coded location '{default}'",
                    path,
                    fix=FixSpec("default to the resource group's location", path, _RG_LOCATION),
                )


def _literal(value: Any, allowed: set[str]) -> bool:
    return (
        isinstance(value, str)
        and value != ""
        and not is_expression_text(value)
        and value.lower() not in allowed
    )
