"""What a rule sees: the template, its graph, resources by type, spans, and values.

Values come through the `EvaluatedValues` protocol. `armc lint` gives rules evaluated values:
`AdaptedValues` over the ARM loader for ARM JSON, `armc.analysis.dsl_values.DslTwins` (the
compiled template through the same loader) for DSL input. `RawValues`, the default, returns the
raw values as written, with template expressions ("[...]", but not the "[[" escape) reported as
unknown."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from armc.model.template import JsonPath, Resource, Template
from armc.source import Span

if TYPE_CHECKING:
    import networkx as nx

    from armc.config import Config


class _Unknown:
    """The value cannot be known before deployment (a template expression, reference()...).

    There is one instance, `UNKNOWN`; it pickles by name, so identity survives processes."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "UNKNOWN"

    def __bool__(self) -> bool:
        return False

    def __reduce__(self) -> str:
        return "UNKNOWN"


UNKNOWN: Any = _Unknown()
"""The sentinel `RawValues` returns for a value it cannot know."""

_MISSING: Any = object()


@runtime_checkable
class EvaluatedValues(Protocol):
    """Resource values as far as they can be known before deployment.

    `value` returns the value at `path` inside the resource body, None when it is absent, and
    an unknown sentinel (for which `is_unknown` is true) when it cannot be known."""

    def value(self, resource: Resource, path: JsonPath) -> Any: ...

    def is_unknown(self, value: Any) -> bool: ...


class _VarargsView(Protocol):
    def value(self, resource: Resource, *path: str | int) -> Any: ...


class AdaptedValues:
    """An `EvaluatedValues` over a view whose `value` takes the path as separate arguments,
    such as the ARM loader's `LoadedTemplate`, with its own unknown test:
    `AdaptedValues(loaded, lambda v: isinstance(v, Unknown))`."""

    def __init__(self, view: _VarargsView, is_unknown: Callable[[Any], bool]) -> None:
        self._view = view
        self._is_unknown = is_unknown
        self._known: dict[JsonPath, dict[str, Any]] = {}
        # a view that takes the path as one tuple (`LoadedTemplate.value_at`) is called with
        # it as is: unpacking and packing the path again cost a fifth of a lookup
        at = getattr(view, "value_at", None)
        self._lookup: Callable[[Resource, JsonPath], Any] = (
            at if callable(at) else lambda resource, path: view.value(resource, *path)
        )

    def value(self, resource: Resource, path: JsonPath) -> Any:
        """The view's value, evaluated once per (resource, path): rules of one run ask for
        the same fields (a VM's osProfile, an NSG's rules) again and again. (Kept by path,
        then by resource key: no key object per entry.)"""
        known = self._known.get(path)
        if known is None:
            known = self._known[path] = {}
        found = known.get(resource.key, _MISSING)
        if found is _MISSING:  # (a sentinel, not KeyError: half the lookups miss)
            found = known[resource.key] = self._lookup(resource, path)
        return found

    def body(self, resource: Resource) -> Any:
        """The whole evaluated body: the view's own cached one when it keeps one (the ARM
        loader's `evaluated`: asking `value(resource, ())` would evaluate it again), else the
        value at the empty path."""
        evaluated = getattr(self._view, "evaluated", None)
        if callable(evaluated):
            try:
                return evaluated(resource)
            except KeyError:
                pass
        return self.value(resource, ())

    def is_unknown(self, value: Any) -> bool:
        return self._is_unknown(value)


def is_expression(value: Any) -> bool:
    """A string ARM evaluates: it starts with '[' (but not the '[[' escape) and ends with ']'."""
    return (
        isinstance(value, str)
        and value.startswith("[")
        and not value.startswith("[[")
        and value.rstrip().endswith("]")
    )


class RawValues:
    """Raw values: expressions are unknown, '[[' escapes are unescaped, containers as written."""

    def value(self, resource: Resource, path: JsonPath) -> Any:
        current: Any = resource.body
        for step in path:
            if is_expression(current):
                return UNKNOWN
            if isinstance(step, int):
                if not isinstance(current, list) or not -len(current) <= step < len(current):
                    return None
                current = current[step]
            else:
                if not isinstance(current, dict):
                    return None
                current = _get_ci(current, step)
                if current is None:
                    return None
        if is_expression(current):
            return UNKNOWN
        if isinstance(current, str) and current.startswith("[["):
            return current[1:]
        return current

    def is_unknown(self, value: Any) -> bool:
        return value is UNKNOWN


def _get_ci(mapping: dict[str, Any], key: str) -> Any:
    """ARM property names are case-insensitive: an exact match first, then any case."""
    if key in mapping:
        return mapping[key]
    lowered = key.lower()
    for name, value in mapping.items():
        if name.lower() == lowered:
            return value
    return None


class RuleContext:
    """Shared by every rule of one run over one template."""

    def __init__(
        self,
        template: Template,
        values: EvaluatedValues | None = None,
        *,
        graph: nx.DiGraph | None = None,
        config: Config | None = None,
    ) -> None:
        self.template = template
        self.config = config
        """The run's configuration (the budget rule reads `budget_monthly_usd`), when known."""
        self.values: EvaluatedValues = values if values is not None else RawValues()
        self._graph = graph
        self._built_graph: nx.DiGraph | None = None
        """The graph this context built (not one it was given): `release` empties it."""
        # Rules read values and test them for unknowns ~100 times per template: over
        # `AdaptedValues`, read its memo and call its test directly (one call, not three).
        self._known: dict[JsonPath, dict[str, Any]] = {}
        self._lookup: Callable[[Resource, JsonPath], Any] | None = None
        self.is_unknown: Callable[[Any], bool] = self.values.is_unknown
        """Whether a value cannot be known before deployment."""
        if isinstance(self.values, AdaptedValues):
            self._known = self.values._known
            self._lookup = self.values._lookup
            self.is_unknown = self.values._is_unknown
        by_type: dict[str, list[Resource]] = {}
        for resource in template.resources:
            by_type.setdefault(resource.type_lower, []).append(resource)
        self.by_type: Mapping[str, list[Resource]] = by_type
        self._selections: dict[tuple[str, ...], tuple[Resource, ...]] = {}
        """`resources(*types)` answers, by the exact types asked: rules ask the same."""
        self.memo: dict[str, Any] = {}
        """What rules and the semantics layer derive from the template once and share (the
        network index, the exposures, the type misfits...), by name: one dict per run."""

    @cached_property
    def graph(self) -> nx.DiGraph:
        """The dependency graph (built on first use)."""
        if self._graph is None:
            from armc.model.graph import build_graph

            self._graph = self._built_graph = build_graph(self.template)
        return self._graph

    def release(self) -> None:
        """After the run: empty the graph this context built. A networkx graph and the edge
        views it caches refer to each other, so only the garbage collector could free it, and
        with it the template its nodes hold; emptied, the template goes with its last use."""
        if self._built_graph is not None:
            self._built_graph.clear()
            self._built_graph = None

    def resources(self, *types: str) -> tuple[Resource, ...]:
        """Resources of any of `types` (case-insensitive), in template order (shared: the
        same tuple for the same question)."""
        found = self._selections.get(types)
        if found is None:
            if len(types) == 1:
                found = tuple(self.by_type.get(types[0].lower(), ()))
            else:  # in template order: one type's list as is, several merged by a scan
                wanted = {t.lower() for t in types}
                present = [t for t in wanted if t in self.by_type]
                if len(present) <= 1:
                    found = tuple(self.by_type[present[0]]) if present else ()
                else:
                    found = tuple(r for r in self.template.resources if r.type_lower in wanted)
            self._selections[types] = found
        return found

    def value(self, resource: Resource, *path: str | int) -> Any:
        """The (evaluated) value at `path` in the resource body: None if absent."""
        known = self._known.get(path)
        if known is not None:
            found = known.get(resource.key, _MISSING)
            if found is not _MISSING:
                return found
        if self._lookup is None:
            return self.values.value(resource, path)
        if known is None:
            known = self._known[path] = {}
        found = known[resource.key] = self._lookup(resource, path)  # as AdaptedValues.value
        return found

    def span_of(self, path: JsonPath) -> Span | None:
        """The span of the value at `path`, or of its nearest ancestor that has one."""
        return self.template.span(path)
