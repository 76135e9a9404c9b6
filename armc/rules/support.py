"""Small helpers rules share: walking raw values and finding parameter references.

References are found with a pattern over expression strings for now; once the ARM expression
parser lands (`armc.arm.expressions`) these helpers are the one place to port."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from itertools import chain
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from armc.model.template import JsonPath, Template
from armc.semantics.reader import raw_at as raw_at  # shared with the semantics layer

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext

_PARAMETER_REF = re.compile(r"\bparameters\s*\(\s*'((?:[^']|'')*)'\s*\)", re.IGNORECASE)
_VARIABLE_REF = re.compile(r"\bvariables\s*\(\s*'((?:[^']|'')*)'\s*\)", re.IGNORECASE)
_BOTH = re.compile(  # both, on lower-cased NUL-joined expressions: a name never spans a NUL
    # `\b(parameters|variables)` written as lookbehinds after the words: a pattern that starts
    # with literals is searched for faster than one that starts with `\b`
    r"(parameters|variables)(?<!\wparameters)(?<!\wvariables)\s*\(\s*'((?:[^'\x00]|'')*)'\s*\)"
)
_LIST_CALL = re.compile(r"\blist[A-Za-z]*\s*\(", re.IGNORECASE)

_CONTAINERS = (dict, list)  # a tuple: `dict | list` in a loop builds a union object each time

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
            elif isinstance(child, _CONTAINERS):
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


class Declaration(NamedTuple):
    """The strings of one top-level declaration (a parameter, variable, resource, output or the
    functions), without their paths: what reference and text scans need. (A named tuple: a
    template has dozens, made on every run.)"""

    section: str
    name: str
    value: Any
    path: JsonPath
    """Where the declaration is: the root of the paths `walk_strings(value, path)` gives."""
    texts: tuple[str, ...]
    expressions: tuple[str, ...]
    """The expression strings among `texts`."""


@dataclass(frozen=True, slots=True)
class UsedNames:
    """Lower-cased names of the parameters and variables that expressions reference (a
    declaration referencing itself is not a use)."""

    parameters: frozenset[str]
    variables: frozenset[str]


_T = TypeVar("_T")
_MEMO: ContextVar[dict[tuple[str, int], tuple[Template, Any]] | None] = ContextVar(
    "armc_template_walks", default=None
)


def _shared(kind: str, template: Template, compute: Callable[[Template], _T]) -> _T:
    """`compute(template)`, done once per template inside `shared_walks()`."""
    cache = _MEMO.get()
    if cache is None:
        return compute(template)
    entry = cache.get((kind, id(template)))
    if entry is None or entry[0] is not template:
        entry = cache[(kind, id(template))] = (template, compute(template))
    result: _T = entry[1]
    return result


@contextmanager
def shared_walks() -> Iterator[None]:
    """Within the block, the walks below are done once per template and shared by every rule
    that asks (templates must not change inside it: the engine opens it around the rules of
    one run)."""
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)


def declarations(template: Template) -> tuple[Declaration, ...]:
    """Every string of the template grouped by declaration."""
    return _shared("declarations", template, _declarations)


def used_names(template: Template) -> UsedNames:
    """The parameters and variables the template's expressions use."""
    return _shared("used", template, _used_names)


def template_strings(template: Template) -> Iterator[tuple[JsonPath, str]]:
    """Every string value of the template that may hold an expression, with its path, in
    document order (each declaration's strings, walked with their paths)."""
    for declaration in declarations(template):
        yield from walk_strings(declaration.value, declaration.path)


def _used_names(template: Template) -> UsedNames:
    parameters: set[str] = set()
    variables: set[str] = set()
    rest: list[str] = []  # expressions where a reference cannot be a self-reference
    for declaration in declarations(template):
        if not declaration.expressions:
            continue
        if declaration.section not in ("parameters", "variables"):
            rest.extend(declaration.expressions)
            continue
        own = declaration.name.lower()
        for kind, name in _scan(declaration.expressions):
            if kind == "p":
                if not (declaration.section == "parameters" and name == own):
                    parameters.add(name)
            elif not (declaration.section == "variables" and name == own):
                variables.add(name)
    for kind, name in _scan(rest):
        (parameters if kind == "p" else variables).add(name)
    return UsedNames(frozenset(parameters), frozenset(variables))


def _scan(expressions: list[str] | tuple[str, ...]) -> set[tuple[str, str]]:
    """("p" or "v", lower-cased name) of every reference in `expressions`: each text's matches
    of the pattern in its lower-cased self, remembered by text (what a scan of their NUL-joined
    text finds: no match crosses a NUL), or, when a string holds a NUL itself, one scan per
    string with the case-insensitive patterns."""
    if not expressions:
        return set()
    joined = "\0".join(expressions)
    if joined.count("\0") != len(expressions) - 1:
        return {
            (kind, name)
            for text in expressions
            for kind, pattern in (("p", _PARAMETER_REF), ("v", _VARIABLE_REF))
            for name in _references(text, pattern)
        }
    known = _SCANNED
    if len(known) > _SCANNED_LIMIT:
        known.clear()
    looked = list(map(known.get, expressions))  # (looked up in C: most texts are known)
    if None in looked:
        for text, found in zip(expressions, looked, strict=True):
            if found is None and text not in known:
                # each alone: a match never crosses the NUL the joined scan put between them
                known[text] = tuple(_BOTH.findall(text.lower()))
    pairs = set(chain.from_iterable(map(known.__getitem__, expressions)))
    return {(kind[0], name.replace("''", "'")) for kind, name in pairs}


_SCANNED: dict[str, tuple[tuple[str, str], ...]] = {}
"""The references (as the pattern finds them) of each expression text scanned so far:
templates repeat expressions (the corpus's 70k are 20k distinct texts), and a lookup costs
less than a scan. Bounded."""
_SCANNED_LIMIT = 1 << 16


def _declarations(template: Template) -> tuple[Declaration, ...]:
    sources: list[tuple[str, str, Any, JsonPath]] = [
        ("parameters", name, parameter.body, parameter.path or ("parameters", name))
        for name, parameter in template.parameters.items()
    ]
    sources.extend(
        ("variables", name, variable, ("variables", name))
        for name, variable in template.variables.items()
    )
    sources.extend(
        ("resources", resource.key, resource.body, resource.path)
        for resource in template.resources
    )
    sources.extend(
        ("outputs", name, output.body, output.path or ("outputs", name))
        for name, output in template.outputs.items()
    )
    functions = template.header.get("functions")
    if functions is not None:
        sources.append(("functions", "", functions, ("functions",)))
    found: list[Declaration] = []
    for section, name, value, path in sources:
        texts = _texts(value)
        expressions = tuple([t for t in texts if t[:1] == "[" and t[1:2] != "["])
        found.append(Declaration(section, name, value, path, texts, expressions))
    return tuple(found)


def _texts(value: Any) -> tuple[str, ...]:
    """Every string inside `value` (keys excluded), without paths, in no particular order."""
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, _CONTAINERS):
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
            elif isinstance(child, _CONTAINERS):
                push(child)
    return tuple(found)


def secure_parameters(ctx: RuleContext) -> dict[str, str]:
    """The secure parameters: lower-cased name -> name as declared (made once per run: several
    rules ask; not to be changed)."""
    found: dict[str, str] | None = ctx.memo.get("secure parameters")
    if found is None:
        found = ctx.memo["secure parameters"] = {
            name.lower(): name for name, p in ctx.template.parameters.items() if p.secure
        }
    return found


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
