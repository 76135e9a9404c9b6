"""Values of a parameters file that does not parse, kept out of code frames and messages.

With no parse there is no path to say which value belongs to a secure parameter, so every value
counts as one: `linting` masks them in code frames, and `linting` and `armc cost` drop a value a
reader message quotes (`unexpected 'hunter2': expected a value`). Lives in the ARM layer so that
`armc.cost` may use it too."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from armc.diagnostics import Diagnostic
from armc.source import SourceFile, Span

REDACTED = "[redacted]"  # as armc.analysis.secrets.REDACTED

_JSON_TOKEN = re.compile(r'(?P<string>"(?:[^"\\\n]|\\.)*"?)|(?P<word>[^\s,:{}\[\]"/]+)')
_NOT_SECRET = re.compile(r"true|false|null|-?[0-9][0-9.eE+-]*")


def unparsed_value_spans(source: SourceFile) -> list[Span]:
    """Spans of every value in a parameters file that does not parse, where no path says
    which values are secure: each string that is not a key (an unterminated one to the end of
    its line) and each bare word but `true`, `false`, `null` and numbers."""
    spans: list[Span] = []
    text = source.text
    for match in _JSON_TOKEN.finditer(text):
        if match.group("string") is not None:
            rest = text[match.end() :].lstrip(" \t")
            if match.group().endswith('"') and len(match.group()) > 1 and rest.startswith(":"):
                continue  # a key
            start, end = match.start() + 1, match.end()
            end -= 1 if match.group().endswith('"') and len(match.group()) > 1 else 0
        elif _NOT_SECRET.fullmatch(match.group()):
            continue
        else:
            start, end = match.start(), match.end()
        if end > start:
            spans.append(source.span(start, end))
    return spans


def redact_unparsed(diagnostics: Iterable[Diagnostic], source: SourceFile) -> list[Diagnostic]:
    """`diagnostics` with a quoted value of `source` (a parameters file that does not parse:
    `unexpected 'hunter2'`) in a message about that file replaced by REDACTED."""
    words = {
        source.text[source.offset(s.line, s.column) : source.offset(s.end_line, s.end_column)]
        for s in unparsed_value_spans(source)
    }
    out: list[Diagnostic] = []
    for diagnostic in diagnostics:
        message = diagnostic.message
        if diagnostic.span is not None and diagnostic.span.file == source.path:
            for word in sorted(words, key=len, reverse=True):
                message = message.replace(f"'{word}'", f"'{REDACTED}'")
        out.append(replace(diagnostic, message=message))
    return out
