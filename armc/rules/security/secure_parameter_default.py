"""AZS002: secure parameters must not have a hard-coded default value."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from armc.rules.base import Finding, FixSpec, Rule
from armc.rules.support import is_expression_text

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


def _hard_coded(default: Any) -> bool:
    if isinstance(default, str):
        if is_expression_text(default):
            return "newguid(" not in default.lower().replace(" ", "")
        return default != ""
    if isinstance(default, dict | list):
        return len(default) > 0
    return default is not None


class SecureParameterDefault(Rule):
    id = "AZS002"
    name = "secure-parameter-default"
    category = "security"
    default_severity = "warning"
    summary = "Secure parameters must not have a hard-coded default value."
    rationale = (
        "A `securestring` or `secureobject` parameter keeps its value out of logs and "
        "deployment history, but a default value is written in the template itself, where "
        "anyone who can read the template or the deployment can see it. Leave the default "
        "out, or use an empty value or `newGuid()`."
    )
    equivalents = (
        "bicep:secure-parameter-default",
        "arm-ttk:Secure-String-Parameters-Cannot-Have-Default",
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for name, parameter in ctx.template.parameters.items():
            if not parameter.secure or "defaultValue" not in parameter.body:
                continue
            if not _hard_coded(parameter.body["defaultValue"]):
                continue
            path = (*parameter.path, "defaultValue")
            empty: Any = "" if parameter.type == "securestring" else {}
            yield Finding(
                f"secure parameter '{name}' has a hard-coded default value",
                path,
                fix=FixSpec("replace the default with an empty value", path, empty),
                hint="remove the default and pass the value at deployment (e.g. from Key Vault)",
            )
