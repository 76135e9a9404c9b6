"""AZS027: nested deployments must not log request and response content."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.rules.provenance import label
from armc.semantics.reader import known_text

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


class DeploymentDebug(Rule):
    id = "AZS027"
    name = "deployment-debug"
    category = "security"
    default_severity = "warning"
    resource_types = ("Microsoft.Resources/deployments",)
    summary = "Nested deployments should not set debugSetting (it logs secrets)."
    rationale = (
        "`debugSetting.detailLevel` requestContent or responseContent stores the deployment's "
        "request and response bodies in the deployment history, including parameter values "
        "and secrets returned by list*() functions. Use it only while debugging, never in a "
        "committed template."
    )
    equivalents = (
        "arm-ttk:Deployment-Resources-Must-Not-Be-Debug",
        "psrule:Azure.Template.DebugDeployment",
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for deployment in ctx.resources("Microsoft.Resources/deployments"):
            path = ("properties", "debugSetting", "detailLevel")
            level = known_text(ctx, deployment, *path)
            if level is None or level.lower() == "none":
                continue
            yield Finding.at(
                deployment,
                f"{label(ctx, deployment)} logs '{level}' in the deployment history",
                *path,
                hint="remove debugSetting",
            )
