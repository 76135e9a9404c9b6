"""The one dependency graph: resources as nodes, "depends on" as edges.

An edge `a -> b` means resource `a` depends on resource `b` (b deploys first). Edge attributes:
`kinds` (the set of dependency kinds that produced it: explicit, implicit, parent) and `refs`
(every `Dependency` behind it, with the span of the reference). The same graph drives cycle and
dangling-reference errors, redundant dependsOn, `armc graph`, deployment order and the minimal
`dependsOn` the emitter writes.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from armc.diagnostics import Diagnostic, Related, Severity
from armc.model.template import Dependency, Template

if TYPE_CHECKING:
    import networkx as nx

CYCLE_CODE = "GRAPH001"
CYCLE_NAME = "dependency-cycle"


def build_graph(template: Template) -> nx.DiGraph:
    """A DiGraph of the template's resources (keyed by `Resource.key`) and their dependencies.

    Dependencies on keys the template does not declare are left out (front-ends report them as
    dangling references)."""
    import networkx as nx

    graph = nx.DiGraph()
    for resource in template.resources:
        graph.add_node(resource.key, resource=resource)
    for resource in template.resources:
        for dep in resource.dependencies:
            if dep.target == resource.key or dep.target not in graph:
                if dep.target == resource.key:
                    _add_edge(graph, resource.key, dep)
                continue
            _add_edge(graph, resource.key, dep)
    return graph


def _add_edge(graph: nx.DiGraph, source: str, dep: Dependency) -> None:
    if graph.has_edge(source, dep.target):
        data = graph.edges[source, dep.target]
        data["kinds"].add(dep.kind)
        data["refs"].append(dep)
    else:
        graph.add_edge(source, dep.target, kinds={dep.kind}, refs=[dep])


def find_cycles(graph: nx.DiGraph) -> list[list[str]]:
    """One cycle per strongly connected component that has one, each rotated to start at its
    smallest key, sorted: deterministic whatever the insertion order."""
    import networkx as nx

    cycles: list[list[str]] = []
    for component in nx.strongly_connected_components(graph):
        if len(component) == 1:
            (node,) = component
            if graph.has_edge(node, node):
                cycles.append([node])
            continue
        sub = graph.subgraph(component)
        start = min(component)
        cycle = _cycle_through(sub, start)
        cycles.append(cycle)
    return sorted(cycles)


def _cycle_through(graph: nx.DiGraph, start: str) -> list[str]:
    """A shortest cycle through `start` (BFS over sorted successors, so deterministic)."""
    from collections import deque

    parents: dict[str, str | None] = {start: None}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for succ in sorted(graph.successors(node)):
            if succ == start:
                path = [node]
                while parents[path[-1]] is not None:
                    parent = parents[path[-1]]
                    assert parent is not None
                    path.append(parent)
                path.reverse()
                return path
            if succ not in parents:
                parents[succ] = node
                queue.append(succ)
    return [start]  # pragma: no cover - a strongly connected component always has a cycle


def cycle_diagnostics(template: Template, graph: nx.DiGraph) -> list[Diagnostic]:
    """An error per dependency cycle, naming the whole cycle with the span of each edge."""
    diagnostics: list[Diagnostic] = []
    for cycle in find_cycles(graph):
        ring = [*cycle, cycle[0]]
        related: list[Related] = []
        first_span = None
        for source, target in itertools.pairwise(ring):
            refs: list[Dependency] = graph.edges[source, target]["refs"]
            spans = sorted(d.span for d in refs if d.span is not None)
            span = spans[0] if spans else _resource_span(template, source)
            if first_span is None:
                first_span = span
            if span is not None:
                related.append(Related(span, f"'{source}' depends on '{target}' here"))
        text = " -> ".join(ring)
        diagnostics.append(
            Diagnostic(
                CYCLE_CODE,
                CYCLE_NAME,
                Severity.ERROR,
                f"dependency cycle: {text}",
                first_span,
                tuple(related),
                hint="remove one of these dependencies; ARM cannot deploy a cycle",
            )
        )
    return diagnostics


def _resource_span(template: Template, key: str) -> Any:
    resource = template.resource(key)
    return template.span(resource.path) if resource else None


def minimal_dependencies(graph: nx.DiGraph) -> dict[str, list[str]]:
    """Each resource's direct dependencies after transitive reduction, sorted.

    The graph must be acyclic (check `find_cycles` first)."""
    import networkx as nx

    reduced = nx.transitive_reduction(graph)
    return {node: sorted(reduced.successors(node)) for node in graph.nodes}


def deployment_order(graph: nx.DiGraph, keys: Iterable[str] | None = None) -> list[str]:
    """Resources in an order ARM could deploy them: dependencies first, ties broken by the
    given key order (default: insertion order). The graph must be acyclic."""
    import networkx as nx

    rank = {key: i for i, key in enumerate(keys if keys is not None else graph.nodes)}
    reverse = graph.reverse(copy=False)
    return list(nx.lexicographical_topological_sort(reverse, key=lambda k: rank.get(k, 0)))
