"""AZS013: parameters that hold secrets must be secure."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext

_SECRET = re.compile(r"password|passwd|pwd|secret|token|accountkey|acctkey|apikey", re.IGNORECASE)
_NOT_A_SECRET = re.compile(
    r"(uri|url|urls|location|name|names|id|ids|version|length|expiry|expiration|type|policy|count|"
    r"enabled)$",
    re.IGNORECASE,
)


class SecureSecretsInParams(Rule):
    id = "AZS013"
    name = "secure-secrets-in-params"
    category = "security"
    default_severity = "warning"
    summary = "Parameters named like secrets (password, secret, token...) must be secure."
    rationale = (
        "The values of `string` and `object` parameters are kept in the deployment history "
        "and shown in the portal and in logs; `securestring` and `secureObject` values are "
        "not. A parameter called adminPassword, clientSecret or sasToken almost certainly "
        "holds a secret. Names that point at a secret rather than hold one (secretName, "
        "passwordUri, tokenExpiry) are not reported."
    )
    equivalents = ("bicep:secure-secrets-in-params",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for name, parameter in ctx.template.parameters.items():
            kind = parameter.type  # (not "string" or "object" when secure)
            if kind not in ("string", "object") or not _looks_secret(name):
                continue
            secure = "securestring" if kind == "string" else "secureObject"
            yield Finding(
                f"parameter '{name}' looks like a secret but its type is '{kind}'",
                (*parameter.path, "type"),
                hint=f"declare it as {secure}",
            )


@functools.lru_cache(maxsize=4096)
def _looks_secret(name: str) -> bool:
    """Named like a secret (memoised: templates repeat parameter names, adminPassword...)."""
    return _SECRET.search(name) is not None and _NOT_A_SECRET.search(name) is None
