"""AZS004: outputs must not return secrets."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.rules.support import (
    calls_list_function,
    parameter_references,
    secure_parameters,
    walk_strings,
)

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext

_SECRET_WORDS = ("password", "secret")
_REFERENCE_SUFFIXES = ("uri", "uris", "url", "urls", "name", "names", "id", "ids")
"""Names such as `secretUri` or `passwordSecretName` point at a secret; they do not hold one."""
_SECURE_TYPES = ("securestring", "secureobject")


class OutputsContainSecrets(Rule):
    id = "AZS004"
    name = "outputs-should-not-contain-secrets"
    category = "security"
    default_severity = "error"
    summary = "Outputs must not return secrets."
    rationale = (
        "Output values are stored in the deployment history in clear text, readable by "
        "anyone with read access to the resource group. Do not output secure parameters, "
        "`list*()` results (keys, connection strings) or values named like passwords; read "
        "them from Key Vault where they are needed."
    )
    equivalents = (
        "bicep:outputs-should-not-contain-secrets",
        "arm-ttk:Outputs-Must-Not-Contain-Secrets",
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        template = ctx.template
        secure = secure_parameters(ctx)
        for name, output in template.outputs.items():
            if output.type in _SECURE_TYPES:
                continue
            reasons: list[str] = []
            for _, text in walk_strings(output.body.get("value")):
                for ref in parameter_references(text):
                    if ref in secure:
                        reasons.append(f"it returns secure parameter '{secure[ref]}'")
                if calls_list_function(text):
                    reasons.append("it returns the result of a list*() function")
            lowered = name.lower().replace("-", "").replace("_", "").replace(" ", "")
            if (
                not reasons
                and any(word in lowered for word in _SECRET_WORDS)
                and not lowered.endswith(_REFERENCE_SUFFIXES)
            ):
                reasons.append("its name suggests it holds a secret")
            if reasons:
                yield Finding(
                    f"output '{name}' may expose a secret: {'; '.join(dict.fromkeys(reasons))}",
                    (*output.path, "value"),
                    hint="remove the output, or read the secret from Key Vault where needed",
                )
