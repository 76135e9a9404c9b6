"""AZP010: parameters should have a description."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


class ParameterMetadata(Rule):
    id = "AZP010"
    name = "parameter-description"
    category = "practice"
    default_severity = "off"
    summary = "Parameters should have a metadata description."
    rationale = (
        "The portal, `az deployment` prompts and generated documentation show "
        "`metadata.description` to whoever deploys the template; without it they guess what "
        "a value means, its unit and its format. Off by default: select it by name to use it."
    )
    equivalents = ("psrule:Azure.Template.ParameterMetadata",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for name, parameter in ctx.template.parameters.items():
            if parameter.description:
                continue
            yield Finding(
                f"parameter '{name}' has no description",
                parameter.path,
                hint='add "metadata": {"description": "..."}',
            )
