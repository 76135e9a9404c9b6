"""The canonical layout of `.armc` text (`armc fmt`).

The parser drops comments, so the formatter works on its own token stream instead of the IR:
strings, comments, brackets, `,` `:`, operators, line continuations and *atoms* (maximal runs
of the characters words, names and numbers are made of: `[A-Za-z0-9_./-]` and anything else).
Atoms are never split or joined, and whitespace is only ever changed between tokens that the
armc lexer separates anyway, so a formatted file has the same lark tokens, in the same order,
on the same logical lines as the original: the same meaning and the same build output.

The layout:
* two spaces of indentation per open `{`, `[` or `(`; a line continued with `\\` indents the
  next one by four more spaces;
* one space between tokens, none inside brackets or before `,` and `:`, one after `,` and `:`,
  one around operators and inside `{ ... }` written on one line; whether a `(` or `[` follows a
  word with or without a space is kept (`zones(1, 2)`, `size (expr)`, `web[0]`);
* trailing whitespace removed, at most one blank line in a row, none at the start or end of the
  file or just inside a block, `\\n` line endings, one final newline;
* comments kept verbatim: a comment on a line of its own is indented like the code around it,
  and trailing comments on consecutive lines are aligned two spaces after the longest code.

Lines are never joined or split, so suppression comments keep applying to the same code.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

TokenKind = Literal["atom", "string", "open", "close", "comma", "colon", "op"]

INDENT = "  "
CONTINUATION_INDENT = "    "

_OPENERS = "{[("
_CLOSERS = "}])"
_TWO_CHAR_OPS = ("==", "!=", "<=", ">=", "->")
_ONE_CHAR_OPS = "=<>+*%!"
_STOP = set(' \t\f\r\n"#,:{}[]()=<>+*%!')


@dataclass(frozen=True, slots=True)
class Token:
    kind: TokenKind
    text: str
    spaced: bool  # whitespace stood before it on its line


@dataclass(slots=True)
class Line:
    """One physical line of the output before layout: its tokens and trailing comment."""

    tokens: list[Token]
    comment: str | None
    continued: bool  # the previous line ended with `\`


class FormatError(ValueError):
    """Text the tokenizer cannot read (an unterminated string): run the parser for details."""


def format_source(text: str) -> str:
    """The canonical layout of `text` (which should parse; see `armc fmt`)."""
    lines = _lines(text)
    return _layout(lines)


# ---- tokens -------------------------------------------------------------------------------


def _lines(text: str) -> list[Line | None]:
    """Physical lines as token lists; `None` stands for a blank line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("\ufeff"):
        text = text[1:]
    result: list[Line | None] = []
    continued = False
    for raw in text.split("\n"):
        tokens, comment, continues = _tokenize_line(raw)
        if not tokens and comment is None and not continues:
            result.append(None if not continued else Line([], None, True))
            continued = False
            continue
        result.append(Line(tokens, comment, continued))
        continued = continues
    return result


def _tokenize_line(line: str) -> tuple[list[Token], str | None, bool]:
    tokens: list[Token] = []
    position = 0
    size = len(line)
    spaced = False
    while position < size:
        char = line[position]
        if char in " \t\f":
            spaced = True
            position += 1
            continue
        if char == "#":
            return tokens, line[position:].rstrip(), False
        if char == "\\" and line[position + 1 :].strip() == "":
            return tokens, None, True
        if char == '"':
            end = _string_end(line, position)
            tokens.append(Token("string", line[position:end], spaced))
            position = end
        elif char in _OPENERS:
            tokens.append(Token("open", char, spaced))
            position += 1
        elif char in _CLOSERS:
            tokens.append(Token("close", char, spaced))
            position += 1
        elif char == ",":
            tokens.append(Token("comma", char, spaced))
            position += 1
        elif char == ":":
            tokens.append(Token("colon", char, spaced))
            position += 1
        elif line.startswith(_TWO_CHAR_OPS, position):
            tokens.append(Token("op", line[position : position + 2], spaced))
            position += 2
        elif char in _ONE_CHAR_OPS:
            tokens.append(Token("op", char, spaced))
            position += 1
        else:
            end = position + 1
            while end < size and line[end] not in _STOP and not line.startswith("->", end):
                if line[end] == "\\" and line[end + 1 :].strip() == "":
                    break
                end += 1
            tokens.append(Token("atom", line[position:end], spaced))
            position = end
        spaced = False
    return tokens, None, False


def _string_end(line: str, start: int) -> int:
    position = start + 1
    while position < len(line):
        char = line[position]
        if char == "\\":
            position += 2
            continue
        if char == '"':
            return position + 1
        position += 1
    raise FormatError("unterminated string")


# ---- layout -------------------------------------------------------------------------------


def _gap(previous: Token, token: Token) -> str:
    """The whitespace between two tokens on one line."""
    if token.kind in ("comma", "colon"):
        return ""
    if previous.kind in ("comma", "colon"):
        return " "
    if previous.kind == "open":
        if previous.text == "{":
            return "" if token.text == "}" else " "
        return ""
    if token.kind == "close":
        return " " if token.text == "}" else ""
    if token.kind == "open":
        if token.text == "{":
            return " "
        if previous.kind in ("atom", "string", "close"):
            return " " if token.spaced else ""
        return " "
    if previous.kind == "close" and previous.text != "}" and token.kind == "atom":
        return " " if token.spaced else ""
    return " "


def _code(tokens: list[Token]) -> str:
    parts: list[str] = []
    previous: Token | None = None
    for token in tokens:
        if previous is not None:
            parts.append(_gap(previous, token))
        parts.append(token.text)
        previous = token
    return "".join(parts)


@dataclass(slots=True)
class _Out:
    code: str
    comment: str | None
    opens: bool  # ends with an opener: no blank line may follow
    closes: bool  # starts with a closer: no blank line may precede


def _layout(lines: list[Line | None]) -> str:
    depth = 0
    out: list[_Out | None] = []
    for index, line in enumerate(lines):
        if line is None:
            out.append(None)
            continue
        following = lines[index + 1] if index + 1 < len(lines) else None
        continues = following is not None and following.continued
        tokens = line.tokens
        leading = 0
        while leading < len(tokens) and tokens[leading].kind == "close":
            leading += 1
        indent = INDENT * max(depth - leading, 0)
        if line.continued:
            indent += CONTINUATION_INDENT
        for token in tokens:
            if token.kind == "open":
                depth += 1
            elif token.kind == "close":
                depth = max(depth - 1, 0)
        code = _code(tokens)
        if continues:
            code = f"{code} \\" if code else "\\"
        out.append(
            _Out(
                indent + code,
                line.comment,
                bool(tokens) and tokens[-1].kind == "open" and not continues,
                bool(tokens) and tokens[0].kind == "close",
            )
        )
    return _render(_blank_lines(out))


def _blank_lines(out: list[_Out | None]) -> list[_Out | None]:
    result: list[_Out | None] = []
    for item in out:
        if item is None:
            if not result or result[-1] is None or result[-1].opens:
                continue
            result.append(None)
            continue
        if item.closes and result and result[-1] is None:
            result.pop()
        result.append(item)
    while result and result[-1] is None:
        result.pop()
    return result


def _render(out: list[_Out | None]) -> str:
    """Lines as text; trailing comments of a paragraph (lines between blank lines) align two
    spaces after its longest commented code."""
    rendered: list[str] = []
    index = 0
    while index < len(out):
        if out[index] is None:
            rendered.append("")
            index += 1
            continue
        end = index
        while end < len(out) and out[end] is not None:
            end += 1
        paragraph = [item for item in out[index:end] if item is not None]
        widths = [len(item.code) for item in paragraph if item.comment and item.code.strip()]
        column = max(widths, default=0) + 2
        for item in paragraph:
            if item.comment is None:
                rendered.append(item.code.rstrip())
            elif not item.code.strip():
                rendered.append(item.code + item.comment)
            else:
                rendered.append(item.code.ljust(column) + item.comment)
        index = end
    return "\n".join(rendered) + "\n" if rendered else ""
