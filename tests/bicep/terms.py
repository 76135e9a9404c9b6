"""The common meaning both evaluators reduce a deployment to: JSON data, with tuples for what
only Azure knows (`("resourceId", type, *names)`, `("ref", id, path)`, `("param", name)`,
`("concat", *parts)`, `("call", name, *args)`), so ARM JSON and Bicep compare with `==`."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

Term = Any


def concat(parts: list[Term]) -> Term:
    """String concatenation: concrete when every part is, else `("concat", *merged parts)`."""
    merged: list[Term] = []
    for part in parts:
        piece = str(part).lower() if isinstance(part, bool) else part
        if isinstance(piece, int):
            piece = str(piece)
        if isinstance(piece, tuple) and piece[:1] == ("concat",):
            for inner in piece[1:]:
                merged = _append(merged, inner)
            continue
        merged = _append(merged, piece)
    merged = [m for m in merged if m != ""]
    if not merged:
        return ""
    if len(merged) == 1:
        return merged[0]
    return ("concat", *merged)


def _append(merged: list[Term], piece: Term) -> list[Term]:
    if isinstance(piece, str) and merged and isinstance(merged[-1], str):
        return [*merged[:-1], merged[-1] + piece]
    return [*merged, piece]


def access(target: Term, key: Term) -> Term:
    """`target.key` / `target[key]`."""
    if isinstance(target, dict) and isinstance(key, str) and key in target:
        return target[key]
    if isinstance(target, list) and isinstance(key, int):
        return target[key]
    if isinstance(target, tuple) and target[:1] in (("ref",), ("refFull",)):
        return (target[0], target[1], (*target[2], key))
    return ("get", target, key)


def equals(left: Term, right: Term) -> Term:
    if isinstance(left, tuple) or isinstance(right, tuple):
        return ("call", "equals", left, right)
    if isinstance(left, str) and isinstance(right, str):
        return left.lower() == right.lower()
    return bool(left == right)


def _known(*values: Term) -> bool:
    return not any(isinstance(v, tuple) for v in values)


_ARITHMETIC = {
    "add": lambda a, b: a + b,
    "sub": lambda a, b: a - b,
    "mul": lambda a, b: a * b,
    "div": lambda a, b: int(a / b),
    "mod": lambda a, b: a % b,
}
_COMPARE = {
    "less": lambda a, b: a < b,
    "lessorequals": lambda a, b: a <= b,
    "greater": lambda a, b: a > b,
    "greaterorequals": lambda a, b: a >= b,
}


def apply(name: str, args: list[Term]) -> Term:
    """A function both languages share, by its lower-cased ARM name: evaluated when its
    arguments are known, else a `("call", name, *args)` term."""
    if name == "equals":
        return equals(args[0], args[1])
    if name == "concat" and any(isinstance(a, str) for a in args):
        return concat(args)
    if name in ("true", "false", "null") and not args:
        return {"true": True, "false": False, "null": None}[name]
    if name == "if" and isinstance(args[0], bool):
        return args[1] if args[0] else args[2]
    if name == "json" and args and isinstance(args[0], str):
        try:
            return json.loads(args[0])
        except ValueError:
            return ("call", name, *args)
    if name == "createarray":
        return list(args)
    if name == "createobject":
        return dict(zip(args[::2], args[1::2], strict=True))
    if _known(*args):
        if name == "not" and isinstance(args[0], bool):
            return not args[0]
        if name in ("and", "or") and all(isinstance(a, bool) for a in args):
            return all(args) if name == "and" else any(args)
        both_int = len(args) == 2 and all(type(a) is int for a in args)
        if name in _ARITHMETIC and both_int:
            return _ARITHMETIC[name](args[0], args[1])
        if name in _COMPARE and both_int:
            return _COMPARE[name](args[0], args[1])
        if name in ("tolower", "toupper") and isinstance(args[0], str):
            return args[0].lower() if name == "tolower" else args[0].upper()
    return ("call", name, *args)


@dataclass
class Deployed:
    """One resource instance as deployed: identity, body members, condition, dependencies."""

    type: str
    name: Term
    api_version: str
    body: dict[str, Term]
    condition: Term = True
    depends_on: set[tuple[str, Term]] = field(default_factory=set)

    @property
    def identity(self) -> tuple[str, Term]:
        return (self.type.lower(), self.name)


def closure(resources: list[Deployed]) -> dict[tuple[str, Term], set[tuple[str, Term]]]:
    """Every resource's transitive dependencies."""
    direct = {r.identity: set(r.depends_on) for r in resources}
    result: dict[tuple[str, Term], set[tuple[str, Term]]] = {}
    for start in direct:
        seen: set[tuple[str, Term]] = set()
        stack = list(direct[start])
        while stack:
            node = stack.pop()
            if node in seen:
                continue
            seen.add(node)
            stack.extend(direct.get(node, ()))
        result[start] = seen
    return result


def resource_id(type_name: str, name: Term) -> Term:
    segments = name.split("/") if isinstance(name, str) else [name]
    return ("resourceId", type_name.lower(), *segments)
