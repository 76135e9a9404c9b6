"""AZP001: every parameter should be used."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.rules.support import parameter_references, template_strings

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
        used: set[str] = set()
        for path, text in template_strings(template):
            own = _owning_parameter(path)
            used.update(ref for ref in parameter_references(text) if ref != own)
        for name, parameter in template.parameters.items():
            if name.lower() not in used:
                yield Finding(f"parameter '{name}' is declared but never used", parameter.path)


def _owning_parameter(path: tuple[str | int, ...]) -> str | None:
    """The parameter whose own declaration holds `path` (a self-reference is not a use)."""
    if len(path) >= 2 and path[0] == "parameters" and isinstance(path[1], str):
        return path[1].lower()
    return None
