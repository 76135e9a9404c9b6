"""Bicep expressions as text: precedence, string values with interpolations, literals, and
the parenthesising of operands."""

from __future__ import annotations

import re
from dataclasses import dataclass

from armc.emit.bicep_text import escape, quote

# Operator precedence, loosest first (Bicep's table).
TERNARY, COALESCE, OR, AND, EQUALITY, RELATIONAL, ADDITIVE, MULTIPLICATIVE, UNARY, PRIMARY = range(
    1, 11
)


class TranslationError(Exception):
    """An ARM expression that Bicep cannot say (the message names the construct)."""


@dataclass(frozen=True)
class Code:
    """A Bicep expression and its precedence."""

    text: str
    precedence: int = PRIMARY


@dataclass(frozen=True)
class Text:
    """A string value: literal pieces and interpolated expressions."""

    parts: tuple[str | Code, ...]

    @property
    def code(self) -> Code:
        return Code(render_text(self.parts))


Expr = Code | Text


def code(expr: Expr) -> Code:
    return expr.code if isinstance(expr, Text) else expr


def render_text(parts: tuple[str | Code, ...]) -> str:
    body = "".join(escape(p) if isinstance(p, str) else "${" + p.text + "}" for p in parts)
    return "'" + body + "'"


def literal(value: object) -> Expr:
    if isinstance(value, str):
        return Text((value,))
    if value is None:
        return Code("null")
    if isinstance(value, bool):
        return Code("true" if value else "false")
    if isinstance(value, int):
        return Code(str(value), UNARY if value < 0 else PRIMARY)
    if isinstance(value, float):
        return Code(f"json({quote(repr(value))})")
    raise TranslationError(f"unexpected literal {value!r}")


def as_parts(value: Expr) -> tuple[str | Code, ...]:
    """A value's pieces in a string: an integer literal is its digits."""
    if isinstance(value, Text):
        return value.parts
    return (value.text,) if re.fullmatch(r"-?\d+", value.text) else (value,)


def merge(parts: list[str | Code]) -> tuple[str | Code, ...]:
    """Adjacent literal pieces joined, empty ones dropped."""
    out: list[str | Code] = []
    for part in parts:
        if isinstance(part, str):
            if not part:
                continue
            if out and isinstance(out[-1], str):
                out[-1] = out[-1] + part
                continue
        out.append(part)
    return tuple(out) if out else ("",)


def wrap(expr: Code, minimum: int) -> str:
    """`expr` as an operand that must bind at least as tightly as `minimum`."""
    return expr.text if expr.precedence >= minimum else f"({expr.text})"


def binary(left: Code, operator: str, right: Code, precedence: int) -> Code:
    """`left op right`. An operand that is itself an operation is parenthesised, bar the left
    operand of a chain of one operator class (`a && b && c`): as `bicep decompile` and the
    quickstarts write it (`(a == 'x') || (b == 'y')`), and as pycep-parser, which knows no
    operator precedence, reads it correctly."""
    left_text = left.text if left.precedence in (precedence, PRIMARY) else f"({left.text})"
    return Code(f"{left_text} {operator} {wrap(right, PRIMARY)}", precedence)
