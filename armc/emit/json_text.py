"""JSON encoding shared by the emitters: no HTML escaping, no ASCII escaping, stable layout."""

from __future__ import annotations

import json
from typing import Any


def encode(value: Any) -> str:
    """A JSON value on one line, as a Jinja filter. Unlike `|tojson`, `'`, `<`, `>` and `&`
    stay as they are: what the template says is what ARM reads."""
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(", ", ": "))


def canonical(value: Any) -> str:
    """The canonical file form: 2-space indent, keys in model order, a final newline."""
    return json.dumps(value, ensure_ascii=False, allow_nan=False, indent=2) + "\n"


class DuplicateKeyError(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise DuplicateKeyError(f"rendered JSON has a duplicate key {key!r}")
        result[key] = value
    return result


def parse_strict(text: str) -> Any:
    """Parse a rendering back: strict JSON, no duplicate keys, no NaN. Raises on a renderer bug."""

    def no_constants(name: str) -> Any:
        raise ValueError(f"rendered JSON contains {name}")

    return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=no_constants)


def arm_literal(text: str) -> str:
    """A literal string as ARM must store it: one beginning with `[` is escaped as `[[`."""
    return "[" + text if text.startswith("[") else text


def is_expression(value: Any) -> bool:
    """True for an ARM template expression string `[...]` (not the `[[` literal escape)."""
    return (
        isinstance(value, str)
        and value.startswith("[")
        and value.endswith("]")
        and not value.startswith("[[")
    )
