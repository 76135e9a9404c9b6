"""Lark parse tree to the syntax IR (`armc.dsl.ir.Program`)."""

from __future__ import annotations

from typing import Any

import lark
from lark import Token, Transformer, v_args
from lark.exceptions import UnexpectedInput

from armc.diagnostics import CompileError, Diagnostics
from armc.dsl import ir
from armc.dsl.codes import name_of
from armc.source import SourceFile, Span

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "$": "$"}


def to_program(tree: lark.Tree, source: SourceFile) -> ir.Program:
    builder = _Builder(source)
    statements = builder.transform(tree)
    if builder.diagnostics.has_errors:
        raise CompileError(builder.diagnostics.sorted())
    return ir.Program(source.path, tuple(statements))


def token_span(file: str, token: Token) -> Span:
    line = token.line or 1
    column = token.column or 1
    return Span(file, line, column, token.end_line or line, token.end_column or column + 1)


@v_args(meta=True)
class _Builder(Transformer[Token, Any]):
    def __init__(self, source: SourceFile) -> None:
        super().__init__()
        self.source = source
        self.file = source.path
        self.diagnostics = Diagnostics()

    def _span(self, meta: Any) -> Span:
        if getattr(meta, "empty", True):
            return Span.point(self.file, 1, 1)
        return Span(self.file, meta.line, meta.column, meta.end_line, meta.end_column)

    def _tspan(self, token: Token) -> Span:
        return token_span(self.file, token)

    # ---- statements -------------------------------------------------------------------------

    def start(self, meta: Any, children: list[Any]) -> list[ir.Statement]:
        return [c for c in children if c is not None]

    def param(self, meta: Any, children: list[Any]) -> ir.ParamDecl:
        name, (secure, type_name, type_span), default, *modifiers = children
        found: dict[str, Any] = {}
        for kind, value, span in modifiers:
            if kind in found:
                self.diagnostics.error(
                    "DSL110",
                    name_of("DSL110"),
                    f"'{kind}' is given twice for parameter '{name}'",
                    span,
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
            span=self._span(meta),
        )

    def param_type(self, meta: Any, children: list[Any]) -> tuple[bool, str, Span]:
        secure, name = children
        return secure is not None, str(name), self._tspan(name)

    def allowed(self, meta: Any, children: list[Any]) -> tuple[str, Any, Span]:
        return "allowed", tuple(c for c in children if c is not None), self._span(meta)

    def range(self, meta: Any, children: list[Any]) -> tuple[str, Any, Span]:
        return "range", (children[0], children[1]), self._span(meta)

    def length(self, meta: Any, children: list[Any]) -> tuple[str, Any, Span]:
        return "length", (children[0], children[1]), self._span(meta)

    def keyvault(self, meta: Any, children: list[Any]) -> tuple[str, Any, Span]:
        return "keyvault", (children[0], children[1]), self._span(meta)

    def description(self, meta: Any, children: list[Any]) -> tuple[str, Any, Span]:
        return "description", self._plain_string(children[0]), self._span(meta)

    def var(self, meta: Any, children: list[Any]) -> ir.VarDecl:
        name, value = children
        return ir.VarDecl(str(name), self._tspan(name), value, self._span(meta))

    def output(self, meta: Any, children: list[Any]) -> ir.OutputDecl:
        name, type_name, value = children
        return ir.OutputDecl(
            str(name),
            self._tspan(name),
            str(type_name) if type_name else None,
            value,
            self._span(meta),
        )

    def import_stmt(self, meta: Any, children: list[Any]) -> ir.ImportDecl:
        return ir.ImportDecl(self._plain_string(children[0]), self._span(meta))

    # ---- clauses ----------------------------------------------------------------------------

    def clause(self, meta: Any, children: list[Any]) -> ir.Clause:
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
            str(keyword), self._tspan(keyword), tuple(args), condition, block, self._span(meta)
        )

    def condition(self, meta: Any, children: list[Any]) -> tuple[str, ir.Expr]:
        return "condition", children[0]

    def block(self, meta: Any, children: list[Any]) -> ir.Block:
        return ir.Block(tuple(c for c in children if c is not None), self._span(meta))

    def pair(self, meta: Any, children: list[Any]) -> ir.Pair:
        (key, key_span), value = children
        return ir.Pair(key, key_span, value, self._span(meta))

    def key(self, meta: Any, children: list[Any]) -> tuple[str, Span]:
        token = children[0]
        text = self._plain_string(token) if token.type == "STRING" else str(token)
        return text, self._tspan(token)

    def word(self, meta: Any, children: list[Any]) -> ir.Word:
        return ir.Word(str(children[0]), self._tspan(children[0]))

    def indexed_word(self, meta: Any, children: list[Any]) -> ir.IndexedWord:
        return ir.IndexedWord(str(children[0]), children[1], self._span(meta))

    def call_word(self, meta: Any, children: list[Any]) -> ir.CallWord:
        name, *args = children
        return ir.CallWord(str(name), tuple(a for a in args if a is not None), self._span(meta))

    def string_arg(self, meta: Any, children: list[Any]) -> ir.ValueArg:
        return ir.ValueArg(self._string(children[0]), self._span(meta))

    def paren_arg(self, meta: Any, children: list[Any]) -> ir.ValueArg:
        return ir.ValueArg(children[0], self._span(meta))

    def star_arg(self, meta: Any, children: list[Any]) -> ir.Star:
        return ir.Star(self._span(meta))

    def arrow_arg(self, meta: Any, children: list[Any]) -> ir.Arrow:
        return ir.Arrow(self._span(meta))

    # ---- expressions ------------------------------------------------------------------------

    def if_expr(self, meta: Any, children: list[Any]) -> ir.Conditional:
        return ir.Conditional(children[0], children[1], children[2], self._span(meta))

    def or_op(self, meta: Any, children: list[Any]) -> ir.Binary:
        return ir.Binary("or", children[0], children[1], self._span(meta))

    def and_op(self, meta: Any, children: list[Any]) -> ir.Binary:
        return ir.Binary("and", children[0], children[1], self._span(meta))

    def not_op(self, meta: Any, children: list[Any]) -> ir.Unary:
        return ir.Unary("not", children[0], self._span(meta))

    def negate(self, meta: Any, children: list[Any]) -> ir.Unary:
        return ir.Unary("-", children[0], self._span(meta))

    def compare(self, meta: Any, children: list[Any]) -> ir.Binary:
        return ir.Binary(str(children[1]), children[0], children[2], self._span(meta))

    binary = compare

    def attribute(self, meta: Any, children: list[Any]) -> ir.Attribute:
        return ir.Attribute(children[0], str(children[1]), self._span(meta))

    def index(self, meta: Any, children: list[Any]) -> ir.Index:
        return ir.Index(children[0], children[1], self._span(meta))

    def splat(self, meta: Any, children: list[Any]) -> ir.Splat:
        return ir.Splat(children[0], self._span(meta))

    def call(self, meta: Any, children: list[Any]) -> ir.Call:
        name, *args = children
        return ir.Call(str(name), tuple(a for a in args if a is not None), self._span(meta))

    def int_lit(self, meta: Any, children: list[Any]) -> ir.Literal:
        return ir.Literal(int(children[0]), self._span(meta))

    def string_lit(self, meta: Any, children: list[Any]) -> ir.Expr:
        return self._string(children[0])

    def true_lit(self, meta: Any, children: list[Any]) -> ir.Literal:
        return ir.Literal(True, self._span(meta))

    def false_lit(self, meta: Any, children: list[Any]) -> ir.Literal:
        return ir.Literal(False, self._span(meta))

    def null_lit(self, meta: Any, children: list[Any]) -> ir.Literal:
        return ir.Literal(None, self._span(meta))

    def name_ref(self, meta: Any, children: list[Any]) -> ir.NameRef:
        return ir.NameRef(str(children[0]), self._tspan(children[0]))

    def array_lit(self, meta: Any, children: list[Any]) -> ir.ArrayExpr:
        return ir.ArrayExpr(tuple(c for c in children if c is not None), self._span(meta))

    def object_lit(self, meta: Any, children: list[Any]) -> ir.ObjectExpr:
        entries = tuple(c for c in children if c is not None)
        return ir.ObjectExpr(entries, self._span(meta))

    def obj_pair(self, meta: Any, children: list[Any]) -> ir.ObjectEntry:
        (key, _key_span), value = children
        return ir.ObjectEntry(key, value, self._span(meta))

    # ---- strings ----------------------------------------------------------------------------

    def _plain_string(self, token: Token) -> str:
        expr = self._string(token)
        if isinstance(expr, ir.Literal) and isinstance(expr.value, str):
            return expr.value
        self.diagnostics.error(
            "DSL108",
            name_of("DSL108"),
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
                    self.diagnostics.error(
                        "DSL108",
                        name_of("DSL108"),
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
            self.diagnostics.error(
                "DSL108",
                name_of("DSL108"),
                "empty interpolation '${}'",
                Span(self.file, line, column - 2, line, column + 1),
            )
            return None
        padded = "\\\n" * (line - 1) + " " * (column - 1) + inner  # `\`+newline is ignored
        try:
            tree = parser().parse(padded, start="expr")
        except UnexpectedInput as error:
            self.diagnostics.add(syntax_diagnostic(error, SourceFile(self.file, padded)))
            return None
        result: ir.Expr = self.transform(tree)
        return result
