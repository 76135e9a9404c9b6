"""Compile-time values: constants folded at compile time, or ARM expressions for run time.

`Const` holds plain data; `Arm` holds the text of an ARM template expression *without* the
surrounding brackets (`parameters('env')`); `ListValue`/`DictValue` hold a mix of both, which
lowers to a JSON array/object whose members may be expression strings.

Convention in the template model: every string that begins with `[` and ends with `]` IS an
ARM expression. A user literal of that shape is stored escaped as `[[...]` (ARM's own escape),
so the emitter must not escape model strings again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from armc.model.template import json_type

ValueType = str  # "string", "int", "bool", "array", "object", "null", "any"


@dataclass(frozen=True, slots=True)
class Const:
    value: Any

    @property
    def type(self) -> ValueType:
        return type_of(self.value)


@dataclass(frozen=True, slots=True)
class Arm:
    text: str
    type: ValueType = "any"


@dataclass(frozen=True, slots=True)
class ListValue:
    items: tuple[Value, ...]

    @property
    def type(self) -> ValueType:
        return "array"


@dataclass(frozen=True, slots=True)
class DictValue:
    entries: tuple[tuple[str, Value], ...]

    @property
    def type(self) -> ValueType:
        return "object"


Value = Const | Arm | ListValue | DictValue

COPY_INDEX = Arm("copyIndex()", "int")
Position = int | Arm | None
"""Where a counted declaration's instance stands: a compile-time index, `COPY_INDEX` inside an
ARM copy loop (a count known only at deployment), or None for an uncounted declaration."""


def type_of(value: Any) -> ValueType:
    return json_type(value, other="any")


def is_const(value: Value) -> bool:
    if isinstance(value, Const):
        return True
    if isinstance(value, ListValue):
        return all(is_const(v) for v in value.items)
    if isinstance(value, DictValue):
        return all(is_const(v) for _, v in value.entries)
    return False


def const_value(value: Value) -> Any:
    """The Python value of a constant `Value` (callers check `is_const` first)."""
    if isinstance(value, Const):
        return value.value
    if isinstance(value, ListValue):
        return [const_value(v) for v in value.items]
    if isinstance(value, DictValue):
        return {k: const_value(v) for k, v in value.entries}
    raise ValueError("not a constant")


def escape_literal(text: str) -> str:
    """A literal string as the template model stores it (`[x]` would read as an expression)."""
    if text.startswith("[") and text.endswith("]"):
        return "[" + text
    return text


def literal_json(value: Any) -> Any:
    """Plain data with every string escaped as `escape_literal` does."""
    if isinstance(value, str):
        return escape_literal(value)
    if isinstance(value, list):
        return [literal_json(v) for v in value]
    if isinstance(value, dict):
        return {k: literal_json(v) for k, v in value.items()}
    return value


def to_json(value: Value) -> Any:
    """The value as it is written in a template body."""
    if isinstance(value, Const):
        return literal_json(value.value)
    if isinstance(value, Arm):
        return f"[{value.text}]"
    if isinstance(value, ListValue):
        return [to_json(v) for v in value.items]
    return {k: to_json(v) for k, v in value.entries}


def arm_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def arm_text(value: Value) -> str:
    """The value as an ARM expression (for use inside another expression)."""
    if isinstance(value, Arm):
        return value.text
    if isinstance(value, ListValue):
        return "createArray(" + ", ".join(arm_text(v) for v in value.items) + ")"
    if isinstance(value, DictValue):
        parts = [f"{arm_string(k)}, {arm_text(v)}" for k, v in value.entries]
        return "createObject(" + ", ".join(parts) + ")"
    return arm_literal(value.value)


def arm_literal(value: Any) -> str:
    if value is None:
        return "null()"
    if isinstance(value, bool):
        return "true()" if value else "false()"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return arm_string(value)
    if isinstance(value, list):
        return "createArray(" + ", ".join(arm_literal(v) for v in value) + ")"
    if isinstance(value, dict):
        parts = [f"{arm_string(str(k))}, {arm_literal(v)}" for k, v in value.items()]
        return "createObject(" + ", ".join(parts) + ")"
    raise TypeError(f"not a JSON value: {value!r}")


def display(value: Any) -> str:
    """A constant as text inside an interpolated string."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    return str(value)
