"""Template values (JSON data whose strings may be ARM expressions) written as Bicep: objects
and arrays one member per line with 2-space indentation, expressions translated."""

from __future__ import annotations

from typing import Any

from armc.emit.bicep_expressions import Translator, code, literal
from armc.emit.bicep_text import object_key
from armc.emit.json_text import is_expression

INDENT = "  "


def render(value: Any, translator: Translator, level: int = 0) -> str:
    """`value` as a Bicep expression whose continuation lines are indented `level` steps."""
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = INDENT * (level + 1)
        lines = [
            f"{inner}{object_key(key)}: {render(item, translator, level + 1)}"
            for key, item in value.items()
        ]
        return "{\n" + "\n".join(lines) + "\n" + INDENT * level + "}"
    if isinstance(value, list):
        if not value:
            return "[]"
        inner = INDENT * (level + 1)
        lines = [inner + render(item, translator, level + 1) for item in value]
        return "[\n" + "\n".join(lines) + "\n" + INDENT * level + "]"
    if isinstance(value, str):
        if is_expression(value):
            return code(translator.expression(value)).text
        if value.startswith("[["):
            value = value[1:]
    return code(literal(value)).text
