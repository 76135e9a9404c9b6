"""Small helpers rules share: walking raw values and finding parameter references.

References are found with a pattern over expression strings for now; once the ARM expression
parser lands (`armc.arm.expressions`) these helpers are the one place to port."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from armc.model.template import JsonPath, Template
from armc.semantics.reader import raw_at as raw_at  # shared with the semantics layer

_PARAMETER_REF = re.compile(r"\bparameters\s*\(\s*'((?:[^']|'')*)'\s*\)", re.IGNORECASE)
_VARIABLE_REF = re.compile(r"\bvariables\s*\(\s*'((?:[^']|'')*)'\s*\)", re.IGNORECASE)
_JOINED = {  # the same patterns for NUL-joined strings: a name never spans a NUL
    pattern: re.compile(pattern.pattern.replace("[^']", "[^'\\x00]"), re.IGNORECASE)
    for pattern in (_PARAMETER_REF, _VARIABLE_REF)
}
_LIST_CALL = re.compile(r"\blist[A-Za-z]*\s*\(", re.IGNORECASE)

INTERNET_SOURCES = frozenset({"*", "0.0.0.0", "0.0.0.0/0", "internet", "any", "::/0", "/0"})


def walk_strings(value: Any, path: JsonPath = ()) -> Iterator[tuple[JsonPath, str]]:
    """Every string inside `value` (keys excluded), with its path, in document order.
    Iterative: a value nested a thousand levels deep is walked, not a RecursionError.
    (A stack of child iterators: a path is built only for strings and containers.)"""
    if isinstance(value, str):
        yield path, value
        return
    if not isinstance(value, dict | list):
        return
    stack: list[tuple[JsonPath, Iterator[tuple[Any, Any]]]] = [(path, _children(value))]
    while stack:
        where, children = stack[-1]
        for key, child in children:
            if isinstance(child, str):
                yield (*where, key), child
            elif isinstance(child, dict | list):
                stack.append(((*where, key), _children(child)))
                break
        else:
            stack.pop()


def _children(value: dict[str, Any] | list[Any]) -> Iterator[tuple[Any, Any]]:
    return iter(value.items()) if isinstance(value, dict) else enumerate(value)


def is_expression_text(text: str) -> bool:
    return text.startswith("[") and not text.startswith("[[")


def parameter_references(text: str) -> list[str]:
    """Names of parameters an expression string references (lower-cased), in order."""
    if not is_expression_text(text):
        return []
    return list(_references(text, _PARAMETER_REF))


def variable_references(text: str) -> list[str]:
    """Names of variables an expression string references (lower-cased), in order."""
    if not is_expression_text(text):
        return []
    return list(_references(text, _VARIABLE_REF))


@functools.lru_cache(maxsize=16384)
def _references(text: str, pattern: re.Pattern[str]) -> tuple[str, ...]:
    """Memoised: templates repeat the same expressions (several rules scan every one)."""
    return tuple(m.group(1).replace("''", "'").lower() for m in pattern.finditer(text))


def calls_list_function(text: str) -> bool:
    """True when an expression calls a list*() function (listKeys, listSecrets, ...)."""
    return is_expression_text(text) and _LIST_CALL.search(text) is not None


@dataclass(frozen=True, slots=True)
class Declaration:
    """The strings of one top-level declaration (a parameter, variable, resource, output or the
    functions), without their paths: what reference and text scans need."""

    section: str
    name: str
    texts: tuple[str, ...]

    @property
    def expressions(self) -> list[str]:
        return [t for t in self.texts if t.startswith("[") and not t.startswith("[[")]


def declarations(template: Template) -> tuple[Declaration, ...]:
    """Every string of the template grouped by declaration (shared like `template_strings`)."""
    cache = _DECLARATIONS.get()
    if cache is None:
        return _declarations(template)
    entry = cache.get(id(template))
    if entry is None or entry[0] is not template:
        entry = (template, _declarations(template))
        cache[id(template)] = entry
    return entry[1]


def used_parameters(template: Template) -> set[str]:
    """Lower-cased names of the parameters the template's expressions reference (a
    parameter's own declaration referencing itself is not a use)."""
    return _used(template, _PARAMETER_REF, "parameters")


def used_variables(template: Template) -> set[str]:
    """Lower-cased names of the variables the template's expressions reference (a variable
    referencing itself is not a use)."""
    return _used(template, _VARIABLE_REF, "variables")


def _used(template: Template, pattern: re.Pattern[str], section: str) -> set[str]:
    used: set[str] = set()
    for declaration in declarations(template):
        expressions = declaration.expressions
        if not expressions:
            continue
        found = _scan(expressions, pattern)
        if declaration.section == section:
            found.discard(declaration.name.lower())
        used |= found
    return used


def _scan(expressions: list[str], pattern: re.Pattern[str]) -> set[str]:
    """The references in `expressions`: one scan of their NUL-joined text (no reference
    pattern crosses a NUL) unless a string holds a NUL itself (then one scan per string)."""
    joined = "\0".join(expressions)
    if joined.count("\0") != len(expressions) - 1:
        return {ref for text in expressions for ref in _references(text, pattern)}
    return {m.group(1).replace("''", "'").lower() for m in _JOINED[pattern].finditer(joined)}


def template_strings(template: Template) -> Iterator[tuple[JsonPath, str]]:
    """Every string value of the template that may hold an expression, with its path.

    Inside `shared_walks()` (the engine opens one per run) the walk is done once per template
    and replayed for every rule that asks."""
    cache = _WALKS.get()
    if cache is None:
        return _template_strings(template)
    entry = cache.get(id(template))
    if entry is None or entry[0] is not template:
        entry = (template, tuple(_template_strings(template)))
        cache[id(template)] = entry
    return iter(entry[1])


_WALKS: ContextVar[dict[int, tuple[Template, tuple[tuple[JsonPath, str], ...]]] | None] = (
    ContextVar("armc_template_walks", default=None)
)


@contextmanager
def shared_walks() -> Iterator[None]:
    """Within the block, `template_strings` walks each template once (templates must not
    change inside it: the engine opens it around the rules of one run)."""
    token = _WALKS.set({})
    declared = _DECLARATIONS.set({})
    try:
        yield
    finally:
        _DECLARATIONS.reset(declared)
        _WALKS.reset(token)


_DECLARATIONS: ContextVar[dict[int, tuple[Template, tuple[Declaration, ...]]] | None] = ContextVar(
    "armc_template_declarations", default=None
)


def _declarations(template: Template) -> tuple[Declaration, ...]:
    found: list[Declaration] = []
    for name, parameter in template.parameters.items():
        found.append(Declaration("parameters", name, _texts(parameter.body)))
    for name, variable in template.variables.items():
        found.append(Declaration("variables", name, _texts(variable)))
    for resource in template.resources:
        found.append(Declaration("resources", resource.key, _texts(resource.body)))
    for name, output in template.outputs.items():
        found.append(Declaration("outputs", name, _texts(output.body)))
    functions = template.header.get("functions")
    if functions is not None:
        found.append(Declaration("functions", "", _texts(functions)))
    return tuple(found)


def _texts(value: Any) -> tuple[str, ...]:
    """Every string inside `value` (keys excluded), without paths, in no particular order."""
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, dict | list):
        return ()
    found: list[str] = []
    append = found.append
    stack: list[dict[str, Any] | list[Any]] = [value]
    pop, push = stack.pop, stack.append
    while stack:
        item = pop()
        for child in item.values() if isinstance(item, dict) else item:
            if isinstance(child, str):
                append(child)
            elif isinstance(child, dict | list):
                push(child)
    return tuple(found)


def _template_strings(template: Template) -> Iterator[tuple[JsonPath, str]]:
    found: list[tuple[JsonPath, str]] = []
    for name, parameter in template.parameters.items():
        _strings_into(found, parameter.body, parameter.path or ("parameters", name))
    for name, variable in template.variables.items():
        _strings_into(found, variable, ("variables", name))
    for resource in template.resources:
        _strings_into(found, resource.body, resource.path)
    for name, output in template.outputs.items():
        _strings_into(found, output.body, output.path or ("outputs", name))
    functions = template.header.get("functions")
    if functions is not None:
        _strings_into(found, functions, ("functions",))
    return iter(found)


def _strings_into(found: list[tuple[JsonPath, str]], value: Any, path: JsonPath) -> None:
    """`found.extend(walk_strings(value, path))`, without a generator per value."""
    if isinstance(value, str):
        found.append((path, value))
        return
    if not isinstance(value, dict | list):
        return
    stack: list[tuple[JsonPath, Iterator[tuple[Any, Any]]]] = [(path, _children(value))]
    append = found.append
    while stack:
        where, children = stack[-1]
        for key, child in children:
            if isinstance(child, str):
                append(((*where, key), child))
            elif isinstance(child, dict | list):
                stack.append(((*where, key), _children(child)))
                break
        else:
            stack.pop()


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
