"""Small helpers rules share: walking raw values and finding parameter references.

References are found with a pattern over expression strings for now; once the ARM expression
parser lands (`armc.arm.expressions`) these helpers are the one place to port."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from armc.model.template import JsonPath, Template
from armc.semantics.reader import raw_at as raw_at  # shared with the semantics layer

_PARAMETER_REF = re.compile(r"\bparameters\s*\(\s*'((?:[^']|'')*)'\s*\)", re.IGNORECASE)
_VARIABLE_REF = re.compile(r"\bvariables\s*\(\s*'((?:[^']|'')*)'\s*\)", re.IGNORECASE)
_LIST_CALL = re.compile(r"\blist[A-Za-z]*\s*\(", re.IGNORECASE)

INTERNET_SOURCES = frozenset({"*", "0.0.0.0", "0.0.0.0/0", "internet", "any", "::/0", "/0"})


def walk_strings(value: Any, path: JsonPath = ()) -> Iterator[tuple[JsonPath, str]]:
    """Every string inside `value` (keys excluded), with its path, in document order.
    Iterative: a value nested a thousand levels deep is walked, not a RecursionError."""
    stack: list[tuple[JsonPath, Any]] = [(path, value)]
    while stack:
        where, item = stack.pop()
        if isinstance(item, str):
            yield where, item
        elif isinstance(item, dict):
            stack.extend(((*where, key), child) for key, child in reversed(item.items()))
        elif isinstance(item, list):
            stack.extend(((*where, i), child) for i, child in reversed(list(enumerate(item))))


def is_expression_text(text: str) -> bool:
    return text.startswith("[") and not text.startswith("[[")


def parameter_references(text: str) -> list[str]:
    """Names of parameters an expression string references (lower-cased), in order."""
    if not is_expression_text(text):
        return []
    return [m.group(1).replace("''", "'").lower() for m in _PARAMETER_REF.finditer(text)]


def variable_references(text: str) -> list[str]:
    """Names of variables an expression string references (lower-cased), in order."""
    if not is_expression_text(text):
        return []
    return [m.group(1).replace("''", "'").lower() for m in _VARIABLE_REF.finditer(text)]


def calls_list_function(text: str) -> bool:
    """True when an expression calls a list*() function (listKeys, listSecrets, ...)."""
    return is_expression_text(text) and _LIST_CALL.search(text) is not None


def template_strings(template: Template) -> Iterator[tuple[JsonPath, str]]:
    """Every string value of the template that may hold an expression, with its path."""
    for name, parameter in template.parameters.items():
        yield from walk_strings(parameter.body, parameter.path or ("parameters", name))
    for name, variable in template.variables.items():
        yield from walk_strings(variable, ("variables", name))
    for resource in template.resources:
        yield from walk_strings(resource.body, resource.path)
    for name, output in template.outputs.items():
        yield from walk_strings(output.body, output.path or ("outputs", name))
    functions = template.header.get("functions")
    if functions is not None:
        yield from walk_strings(functions, ("functions",))


def as_bool(value: Any) -> bool | None:
    """A JSON boolean, or a "true"/"false" string (ARM accepts both); None otherwise."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    return None


def is_literal(value: Any) -> bool:
    """A value written as is: not an expression string, not absent."""
    return value is not None and not (isinstance(value, str) and is_expression_text(value))
