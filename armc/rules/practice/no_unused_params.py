"""AZP001: every parameter should be used."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.rules.support import used_names

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


class NoUnusedParams(Rule):
    id = "AZP001"
    name = "no-unused-params"
    category = "practice"
    default_severity = "warning"
    summary = "Parameters that are never referenced should be removed."
    rationale = (
        "An unused parameter asks the deployer for a value that changes nothing, which "
        "misleads readers and hides mistakes such as a typo in a parameters('...') reference."
    )
    equivalents = ("arm-ttk:Parameters-Must-Be-Referenced", "bicep:no-unused-params")

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        template = ctx.template
        used = used_names(template).parameters
        for name, parameter in template.parameters.items():
            if name.lower() not in used:
                yield Finding(f"parameter '{name}' is declared but never used", parameter.path)
