"""AZP008: templates must stay within ARM's limits on parameters, variables, outputs, resources."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from armc.model.template import JsonPath, Template
from armc.rules.base import Finding, Option, Rule

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


class TemplateLimits(Rule):
    id = "AZP008"
    name = "template-limits"
    category = "practice"
    default_severity = "error"
    summary = (
        "A template may declare at most 256 parameters and variables, 64 outputs, 800 resources."
    )
    rationale = (
        "Azure Resource Manager rejects a template with more than 256 parameters, 256 "
        "variables, 64 outputs or 800 resources (copy loops count each instance). Split the "
        "deployment into nested or linked templates (modules)."
    )
    equivalents = (
        "bicep:max-params",
        "bicep:max-variables",
        "bicep:max-outputs",
        "bicep:max-resources",
    )
    options: ClassVar[Mapping[str, Option]] = {
        "max_parameters": Option(int, 256, "The most parameters a template may declare."),
        "max_variables": Option(int, 256, "The most variables."),
        "max_outputs": Option(int, 64, "The most outputs."),
        "max_resources": Option(int, 800, "The most resources (copy instances included)."),
    }

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        template = ctx.template
        counts = (
            ("parameters", len(template.parameters)),
            ("variables", len(template.variables)),
            ("outputs", len(template.outputs)),
            ("resources", len(template.resources)),
        )
        for section, count in counts:
            limit = int(self.settings[f"max_{section}"])
            if count > limit:
                yield Finding(
                    f"the template has {count} {section}; the limit is {limit}",
                    _where(template, section, limit),
                    hint="split the template into modules (nested or linked templates)",
                )


def _where(template: Template, section: str, limit: int) -> JsonPath:
    """The section in ARM JSON; in the DSL, which has no section, the first declaration over
    the limit."""
    if template.origin != "dsl":
        return (section,)
    if section == "resources":
        return template.resources[limit].path
    declared: Mapping[str, Any] = getattr(template, section)
    name = list(declared)[limit]
    path = getattr(declared[name], "path", None)
    return tuple(path) if path else (section, name)
