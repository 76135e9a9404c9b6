"""AZS028: inline nested templates must not see secrets in the outer scope."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.rules.provenance import label
from armc.rules.support import (
    calls_list_function,
    parameter_references,
    raw_at,
    secure_parameters,
    walk_strings,
)

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


class SecureParamsInNestedDeployments(Rule):
    id = "AZS028"
    name = "secure-params-in-nested-deployments"
    category = "security"
    default_severity = "error"
    resource_types = ("Microsoft.Resources/deployments",)
    summary = "Inline nested templates that use secrets must evaluate in the inner scope."
    rationale = (
        "An inline nested template evaluated in the outer scope (the default) resolves the "
        "parent's secure parameters and list*() results into its body, which is stored in "
        "the deployment history in clear text. Set `expressionEvaluationOptions.scope` to "
        "'inner' and pass the secret as a securestring parameter of the nested template."
    )
    equivalents = ("arm-ttk:Secure-Params-In-Nested-Deployments",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        secure = secure_parameters(ctx)
        for deployment in ctx.resources("Microsoft.Resources/deployments"):
            nested = raw_at(deployment, "properties", "template")
            if not isinstance(nested, dict):
                continue
            scope = raw_at(deployment, "properties", "expressionEvaluationOptions", "scope")
            if isinstance(scope, str) and scope.lower() == "inner":
                continue
            for subpath, text in walk_strings(nested):
                leaked = [secure[p] for p in parameter_references(text) if p in secure]
                if not leaked and not calls_list_function(text):
                    continue
                what = f"secure parameter '{leaked[0]}'" if leaked else "a list*() function"
                yield Finding.at(
                    deployment,
                    f"{label(ctx, deployment)} uses {what} in an outer-scope nested template",
                    "properties",
                    "template",
                    *subpath,
                    hint="set expressionEvaluationOptions.scope to 'inner' and pass it as a "
                    "securestring parameter",
                )
                break
