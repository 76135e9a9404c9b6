"""`may_have_cycle` agrees with networkx on any dependency graph (it decides whether lint
builds the networkx graph at all)."""

from __future__ import annotations

import networkx as nx
from hypothesis import given
from hypothesis import strategies as st

from armc.analysis.cycles import may_have_cycle
from armc.model.graph import build_graph, find_cycles
from armc.model.template import Dependency, Resource, Template

KINDS = ("explicit", "implicit", "parent")


def template(size: int, edges: list[tuple[int, int, int]]) -> Template:
    result = Template("t.json", "arm")
    for index in range(size):
        key = f"Microsoft.Network/publicIPAddresses/r{index}"
        resource = Resource(key, "Microsoft.Network/publicIPAddresses", "2024-01-01", "x", {}, ())
        result.resources.append(resource)
    for source, target, kind in edges:
        # targets past the last resource are dangling references: not edges of any graph
        target_key = f"Microsoft.Network/publicIPAddresses/r{target}"
        dependency = Dependency(target_key, KINDS[kind])  # type: ignore[arg-type]
        result.resources[source % size].dependencies.append(dependency)
    return result


@given(
    st.integers(min_value=1, max_value=8).flatmap(
        lambda size: st.tuples(
            st.just(size),
            st.lists(
                st.tuples(st.integers(0, size - 1), st.integers(0, size + 1), st.integers(0, 2)),
                max_size=16,
            ),
        )
    )
)
def test_agrees_with_networkx(case: tuple[int, list[tuple[int, int, int]]]) -> None:
    built = template(*case)
    graph = build_graph(built)
    assert may_have_cycle(built) == (not nx.is_directed_acyclic_graph(graph))
    assert may_have_cycle(built) == bool(find_cycles(graph))


def test_self_dependency_is_a_cycle() -> None:
    assert may_have_cycle(template(2, [(0, 0, 0)]))


def test_a_chain_is_not() -> None:
    assert not may_have_cycle(template(3, [(0, 1, 0), (1, 2, 1), (0, 2, 2), (2, 5, 0)]))
    assert not may_have_cycle(Template("empty.json", "arm"))
