"""`# armc: ignore[RULE, RULE2] reason` comments, kept for the analysis stage."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from armc.source import SourceFile, Span

_SUPPRESSION = re.compile(r"#\s*armc:\s*ignore\[([^\]]*)\]\s*(.*)$")


@dataclass(frozen=True, slots=True)
class Suppression:
    """Suppress `rule` on the line of the comment, or on the next code line when the comment
    stands alone on its line (`applies_to_line`)."""

    rule: str
    reason: str
    span: Span
    applies_to_line: int


def code_characters(line: str) -> Iterator[tuple[int, str]]:
    """(index, character) of what is code on one line: everything outside strings (which never
    span lines); a comment's `#` is the last character yielded."""
    in_string = False
    escaped = False
    for position, char in enumerate(line):
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
            continue
        if char == '"':
            in_string = True
            continue
        yield position, char
        if char == "#":
            return


def _comment_start(line: str) -> int:
    """The index of the `#` that starts a comment on `line` (outside strings), or -1."""
    return next((position for position, char in code_characters(line) if char == "#"), -1)


def parse_suppressions(source: SourceFile) -> list[Suppression]:
    found: list[Suppression] = []
    lines = source.text.split("\n")
    for number, line in enumerate(lines, start=1):
        start = _comment_start(line)
        if start < 0:
            continue
        match = _SUPPRESSION.match(line[start:].rstrip("\r"))
        if match is None:
            continue
        target = number
        if not line[:start].strip():
            target = next(
                (
                    n
                    for n in range(number + 1, len(lines) + 1)
                    if lines[n - 1].strip() and not lines[n - 1].lstrip().startswith("#")
                ),
                number,
            )
        span = Span(source.path, number, start + 1, number, len(line.rstrip("\r")) + 1)
        for rule in match.group(1).split(","):
            if rule.strip():
                found.append(Suppression(rule.strip(), match.group(2).strip(), span, target))
    return found
