"""AZP003: every variable should be used."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.rules.support import used_names

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


class NoUnusedVars(Rule):
    id = "AZP003"
    name = "no-unused-vars"
    category = "practice"
    default_severity = "warning"
    summary = "Variables that are never referenced should be removed."
    rationale = (
        "An unused variable is dead code: readers look for where it matters, and a typo in "
        "a variables('...') reference goes unnoticed. A variable used only by itself counts "
        "as unused. Variables defined by a variable copy loop count by their loop name."
    )
    equivalents = (
        "bicep:no-unused-vars",
        "arm-ttk:Variables-Must-Be-Referenced",
        "psrule:Azure.Template.UseVariables",
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        template = ctx.template
        used = used_names(template).variables
        for name, value in template.variables.items():
            names = [name]
            if name.lower() == "copy" and isinstance(value, list):
                names = [c["name"] for c in value if isinstance(c, dict) and "name" in c]
            for index, variable in enumerate(names):
                if not isinstance(variable, str) or variable.lower() in used:
                    continue
                path: tuple[str | int, ...] = ("variables", name)
                if variable != name:
                    path = ("variables", name, index, "name")
                yield Finding(f"variable '{variable}' is declared but never used", path)
