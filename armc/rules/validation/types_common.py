"""Shared by the type rules (AZV100-AZV104): one walk of each resource per run.

Each resource covered by armc's type tables (`armc.types`) is walked once against the table
for its type and apiVersion; each type rule reports the misfits of its kind. No rules here."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from armc.rules.base import Finding
from armc.rules.provenance import label

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext
    from armc.model.template import Resource
    from armc.types.check import Issue

def type_issues(ctx: RuleContext) -> list[tuple[Resource, Issue]]:
    """Every misfit of every covered resource of the template, in template order."""
    cached: list[tuple[Resource, Issue]] | None = ctx.memo.get("type issues")
    if cached is not None:
        return cached
    from armc.types.check import check_resource
    from armc.types.tables import entries

    found: list[tuple[Resource, Issue]] = []
    for resource in ctx.template.resources:
        if resource.existing or not entries(resource.type):
            continue
        body = _body(ctx, resource)
        if ctx.is_unknown(body):
            continue
        for issue in check_resource(resource.type, resource.api_version, body, ctx.is_unknown):
            found.append((resource, issue))
    ctx.memo["type issues"] = found
    return found


def _body(ctx: RuleContext, resource: Resource) -> Any:
    """The evaluated body: the values' own whole-body view when they have one (the ARM
    loader's cached body: asking `ctx.value(resource)` would evaluate it again)."""
    body = getattr(ctx.values, "body", None)
    return body(resource) if callable(body) else ctx.value(resource)


def findings(ctx: RuleContext, kind: str) -> Iterator[Finding]:
    """The findings of one kind of misfit ("unknown", "mismatch", ...)."""
    for resource, issue in type_issues(ctx):
        if issue.kind == kind:
            yield Finding.at(
                resource, f"{label(ctx, resource)}: {issue.message}", *issue.path, hint=issue.hint
            )
