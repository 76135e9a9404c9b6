"""JSON encoding shared by the emitters: no HTML escaping, no ASCII escaping, stable layout."""

from __future__ import annotations

import json
from typing import Any

import orjson

from armc.model.template import NO_DEFAULT


def encode(value: Any) -> str:
    """A JSON value on one line, as a Jinja filter. Unlike `|tojson`, `'`, `<`, `>` and `&`
    stay as they are: what the template says is what ARM reads."""
    try:
        return orjson.dumps(value).decode("utf-8")
    except orjson.JSONEncodeError:  # integers beyond 64 bits: the stdlib writes them
        return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def canonical(value: Any) -> str:
    """The canonical file form: 2-space indent, keys in model order, a final newline.

    orjson writes exactly what `json.dumps(indent=2, ensure_ascii=False)` writes for strings,
    integers and containers (a test holds it to that), 20 times faster; floats use orjson's
    shortest round-trip form."""
    try:
        return orjson.dumps(value, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE).decode(
            "utf-8"
        )
    except orjson.JSONEncodeError:
        return json.dumps(value, ensure_ascii=False, allow_nan=False, indent=2) + "\n"


def parse(text: str) -> Any:
    """Parse a rendering back (strict RFC 8259 JSON: no NaN, no comments). Raises on a bug."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text, parse_constant=_no_constants)  # exact message, or big ints


def _no_constants(name: str) -> Any:
    raise ValueError(f"rendered JSON contains {name}")


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
    """`parse`, and no duplicate keys either (slower; the tests hold the resource template to
    it, since a duplicate member could only come from a template bug)."""

    return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constants)


def arm_literal(text: str) -> str:
    """A literal string as ARM must store it: `[...]` is escaped as `[[...]` (a string that does
    not end with `]` is never read as an expression, so it stays as it is)."""
    return "[" + text if text.startswith("[") and text.endswith("]") else text


def is_expression(value: Any) -> bool:
    """True for an ARM template expression string `[...]` (not the `[[` literal escape)."""
    return (
        isinstance(value, str)
        and value.startswith("[")
        and value.endswith("]")
        and not value.startswith("[[")
    )


def is_literal(value: Any) -> bool:
    """A plain value: not missing, and no template expression anywhere inside it."""
    if value is NO_DEFAULT or is_expression(value):
        return False
    if isinstance(value, dict):
        return all(is_literal(v) for v in value.values())
    if isinstance(value, list):
        return all(is_literal(v) for v in value)
    return True
