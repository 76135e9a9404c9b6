"""Parser reductions to the syntax IR (`armc.dsl.ir`): Lark runs `IRBuilder` inline."""

from __future__ import annotations

from typing import Any, cast

from lark import Token, Transformer
from lark.exceptions import UnexpectedInput

from armc.diagnostics import Diagnostics
from armc.dsl import ir
from armc.dsl.codes import report
from armc.source import SourceFile, Span

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "$": "$"}


def token_span(file: str, token: Token) -> Span:
    line = token.line or 1
    column = token.column or 1
    return Span(file, line, column, token.end_line or line, token.end_column or column + 1)


def _through(first: Span, last: Span) -> Span:
    """From the start of `first` to the end of `last`."""
    return Span(first.file, first.line, first.column, last.end_line, last.end_column)


_KEPT_PUNCTUATION = frozenset(
    {
        "PARAM",
        "VAR",
        "OUTPUT",
        "IMPORT",
        "IF",
        "NOT",
        "MINUS",
        "LPAR",
        "RPAR",
        "LSQB",
        "RSQB",
        "LBRACE",
        "RBRACE",
        "TRUE",
        "FALSE",
        "NULL",
    }
)


def _content(children: list[Any]) -> list[Any]:
    """Children without the tokens kept only for their positions."""
    return [c for c in children if not (isinstance(c, Token) and c.type in _KEPT_PUNCTUATION)]


class IRBuilder(Transformer[Token, Any]):
    """Builds IR nodes while the LALR parser reduces (Lark's inline `transformer=`).

    Spans come from the first and last child (token or IR node) of each rule, which is why the
    grammar names the keywords and brackets that start or end a construct."""

    def __init__(self) -> None:
        super().__init__()
        self.file = "<input>"
        self.diagnostics = Diagnostics()

    def begin(self, source: SourceFile) -> None:
        self.file = source.path
        self.diagnostics = Diagnostics()

    def _at(self, item: Any) -> Span | None:
        if isinstance(item, Span):
            return item
        if isinstance(item, Token):
            return token_span(self.file, item)
        span = getattr(item, "span", None)
        if isinstance(span, Span):
            return span
        if isinstance(item, tuple) and item:
            spans = [s for s in (self._at(i) for i in item) if s is not None]
            return spans[-1] if spans else None
        return None

    def _cover(self, children: list[Any]) -> Span:
        """From the start of the first positioned child to the end of the last."""
        first = last = None
        for child in children:
            first = self._at(child)
            if first is not None:
                break
        for child in reversed(children):
            last = self._at(child)
            if last is not None:
                break
        if first is None or last is None:
            return Span.point(self.file, 1, 1)
        return _through(first, last)

    def _tspan(self, token: Token) -> Span:
        return token_span(self.file, token)

    # ---- statements -------------------------------------------------------------------------

    def start(self, children: list[Any]) -> list[ir.Statement]:
        return [c for c in children if c is not None]

    def param(self, children: list[Any]) -> ir.ParamDecl:
        span = self._cover(children)
        name, (secure, type_name, type_span), default, *modifiers = _content(children)
        found: dict[str, Any] = {}
        for kind, value, modifier_span in modifiers:
            if kind in found:
                report(
                    self.diagnostics,
                    "DSL110",
                    f"'{kind}' is given twice for parameter '{name}'",
                    modifier_span,
                )
            found[kind] = value
        return ir.ParamDecl(
            name=str(name),
            name_span=self._tspan(name),
            type=type_name,
            type_span=type_span,
            secure=secure,
            default=default,
            allowed=found.get("allowed"),
            value_range=found.get("range"),
            length=found.get("length"),
            description=found.get("description"),
            keyvault=found.get("keyvault"),
            span=span,
        )

    def param_type(self, children: list[Any]) -> tuple[bool, str, Span]:
        secure, name = children
        return secure is not None, str(name), self._tspan(name)

    def _modifier(self, kind: str, children: list[Any]) -> tuple[str, Any, Span]:
        values = [c for c in _content(children) if c is not None]
        if kind == "allowed":
            return kind, tuple(values), self._cover(children)
        return kind, (values[0], values[1]), self._cover(children)

    def allowed(self, children: list[Any]) -> tuple[str, Any, Span]:
        return self._modifier("allowed", children)

    def range(self, children: list[Any]) -> tuple[str, Any, Span]:
        return self._modifier("range", children)

    def length(self, children: list[Any]) -> tuple[str, Any, Span]:
        return self._modifier("length", children)

    def keyvault(self, children: list[Any]) -> tuple[str, Any, Span]:
        return self._modifier("keyvault", children)

    def description(self, children: list[Any]) -> tuple[str, Any, Span]:
        return "description", self._plain_string(children[0]), self._tspan(children[0])

    def var(self, children: list[Any]) -> ir.VarDecl:
        name, value = _content(children)
        return ir.VarDecl(str(name), self._tspan(name), value, self._cover(children))

    def output(self, children: list[Any]) -> ir.OutputDecl:
        name, type_name, value = _content(children)
        return ir.OutputDecl(
            str(name),
            self._tspan(name),
            str(type_name) if type_name else None,
            value,
            self._cover(children),
        )

    def import_stmt(self, children: list[Any]) -> ir.ImportDecl:
        return ir.ImportDecl(self._plain_string(children[-1]), self._cover(children))

    # ---- clauses ----------------------------------------------------------------------------

    def clause(self, children: list[Any]) -> ir.Clause:
        keyword, *rest = children
        condition = None
        block = None
        args: list[ir.Arg] = []
        for child in rest:
            if isinstance(child, ir.Block):
                block = child
            elif isinstance(child, tuple) and child and child[0] == "condition":
                condition = child[1]
            else:
                args.append(child)
        return ir.Clause(
            str(keyword),
            self._tspan(keyword),
            tuple(args),
            condition,
            block,
            self._cover(children),
        )

    def condition(self, children: list[Any]) -> tuple[str, ir.Expr]:
        return "condition", children[0]

    def block(self, children: list[Any]) -> ir.Block:
        return ir.Block(
            tuple(c for c in _content(children) if c is not None), self._cover(children)
        )

    def pair(self, children: list[Any]) -> ir.Pair:
        (key, key_span), value = children
        return ir.Pair(key, key_span, value, _through(key_span, value.span))

    def key(self, children: list[Any]) -> tuple[str, Span]:
        token = children[0]
        text = self._plain_string(token) if token.type == "STRING" else str(token)
        return text, self._tspan(token)

    def word(self, children: list[Any]) -> ir.Word:
        return ir.Word(str(children[0]), self._tspan(children[0]))

    def indexed_word(self, children: list[Any]) -> ir.IndexedWord:
        return ir.IndexedWord(str(children[0]), children[1], self._cover(children))

    def call_word(self, children: list[Any]) -> ir.CallWord:
        name, *args = _content(children)
        return ir.CallWord(
            str(name), tuple(a for a in args if a is not None), self._cover(children)
        )

    def string_arg(self, children: list[Any]) -> ir.ValueArg:
        return ir.ValueArg(self._string(children[0]), self._tspan(children[0]))

    def paren_arg(self, children: list[Any]) -> ir.ValueArg:
        return ir.ValueArg(_content(children)[0], self._cover(children))

    def star_arg(self, children: list[Any]) -> ir.Star:
        return ir.Star(self._tspan(children[0]))

    def arrow_arg(self, children: list[Any]) -> ir.Arrow:
        return ir.Arrow(self._tspan(children[0]))

    # ---- expressions ------------------------------------------------------------------------

    def if_expr(self, children: list[Any]) -> ir.Conditional:
        condition, then, otherwise = _content(children)
        return ir.Conditional(condition, then, otherwise, self._cover(children))

    def or_op(self, children: list[Any]) -> ir.Binary:
        return ir.Binary("or", children[0], children[1], self._cover(children))

    def and_op(self, children: list[Any]) -> ir.Binary:
        return ir.Binary("and", children[0], children[1], self._cover(children))

    def not_op(self, children: list[Any]) -> ir.Unary:
        return ir.Unary("not", children[-1], self._cover(children))

    def negate(self, children: list[Any]) -> ir.Unary:
        return ir.Unary("-", children[-1], self._cover(children))

    def compare(self, children: list[Any]) -> ir.Binary:
        return ir.Binary(str(children[1]), children[0], children[2], self._cover(children))

    binary = compare

    def attribute(self, children: list[Any]) -> ir.Attribute:
        return ir.Attribute(children[0], str(children[1]), self._cover(children))

    def index(self, children: list[Any]) -> ir.Index:
        return ir.Index(children[0], children[1], self._cover(children))

    def splat(self, children: list[Any]) -> ir.Splat:
        return ir.Splat(children[0], self._cover(children))

    def call(self, children: list[Any]) -> ir.Call:
        name, *args = _content(children)
        return ir.Call(str(name), tuple(a for a in args if a is not None), self._cover(children))

    def int_lit(self, children: list[Any]) -> ir.Literal:
        text, span = str(children[0]), self._tspan(children[0])
        # ARM ints are 64-bit; int() of more than 4,300 digits raises
        if len(text.lstrip("-")) > 19 or not -(2**63) <= int(text) < 2**63:
            report(self.diagnostics, "DSL311", "the number does not fit ARM's 64-bit int", span)
            return ir.Literal(0, span)
        return ir.Literal(int(text), span)

    def string_lit(self, children: list[Any]) -> ir.Expr:
        return self._string(children[0])

    def true_lit(self, children: list[Any]) -> ir.Literal:
        return ir.Literal(True, self._tspan(children[0]))

    def false_lit(self, children: list[Any]) -> ir.Literal:
        return ir.Literal(False, self._tspan(children[0]))

    def null_lit(self, children: list[Any]) -> ir.Literal:
        return ir.Literal(None, self._tspan(children[0]))

    def name_ref(self, children: list[Any]) -> ir.NameRef:
        return ir.NameRef(str(children[0]), self._tspan(children[0]))

    def array_lit(self, children: list[Any]) -> ir.ArrayExpr:
        items = tuple(c for c in _content(children) if c is not None)
        return ir.ArrayExpr(items, self._cover(children))

    def object_lit(self, children: list[Any]) -> ir.ObjectExpr:
        entries = tuple(c for c in _content(children) if c is not None)
        return ir.ObjectExpr(entries, self._cover(children))

    def obj_pair(self, children: list[Any]) -> ir.ObjectEntry:
        (key, key_span), value = children
        return ir.ObjectEntry(key, value, _through(key_span, value.span))

    # ---- strings ----------------------------------------------------------------------------

    def _plain_string(self, token: Token) -> str:
        expr = self._string(token)
        if isinstance(expr, ir.Literal) and isinstance(expr.value, str):
            return expr.value
        report(
            self.diagnostics,
            "DSL108",
            "interpolation '${...}' is not allowed here",
            self._tspan(token),
        )
        return ""

    def _string(self, token: Token) -> ir.Expr:
        """A string literal, or an `Interpolation` when it contains `${...}`."""
        raw = str(token)[1:-1]
        span = self._tspan(token)
        line = token.line or 1
        first_column = (token.column or 1) + 1
        parts: list[str | ir.Expr] = []
        text: list[str] = []
        i = 0
        while i < len(raw):
            char = raw[i]
            if char == "\\" and i + 1 < len(raw):
                text.append(_ESCAPES.get(raw[i + 1], "\\" + raw[i + 1]))
                i += 2
                continue
            if char == "$" and raw.startswith("${", i):
                end = raw.find("}", i + 2)
                column = first_column + i
                if end < 0:
                    report(
                        self.diagnostics,
                        "DSL108",
                        "'${' is not closed with '}'",
                        Span(self.file, line, column, line, column + 2),
                    )
                    return ir.Literal("", span)
                inner = raw[i + 2 : end]
                if text:
                    parts.append("".join(text))
                    text = []
                expr = self._interpolated(inner, line, column + 2)
                if expr is None:
                    return ir.Literal("", span)
                parts.append(expr)
                i = end + 1
                continue
            text.append(char)
            i += 1
        if text:
            parts.append("".join(text))
        if not any(not isinstance(p, str) for p in parts):
            return ir.Literal("".join(p for p in parts if isinstance(p, str)), span)
        return ir.Interpolation(tuple(parts), span)

    def _interpolated(self, inner: str, line: int, column: int) -> ir.Expr | None:
        from armc.dsl.grammar import parser
        from armc.dsl.parser import syntax_diagnostic

        if not inner.strip():
            report(
                self.diagnostics,
                "DSL108",
                "empty interpolation '${}'",
                Span(self.file, line, column - 2, line, column + 1),
            )
            return None
        padded = "\\\n" * (line - 1) + " " * (column - 1) + inner  # `\`+newline is ignored
        try:
            result = cast(ir.Expr, parser().parse(padded, start="expr"))
        except UnexpectedInput as error:
            found = syntax_diagnostic(error, SourceFile(self.file, padded))
            message = found.message.replace("the file ends too early", "it ends too early")
            report(
                self.diagnostics,
                "DSL108",
                f"invalid expression in '${{...}}': {message}",
                found.span,
                hint=found.hint,
            )
            return None
        return result
