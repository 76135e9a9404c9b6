"""The one template model: what the DSL lowers into and what the ARM JSON loader produces.

Values are kept as ARM writes them (plain JSON data; template expressions stay strings such as
"[parameters('x')]"), so both back-ends and every rule read one shape. Locations live beside the
values in a `SourceMap` keyed by the JSON path of the value in the template document, e.g.
`("resources", 3, "properties", "osProfile")`. For ARM input the spans point into the JSON file;
for DSL input they point at the `.armc` text that produced the value.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Generic, Literal, TypeVar, overload

from armc.model.located import LOCATION_SLOTS, FindSpan, Located
from armc.perf import slot_setters
from armc.source import Span

JsonPath = tuple[str | int, ...]
"""A path from the template document root to a value."""

Origin = Literal["arm", "dsl"]
DependencyKind = Literal["explicit", "implicit", "parent"]


def json_type(value: Any, other: str = "unknown") -> str:
    """The ARM/JSON name of a value's type (bool, int, number, string, array, object, null);
    `other` for anything else (an unknown value, an expression object)."""
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    if value is None:
        return "null"
    return other


class _NoDefault:
    """Sentinel for a parameter without a default value."""

    _instance: _NoDefault | None = None

    def __new__(cls) -> _NoDefault:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "NO_DEFAULT"

    def __bool__(self) -> bool:
        return False


NO_DEFAULT = _NoDefault()

_T = TypeVar("_T")


class _kept(Generic[_T]):  # lower case: a decorator, like property
    """`functools.cached_property` without its lock: the value is computed on first use and
    stored in the instance, where later reads find it before this descriptor. (Python 3.11's
    cached_property takes a lock at each first use: three times the cost, for every resource
    and parameter a template loads.)"""

    __slots__ = ("func", "name")

    def __init__(self, func: Callable[[Any], _T]) -> None:
        self.func = func
        self.name = func.__name__

    @overload
    def __get__(self, instance: None, owner: type) -> _kept[_T]: ...

    @overload
    def __get__(self, instance: object, owner: type) -> _T: ...

    def __get__(self, instance: object | None, owner: type) -> _kept[_T] | _T:
        if instance is None:
            return self
        value = self.func(instance)
        instance.__dict__[self.name] = value
        return value


class SourceMap:
    """Spans of template values by JSON path; lookups fall back to the nearest ancestor."""

    __slots__ = ("_spans",)

    def __init__(self, spans: dict[JsonPath, Span] | None = None) -> None:
        self._spans: dict[JsonPath, Span] = spans if spans is not None else {}

    def set(self, path: JsonPath, span: Span) -> None:
        self._spans[path] = span

    def set_default(self, path: JsonPath, span: Span) -> None:
        self._spans.setdefault(path, span)

    def exact(self, path: JsonPath) -> Span | None:
        return self._spans.get(path)

    def get(self, path: JsonPath) -> Span | None:
        """The span of `path`, or of its nearest ancestor that has one."""
        spans = self._spans
        for end in range(len(path), -1, -1):
            span = spans.get(path[:end])
            if span is not None:
                return span
        return None

    def rebase(self, old: JsonPath, new: JsonPath) -> None:
        """Move every span below `old` to the same relative place below `new`."""
        size = len(old)
        moved = {p: s for p, s in self._spans.items() if p[:size] == old}
        for path in moved:
            del self._spans[path]
        for path, span in moved.items():
            self._spans[new + path[size:]] = span

    def items(self) -> Iterator[tuple[JsonPath, Span]]:
        return iter(self._spans.items())

    def __len__(self) -> int:
        return len(self._spans)


@dataclass
class Parameter:
    """A template parameter; `body` is its ARM declaration (type, defaultValue, ...).

    `type` and `secure` are worked out on first use and kept (rules ask them of every
    parameter, again and again): the declaration's `type` is not changed afterwards."""

    name: str
    body: dict[str, Any]
    path: JsonPath

    @_kept
    def type(self) -> str:
        value = self.body.get("type", "")
        return value.lower() if isinstance(value, str) else ""

    @_kept
    def secure(self) -> bool:
        return self.type in ("securestring", "secureobject")

    @property
    def default(self) -> Any:
        return self.body.get("defaultValue", NO_DEFAULT)

    @property
    def allowed_values(self) -> list[Any] | None:
        value = self.body.get("allowedValues")
        return value if isinstance(value, list) else None

    @property
    def description(self) -> str | None:
        metadata = self.body.get("metadata")
        if isinstance(metadata, dict) and isinstance(metadata.get("description"), str):
            return str(metadata["description"])
        return None


@dataclass
class Output:
    name: str
    body: dict[str, Any]
    path: JsonPath

    @property
    def type(self) -> str:
        value = self.body.get("type", "")
        return value.lower() if isinstance(value, str) else ""


class Dependency(Located):
    """`source` depends on `target` (resource keys); `path` is where the reference is written.

    Immutable. `span` may be given, or computed on first use by `where` (a front-end that
    finds thousands of references per template locates only those a report shows)."""

    __slots__ = ("kind", "path", "target")

    target: str
    kind: DependencyKind
    path: JsonPath

    def __init__(
        self,
        target: str,
        kind: DependencyKind,
        span: Span | None = None,
        path: JsonPath = (),
        *,
        where: FindSpan | None = None,
    ) -> None:
        set_target, set_kind, set_path = _DEPENDENCY_SLOTS
        set_target(self, target)  # the slots' own setters: __setattr__ refuses
        set_kind(self, kind)
        set_path(self, path)
        set_span, set_find = LOCATION_SLOTS
        set_span(self, span)
        set_find(self, where)

    def _key(self) -> tuple[str, str, Span | None, JsonPath]:
        return (self.target, self.kind, self.span, self.path)

    def __repr__(self) -> str:
        return (
            f"Dependency(target={self.target!r}, kind={self.kind!r}, span={self.span!r}, "
            f"path={self.path!r})"
        )


_DEPENDENCY_SLOTS = slot_setters(Dependency, "target", "kind", "path")


@dataclass
class Resource:
    """One resource declaration (or, for an expanded copy loop, one instance of it).

    `key` is unique within the template: the symbolic name (DSL, languageVersion 2.0) or
    `type/name` as ARM identifies it. `body` is the full ARM resource object with raw values;
    inline child resources are taken out of it and listed in `Template.resources` with
    `parent` set. `dependencies` are filled by the front-end: explicit dependsOn entries,
    implicit references (resourceId(), reference(), symbolic references) and parent/child."""

    key: str
    type: str
    api_version: str
    name: Any
    body: dict[str, Any]
    path: JsonPath
    dependencies: list[Dependency] = field(default_factory=list)
    parent: str | None = None
    copy_index: int | None = None

    @property
    def properties(self) -> dict[str, Any]:
        value = self.body.get("properties")
        return value if isinstance(value, dict) else {}

    @property
    def condition(self) -> Any:
        return self.body.get("condition")

    @property
    def copy(self) -> dict[str, Any] | None:
        value = self.body.get("copy")
        return value if isinstance(value, dict) else None

    @property
    def existing(self) -> bool:
        return self.body.get("existing") is True

    @_kept
    def type_lower(self) -> str:
        """`type` in lower case, kept after the first use (rules compare it for every
        resource; `type` is not changed once the resource is made)."""
        return self.type.lower()


@dataclass
class Template:
    """A whole deployment template.

    `header` keeps the top-level members that are not parameters, variables, resources or
    outputs ($schema, contentVersion, languageVersion, metadata, functions, apiProfile)."""

    file: str
    origin: Origin
    header: dict[str, Any] = field(default_factory=dict)
    parameters: dict[str, Parameter] = field(default_factory=dict)
    variables: dict[str, Any] = field(default_factory=dict)
    resources: list[Resource] = field(default_factory=list)
    outputs: dict[str, Output] = field(default_factory=dict)
    source_map: SourceMap = field(default_factory=SourceMap)
    notes: dict[str, list[str]] = field(default_factory=dict)
    """Why the compiler chose a value, by resource key (`armc explain FILE --resource`)."""

    def resource(self, key: str) -> Resource | None:
        for resource in self.resources:
            if resource.key == key:
                return resource
        return None

    def resources_of_type(self, type_name: str) -> list[Resource]:
        wanted = type_name.lower()
        return [r for r in self.resources if r.type_lower == wanted]

    def span(self, path: JsonPath) -> Span | None:
        return self.source_map.get(path)
