"""Text to IR `Program`: Lark parse errors become located diagnostics in plain words."""

from __future__ import annotations

from typing import cast

import lark
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from armc.diagnostics import CompileError, Diagnostic, Diagnostics, did_you_mean
from armc.dsl.codes import report
from armc.dsl.comments import code_characters
from armc.dsl.grammar import builder, parser
from armc.dsl.ir import Program, Statement
from armc.source import SourceFile, Span

STATEMENT_KEYWORDS = ("param", "var", "output", "import")

_TOKEN_WORDS = {
    "NAME": "a name",
    "WORD": "a word",
    "INT": "a number",
    "STRING": "a string",
    "_NL": "a new line",
    "$END": "the end of the file",
    "COMPARE": "a comparison",
    "ADD": "'+' or '-'",
    "MUL": "'*', '/' or '%'",
    "SECURE": "'secure'",
}


def describe_terminal(name: str) -> str:
    """A terminal name in plain words: `'{'` for LBRACE, `a name` for NAME."""
    if name in _TOKEN_WORDS:
        return _TOKEN_WORDS[name]
    for terminal in parser().terminals:
        if terminal.name == name and terminal.pattern.type == "str":
            return f"'{terminal.pattern.value}'"
    return name.lower()


def describe_expected(names: set[str] | frozenset[str] | list[str]) -> str:
    words = sorted({describe_terminal(n) for n in names if not n.startswith("__")})
    if not words:
        return "something else"
    if len(words) > 8:
        words = [*words[:8], "..."]
    return ", ".join(words[:-1]) + (" or " if len(words) > 1 else "") + words[-1]


def _describe_token(token: lark.Token) -> str:
    if token.type == "_NL":
        return "end of line"
    if token.type == "$END":
        return "end of file"
    return f"'{token.value}'"


def syntax_diagnostic(error: UnexpectedInput, source: SourceFile) -> Diagnostic:
    """One diagnostic for a Lark error, located at the offending character or token."""
    diagnostics = Diagnostics()
    line = getattr(error, "line", 1) or 1
    column = getattr(error, "column", 1) or 1
    if isinstance(error, UnexpectedCharacters):
        span = Span.point(source.path, line, column)
        position = error.pos_in_stream or 0
        char = source.text[position] if position < len(source.text) else ""
        if char == '"':
            return report(
                diagnostics,
                "DSL102",
                "unterminated string: the closing '\"' is missing",
                span,
                hint="strings end on the line they start; close it with '\"'",
            )
        expected = describe_expected(error.allowed or set())
        return report(
            diagnostics,
            "DSL103",
            f"unexpected character {char!r}; expected {expected}",
            span,
        )
    if isinstance(error, UnexpectedToken) and error.token.type != "$END":
        token = error.token
        end_line = token.end_line or line
        end_column = token.end_column or column + 1
        if token.type == "_NL":
            # point at the end of the line instead of the start of the next one
            line, column = token.line or line, token.column or column
            end_line, end_column = line, column + 1
        span = Span(source.path, line, column, end_line, end_column)
        expected = describe_expected(error.expected)
        hint = _keyword_hint(source, line)
        return report(
            diagnostics,
            "DSL101",
            f"unexpected {_describe_token(token)}; expected {expected}",
            span,
            hint=hint,
        )
    expected_names: list[str] = []
    if isinstance(error, UnexpectedToken | UnexpectedEOF):
        expected_names = [str(name) for name in error.expected]
    last_line = max(source.line_count, 1)
    text = source.line_text(last_line)
    span = Span.point(source.path, last_line, len(text) + 1)
    opened = unclosed_bracket(source.text)
    hint = None
    if opened is not None:
        char, line, column = opened
        hint = f"the '{char}' at line {line}, column {column} is never closed"
    return report(
        diagnostics,
        "DSL104",
        f"the file ends too early; expected {describe_expected(expected_names)}",
        span,
        hint=hint,
    )


_CLOSERS = {"{": "}", "[": "]", "(": ")"}


def unclosed_bracket(text: str) -> tuple[str, int, int] | None:
    """The innermost bracket left open at the end of `text` (outside strings and comments),
    as (bracket, line, column)."""
    stack: list[tuple[str, int, int]] = []
    for number, line in enumerate(text.split("\n"), start=1):
        for position, char in code_characters(line):
            if char in _CLOSERS:
                stack.append((char, number, position + 1))
            elif stack and char == _CLOSERS[stack[-1][0]]:
                stack.pop()
    return stack[-1] if stack else None


def _keyword_hint(source: SourceFile, line: int) -> str | None:
    """`parm x: int` fails at ':'; suggest the statement keyword the line probably meant."""
    words = source.line_text(line).split()
    if not words or words[0] in STATEMENT_KEYWORDS:
        return None
    return did_you_mean(words[0], STATEMENT_KEYWORDS)


def parse_program(source: SourceFile) -> Program:
    """Parse one file into its syntax IR (no meaning yet); raises CompileError."""
    lark_parser = parser()
    ir_builder = builder()
    ir_builder.begin(source)
    try:
        statements = lark_parser.parse(source.text, start="start")
    except UnexpectedInput as error:
        raise CompileError([syntax_diagnostic(error, source)]) from None
    if ir_builder.diagnostics.has_errors:
        raise CompileError(ir_builder.diagnostics.sorted())
    whole = source.span(0, len(source.text))
    return Program(source.path, tuple(cast(list[Statement], statements)), whole)
