"""A cheap test for dependency cycles, so that linting a template without any (nearly all of
them) never builds the networkx graph, nor imports networkx (a fifth of a second)."""

from __future__ import annotations

from armc.model.template import Template


def may_have_cycle(template: Template) -> bool:
    """Whether the template's dependencies, of every kind, form a cycle (a self-dependency
    included). The graphs that report cycles (`armc.model.graph`, the ARM loader's deployment
    graph) use a subset of these edges: when this is False, none of them has a cycle.

    Kahn's algorithm: linear in resources and dependencies."""
    successors: dict[str, set[str]] = {resource.key: set() for resource in template.resources}
    for resource in template.resources:
        for dependency in resource.dependencies:
            if dependency.target in successors:
                successors[resource.key].add(dependency.target)
    indegree = dict.fromkeys(successors, 0)
    for targets in successors.values():
        for target in targets:
            indegree[target] += 1
    ready = [key for key, count in indegree.items() if count == 0]
    removed = 0
    while ready:
        key = ready.pop()
        removed += 1
        for target in successors[key]:
            indegree[target] -= 1
            if indegree[target] == 0:
                ready.append(target)
    return removed < len(successors)
