"""AZP012: dependsOn entries that other entries already imply."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.rules.provenance import label

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


class RedundantDependsOn(Rule):
    id = "AZP012"
    name = "redundant-dependson"
    category = "practice"
    default_severity = "info"
    summary = "dependsOn should not list a resource twice or one that another entry implies."
    rationale = (
        "When A depends on B and B depends on C, A already waits for C: listing C in A's "
        "dependsOn changes nothing and makes the deployment order harder to read (and to "
        "change). The same goes for an entry written twice. armc keeps the minimal set: "
        "entries implied through other explicit entries are reported."
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        explicit = {
            r.key: [(d.target, d.path) for d in r.dependencies if d.kind == "explicit"]
            for r in ctx.template.resources
        }
        if all(len(entries) < 2 for entries in explicit.values()):
            return  # an entry is redundant only beside another one
        closure = _closure({key: [t for t, _ in entries] for key, entries in explicit.items()})
        by_key = {r.key: r for r in ctx.template.resources}

        def named(key: str) -> str:
            found = by_key.get(key)
            return label(ctx, found) if found is not None else f"'{key}'"

        for resource in ctx.template.resources:
            entries = explicit[resource.key]
            seen: set[str] = set()
            for target, path in entries:
                if target in seen:
                    yield Finding(
                        f"{label(ctx, resource)} lists {named(target)} in dependsOn twice",
                        path,
                        resource.key,
                    )
                    continue
                seen.add(target)
                via = next(
                    (o for o, _ in entries if o != target and target in closure.get(o, ())),
                    None,
                )
                if via is not None:
                    yield Finding(
                        f"{label(ctx, resource)} depends on {named(target)} through "
                        f"{named(via)} already",
                        path,
                        resource.key,
                        hint="remove this dependsOn entry",
                    )


def _closure(edges: dict[str, list[str]]) -> dict[str, set[str]]:
    """Every key's transitive explicit dependencies (cycles are cut; the graph reports them)."""
    done: dict[str, set[str]] = {}
    for key in edges:
        _visit(key, frozenset({key}), edges, done)
    return done


def _visit(
    key: str, trail: frozenset[str], edges: dict[str, list[str]], done: dict[str, set[str]]
) -> set[str]:
    """(A module function, not a closure: a recursive closure is a reference cycle, left for
    the garbage collector with everything it holds.)"""
    if key in done:
        return done[key]
    found: set[str] = set()
    for target in edges.get(key, ()):
        if target in trail:
            continue
        found.add(target)
        found |= _visit(target, trail | {target}, edges, done)
    done[key] = found
    return found
