"""Template values (JSON data whose strings may be ARM expressions) written as Bicep: objects
and arrays one member per line with 2-space indentation, expressions translated, ARM's loops
(`"copy": [{"name", "count", "input"}]`) as `[for i in range(0, count): ...]`."""

from __future__ import annotations

from typing import Any

from armc.arm.expressions import unescape_literal
from armc.emit.bicep_code import TranslationError, code, literal
from armc.emit.bicep_expressions import Translator
from armc.emit.bicep_text import object_key
from armc.emit.json_text import is_expression

INDENT = "  "


def render(value: Any, translator: Translator, level: int = 0) -> str:
    """`value` as a Bicep expression whose continuation lines are indented `level` steps.

    An object's property loops become one member each, `name: [for i in ...: input]`."""
    if isinstance(value, dict):
        loops = property_loops(value)
        members = [
            (object_key(k), render(v, translator, level + 1))
            for k, v in value.items()
            if not (loops and k == "copy")
        ]
        members += [
            (object_key(str(c["name"])), loop(c, "input", translator, level + 1)) for c in loops
        ]
        if not members:
            return "{}"
        inner = INDENT * (level + 1)
        lines = [f"{inner}{key}: {text}" for key, text in members]
        return "{\n" + "\n".join(lines) + "\n" + INDENT * level + "}"
    if isinstance(value, list):
        if not value:
            return "[]"
        inner = INDENT * (level + 1)
        items = [inner + render(item, translator, level + 1) for item in value]
        return "[\n" + "\n".join(items) + "\n" + INDENT * level + "]"
    if isinstance(value, str):
        if is_expression(value):
            return code(translator.expression(value)).text
        value = unescape_literal(value)
    return code(literal(value)).text


def property_loops(value: dict[str, Any]) -> list[dict[str, Any]]:
    """The loops of an object (ARM's `copy` array of name/count/input), or none."""
    copies = value.get("copy")
    if not isinstance(copies, list):
        return []
    if not all(isinstance(c, dict) and {"name", "count", "input"} <= c.keys() for c in copies):
        raise TranslationError("a 'copy' loop needs name, count and input in every entry")
    return copies


def loop(copy: dict[str, Any], member: str, translator: Translator, level: int) -> str:
    """`[for i in range(0, count): <copy[member]>]`, with `copyIndex('name')` bound to `i`."""
    count = render(copy.get("count"), translator, level)
    loops = translator.scope.loops
    variable = loop_variable(translator.scope.declared | set(loops.values()))
    saved = dict(loops)
    loops[str(copy.get("name", "")).lower()] = variable
    try:
        body = render(copy.get(member), translator, level)
    finally:
        loops.clear()
        loops.update(saved)
    return f"[for {variable} in range(0, {count}): {body}]"


def loop_variable(taken: frozenset[str] | set[str]) -> str:
    """`i`, else the first free of `j`, `k`, `i2`, `i3`, ..."""
    for candidate in ("i", "j", "k"):
        if candidate not in taken:
            return candidate
    counter = 2
    while f"i{counter}" in taken:
        counter += 1
    return f"i{counter}"
