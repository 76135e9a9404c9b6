"""How the semantics layer reads values: the part of `RuleContext` it needs, as a protocol."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, Protocol

from armc.model.template import JsonPath, Resource, Template


class ValueReader(Protocol):
    """Evaluated values of resource fields (`RuleContext` is one)."""

    template: Template

    def value(self, resource: Resource, *path: str | int) -> Any: ...

    def is_unknown(self, value: Any) -> bool: ...

    def resources(self, *types: str) -> Sequence[Resource]: ...


def known_text(reader: ValueReader, resource: Resource, *path: str | int) -> str | None:
    """The value at `path` as text when it is a known string or number, else None."""
    value = reader.value(resource, *path)
    if value is None or isinstance(value, bool) or reader.is_unknown(value):
        return None
    if isinstance(value, str | int):
        return str(value)
    return None


def known_list(
    reader: ValueReader, resource: Resource, *path: str | int
) -> Iterator[tuple[JsonPath, Any]]:
    """The items of the list at `path` with their sub-paths (nothing when absent or unknown)."""
    items = reader.value(resource, *path)
    if not isinstance(items, list):
        return
    for index in range(len(items)):
        yield (*path, index), reader.value(resource, *path, index)


def display_name(reader: ValueReader, resource: Resource) -> str:
    """The resource's evaluated name for messages, else its name as written, else its key."""
    name = known_text(reader, resource, "name")
    if name is not None:
        return name
    return resource.name if isinstance(resource.name, str) else resource.key


def raw_at(resource: Resource, *path: str | int) -> Any:
    """The value at `path` in the resource body as written (None when absent). Rules offer a
    fix only where the written value is a literal: an evaluated view may show a parameter's
    default where the template has an expression, and a fix must not replace the expression."""
    current: Any = resource.body
    for step in path:
        if isinstance(step, int) and isinstance(current, list) and 0 <= step < len(current):
            current = current[step]
        elif isinstance(step, str) and isinstance(current, dict):
            current = current.get(step)
        else:
            return None
    return current
