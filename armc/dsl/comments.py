"""Where the code of a DSL line ends: strings are skipped, a `#` outside them starts a comment.

(Suppression comments themselves are read by `armc.analysis.suppressions`.)"""

from __future__ import annotations

from collections.abc import Iterator


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
