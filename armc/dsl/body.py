"""Build one ARM resource body while recording the DSL span of every value set."""

from __future__ import annotations

from typing import Any

from armc.model.template import JsonPath
from armc.source import Span


class Body:
    """A JSON object built by paths, in insertion order, with a span per set path."""

    __slots__ = ("data", "spans")

    def __init__(self) -> None:
        self.data: dict[str, Any] = {}
        self.spans: list[tuple[JsonPath, Span]] = []

    def set(self, path: JsonPath, value: Any, span: Span | None = None) -> None:
        node: Any = self.data
        for key in path[:-1]:
            node = node.setdefault(key, {}) if isinstance(node, dict) else node[key]
        node[path[-1]] = value
        if span is not None:
            self.spans.append((path, span))

    def span(self, path: JsonPath, span: Span | None) -> None:
        if span is not None:
            self.spans.append((path, span))

    def get(self, path: JsonPath) -> Any:
        node: Any = self.data
        for key in path:
            node = node[key]
        return node
