"""ARM template expressions: `"[concat(parameters('a'), '-x')]"` parsed into a small AST.

The grammar is `grammars/arm_expression.lark`, the specification. Lark parses an expression in
about 90 µs, too slow for a corpus of 60,000 expressions, so a small recursive-descent parser over
one regular expression (`_fast_parse`, about 10x faster) builds the tree, and Lark runs only when
that fails, to give the error its exact position and expected tokens. A property test keeps the
two in agreement. Offsets in the AST and in syntax errors are
character indexes into the JSON string value (the opening `[` is index 0); the loader maps them
back to file positions with `armc.arm.reader.string_offset`. Parsing is memoised: templates
repeat the same expressions (`[parameters('location')]`) many times.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import armc
from armc.perf import slot_setters

if TYPE_CHECKING:
    from lark import Lark, Token

Scalar = str | int | float | bool | None


@dataclass(frozen=True, slots=True)
class Literal:
    value: Scalar
    offset: int
    end: int


@dataclass(frozen=True, slots=True)
class Call:
    """A function call; `name` as written (ARM function names are case-insensitive), `lower`
    the name in lower case (computed once: evaluation dispatches on it)."""

    name: str
    args: tuple[Node, ...]
    offset: int
    end: int
    lower: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "lower", self.name.lower())


@dataclass(frozen=True, slots=True)
class Property:
    target: Node
    name: str
    offset: int
    end: int


@dataclass(frozen=True, slots=True)
class Index:
    target: Node
    index: Node
    offset: int
    end: int


Node = Literal | Call | Property | Index


@dataclass(frozen=True, slots=True)
class ExpressionError:
    """A syntax error at `offset` (an index into the JSON string value)."""

    message: str
    offset: int
    end: int


def is_expression(value: str) -> bool:
    """True for `"[...]"` strings that ARM evaluates (not for `"[[...]"`, a literal)."""
    return len(value) > 1 and value[0] == "[" and value[-1] == "]" and value[1] != "["


def unescape_literal(value: str) -> str:
    """The value ARM uses for a plain string: `[[...]` stands for `[...]`; a string that does not
    end with `]` is never an expression, so it is never escaped (`[[x` is `[[x`)."""
    return value[1:] if value[:2] == "[[" and value[-1:] == "]" else value


def grammar_path() -> Path:
    """The grammar file: inside the installed package, else at the top of the checkout."""
    package = Path(armc.__file__).parent
    for candidate in (package / "grammars", package.parent / "grammars"):
        path = candidate / "arm_expression.lark"
        if path.is_file():
            return path
    raise FileNotFoundError("arm_expression.lark not found next to the armc package")


class _UnknownName(Exception):
    def __init__(self, token: Token) -> None:
        super().__init__(str(token))
        self.token = token


def _builder() -> Any:
    from lark import Transformer

    class Builder(Transformer[Any, Node]):
        def string(self, children: list[Token]) -> Literal:
            (token,) = children
            text = str(token)[1:-1].replace("''", "'")
            return Literal(text, token.start_pos or 0, token.end_pos or 0)

        def number(self, children: list[Token]) -> Literal:
            (token,) = children
            text = str(token)
            value: int | float = float(text) if "." in text else int(text)
            return Literal(value, token.start_pos or 0, token.end_pos or 0)

        def name(self, children: list[Token]) -> Literal:
            (token,) = children
            lowered = str(token).lower()
            if lowered not in _NAMED_LITERALS:
                raise _UnknownName(token)
            return Literal(_NAMED_LITERALS[lowered], token.start_pos or 0, token.end_pos or 0)

        def property(self, children: list[Any]) -> Property:
            target, token = children
            return Property(target, str(token), target.offset, token.end_pos or 0)

        def index(self, children: list[Any]) -> Index:
            target, index, close = children
            return Index(target, index, target.offset, close.end_pos or 0)

        def call(self, children: list[Any]) -> Call:
            token, close = children[0], children[-1]
            args = tuple(child for child in children[1:-1] if child is not None)
            return Call(str(token), args, token.start_pos or 0, close.end_pos or 0)

    return Builder()


_NAMED_LITERALS: dict[str, Scalar] = {"true": True, "false": False, "null": None}


@functools.cache
def _parser() -> Lark:
    from lark import Lark

    text = grammar_path().read_text(encoding="utf-8")
    # the JSON string keeps its outer brackets so that offsets are indexes into it
    text = text.replace("?start: expression", '?start: "[" expression "]"', 1)
    return Lark(
        text,
        parser="lalr",
        lexer="contextual",
        transformer=_builder(),
        maybe_placeholders=True,
    )


MAX_NESTING = 64
"""Deeper expressions are syntax errors: the evaluator and the rules recurse over the tree (the
deepest of 2,500 quickstart templates nests 13 levels)."""


_SIMPLE_CALL = re.compile(r"\[([A-Za-z_$][A-Za-z0-9_$]*)\('([^']*)'\)\]").fullmatch
"""A call with one plain string argument and no spaces: `[parameters('location')]`,
`[variables('name')]`, `[reference('id')]`, a third of the corpus's expressions."""


@functools.lru_cache(maxsize=65536)
def parse_expression(value: str) -> Node | ExpressionError:
    """Parse a `"[...]"` JSON string value. Never raises for bad input."""
    simple = _SIMPLE_CALL(value)
    if simple is not None:  # the commonest shape, `[parameters('name')]`: no tokenizing
        name, text = simple.group(1, 2)
        argument = _literal(text, simple.start(2) - 1, simple.end(2) + 1)
        return _call(name, (argument,), 1, simple.end(2) + 2)
    tree: Node | ExpressionError | None = _fast_parse(value)
    if tree is None:
        tree = lark_parse(value)  # neither parser recurses: any depth is parsed
    # a tree nested deeper than MAX_NESTING needs at least 2 characters per level, and one
    # "(", "[" or "." per level below the first (a call, an index, a property)
    deep = len(value) > 2 * MAX_NESTING and (
        value.count("(") + value.count("[") + value.count(".") > MAX_NESTING
    )
    if deep and not isinstance(tree, ExpressionError) and nesting(tree) > MAX_NESTING:
        message = f"the expression is nested more than {MAX_NESTING} levels deep"
        return ExpressionError(message, 0, len(value))
    return tree


def has_syntax_error(texts: Iterable[str]) -> bool:
    """True when one of `texts` is an expression with a syntax error (strings that are not
    expressions are skipped; each distinct text is looked at once)."""
    return any(
        is_expression(text) and parse_expression(text).__class__ is ExpressionError
        for text in set(texts)
    )


def lark_parse(value: str) -> Node | ExpressionError:
    """Parse with the Lark grammar (the reference; slower). Never raises for bad input."""
    from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedToken

    try:
        tree: Node = _parser().parse(value)  # type: ignore[assignment]  # the transformer's
    except _UnknownName as exc:
        token = exc.token
        start = token.start_pos or 0
        return ExpressionError(
            f"unknown name '{token}': a function call needs parentheses, e.g. {token}()",
            start,
            token.end_pos or start + 1,
        )
    except UnexpectedCharacters as exc:
        position = exc.pos_in_stream or 0
        char = value[position : position + 1]
        if char == "'":
            return ExpressionError(
                "unterminated string: a quote inside a string is written ''",
                position,
                len(value) - 1,
            )
        return ExpressionError(f"unexpected character {char!r}", position, position + 1)
    except UnexpectedEOF:
        end = max(len(value) - 1, 0)
        return ExpressionError("the expression ends too early", end, end + 1)
    except UnexpectedToken as exc:
        token = exc.token
        start = token.start_pos if token.start_pos is not None else len(value) - 1
        if token.type == "$END":
            start = max(len(value) - 1, 0)
            return ExpressionError(
                "the expression ends too early: a ')' or ']' is missing", start, start + 1
            )
        shown = str(token)
        expected = _describe_expected(exc.expected)
        return ExpressionError(
            f"unexpected {shown!r}{f': expected {expected}' if expected else ''}",
            start,
            token.end_pos or start + 1,
        )
    return tree


_FAST_TOKENS = re.compile(
    r"""([ \t\r\n]*)(                                           # blanks, then a token:
        [()\[\].,]                                              # punctuation (the commonest)
      | '[^']*(?:''[^']*)*'                                    # a string ('' inside)
      | [A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)?[ \t\r\n]*\(     # a function name and "("
      | [A-Za-z_$][\w$]*                                        # a name
      | -?\d+(?:\.\d+)?                                         # a number
    )""",
    re.VERBOSE | re.ASCII,
).findall
"""Every token in one call, as (blanks before it, its text). `findall` skips what matches no
token; then the tokens do not reach the end of the expression (see `_fast_parse`), and Lark
explains the error. A function's name and its "(" are one token (`ns.f` is a name only
there)."""

_NAME_START = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_$")

_CALL = 0
_GROUP = 1
_INDEX = 2
"""Kinds of the constructs `_fast_parse` has open: a call's arguments, parentheses, an
index."""


def _fast_parse(value: str) -> Node | None:
    """The tree of an expression, None when it is not one (Lark then explains why).

    One pass over the tokens with a stack of open constructs, no recursion: `node` is the
    operand just read (None while one is expected); a call's arguments, a parenthesis and an
    index are pushed when they open and closed by their `)` or `]`."""
    if not is_expression(value):
        return None
    stop = len(value) - 1
    position = 1
    node: Node | None = None
    member = False  # a "." was read: a name must follow
    open_: list[tuple[int, Any, Any, int]] = []  # (kind, call args or index target, name, start)
    for space, text in _FAST_TOKENS(value, 1, stop):
        start = position + len(space) if space else position
        position = start + len(text)
        first = text[0]
        if member:  # a property: only a plain name
            if first not in _NAME_START or text[-1] == "(" or node is None:
                return None
            node = _property(node, text, node.offset, position)
            member = False
        elif node is None:  # an operand
            if first == "'":
                node = _literal(text[1:-1].replace("''", "'"), start, position)
            elif first in _NAME_START:
                if text[-1] == "(":
                    open_.append((_CALL, [], text[:-1].rstrip(" \t\r\n"), start))
                else:
                    lowered = text.lower()
                    if lowered not in _NAMED_LITERALS:
                        return None
                    node = _literal(_NAMED_LITERALS[lowered], start, position)
            elif first == "(":
                open_.append((_GROUP, None, None, start))
            elif first == ")" and open_ and open_[-1][0] == _CALL and not open_[-1][1]:
                _, _, name, call_start = open_.pop()
                node = _call(name, (), call_start, position)
            elif first == "-" or first.isdigit():
                node = _literal(float(text) if "." in text else int(text), start, position)
            else:
                return None
        elif first == ".":
            member = True
        elif first == "[":
            open_.append((_INDEX, node, None, start))
            node = None
        elif first == "," and open_ and open_[-1][0] == _CALL:
            open_[-1][1].append(node)
            node = None
        elif first == ")" and open_ and open_[-1][0] != _INDEX:
            kind, args, name, call_start = open_.pop()
            if kind == _CALL:
                args.append(node)
                node = _call(name, tuple(args), call_start, position)
        elif first == "]" and open_ and open_[-1][0] == _INDEX:
            target = open_.pop()[1]
            node = _index(target, node, target.offset, position)
        else:
            return None
    # `position` counts the characters matched: were a character skipped, the last token's
    # characters (never blank) would remain before the closing bracket
    if open_ or member or value[position:stop].strip(" \t\r\n"):
        return None
    return node


# The fast parser builds nodes without the dataclass __init__ of a frozen class (one
# object.__setattr__ call per field): the slots are set directly, which halves the cost of a
# node, a third of parsing. The nodes are the same (frozen, equal, hashable).
_new = object.__new__


_LITERAL_SET = slot_setters(Literal, "value", "offset", "end")
_CALL_SET = slot_setters(Call, "name", "args", "offset", "end", "lower")
_PROPERTY_SET = slot_setters(Property, "target", "name", "offset", "end")
_INDEX_SET = slot_setters(Index, "target", "index", "offset", "end")


def _literal(value: Scalar, offset: int, end: int) -> Literal:
    node: Literal = _new(Literal)
    set_value, set_offset, set_end = _LITERAL_SET
    set_value(node, value)
    set_offset(node, offset)
    set_end(node, end)
    return node


def _call(name: str, args: tuple[Node, ...], offset: int, end: int) -> Call:
    node: Call = _new(Call)
    set_name, set_args, set_offset, set_end, set_lower = _CALL_SET
    set_name(node, name)
    set_args(node, args)
    set_offset(node, offset)
    set_end(node, end)
    set_lower(node, name.lower())
    return node


def _property(target: Node, name: str, offset: int, end: int) -> Property:
    node: Property = _new(Property)
    set_target, set_name, set_offset, set_end = _PROPERTY_SET
    set_target(node, target)
    set_name(node, name)
    set_offset(node, offset)
    set_end(node, end)
    return node


def _index(target: Node, index: Node, offset: int, end: int) -> Index:
    node: Index = _new(Index)
    set_target, set_index, set_offset, set_end = _INDEX_SET
    set_target(node, target)
    set_index(node, index)
    set_offset(node, offset)
    set_end(node, end)
    return node


_TERMINAL_NAMES = {
    "RPAR": "')'",
    "LPAR": "'('",
    "COMMA": "','",
    "RSQB": "']'",
    "LSQB": "'['",
    "DOT": "'.'",
    "FUNCNAME": "a function call",
    "NAME": "a name",
    "STRING": "a string",
    "NUMBER": "a number",
}


def _describe_expected(expected: set[str]) -> str:
    names = sorted({_TERMINAL_NAMES.get(name, name) for name in expected})
    if not names or len(names) > 5:
        return ""
    return " or ".join(names)


def walk(node: Node) -> list[Node]:
    """Every node of a tree, parents before children."""
    out: list[Node] = []
    stack: list[Node] = [node]
    while stack:
        current = stack.pop()
        out.append(current)
        if isinstance(current, Call):
            stack.extend(reversed(current.args))
        elif isinstance(current, Property):
            stack.append(current.target)
        elif isinstance(current, Index):
            stack.append(current.index)
            stack.append(current.target)
    return out


def nesting(node: Node) -> int:
    """How many levels deep a tree is (a literal is 1); iterative, for any depth."""
    deepest = 0
    stack: list[tuple[Node, int]] = [(node, 1)]
    while stack:
        current, depth = stack.pop()
        deepest = max(deepest, depth)
        if isinstance(current, Call):
            stack.extend((arg, depth + 1) for arg in current.args)
        elif isinstance(current, Property):
            stack.append((current.target, depth + 1))
        elif isinstance(current, Index):
            stack.append((current.target, depth + 1))
            stack.append((current.index, depth + 1))
    return deepest


def calls(node: Node, *names: str) -> list[Call]:
    """The calls in a tree whose lower-cased name is one of `names` (all calls without names)."""
    wanted = {name.lower() for name in names}
    return [n for n in walk(node) if isinstance(n, Call) and (not wanted or n.lower in wanted)]


def unparse(node: Node) -> str:
    """ARM text for a tree (canonical spacing), without the outer brackets."""
    if isinstance(node, Literal):
        value = node.value
        if isinstance(value, str):
            return "'" + value.replace("'", "''") + "'"
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, float) and math.isfinite(value):
            text = format(Decimal(repr(value)), "f")  # ARM numbers have no exponent: 6e+127
            return text if "." in text else text + ".0"
        return "null" if value is None else str(value)
    if isinstance(node, Call):
        return f"{node.name}({', '.join(unparse(a) for a in node.args)})"
    if isinstance(node, Property):
        return f"{unparse(node.target)}.{node.name}"
    return f"{unparse(node.target)}[{unparse(node.index)}]"
