"""Applying mechanical fixes to source text (for a future `armc lint --fix`, and to prove in
tests that every fix the rules offer yields the intended document)."""

from __future__ import annotations

from collections.abc import Iterable

from armc.diagnostics import Edit, Fix
from armc.source import SourceFile


class OverlappingEditsError(ValueError):
    """Two edits touch the same text; apply them in separate passes."""


def apply_fixes(source: SourceFile, fixes: Iterable[Fix]) -> str:
    """The text of `source` with every edit of `fixes` that targets it applied."""
    edits = sorted(
        (e for fix in fixes for e in fix.edits if e.span.file == source.path),
        key=lambda e: (e.span.line, e.span.column),
    )
    return apply_edits(source, edits)


def apply_edits(source: SourceFile, edits: Iterable[Edit]) -> str:
    ranges = sorted(
        (
            source.offset(e.span.line, e.span.column),
            source.offset(e.span.end_line, e.span.end_column),
            e.text,
        )
        for e in edits
    )
    parts: list[str] = []
    position = 0
    for start, end, text in ranges:
        if start < position:
            raise OverlappingEditsError(f"overlapping edits at offset {start}")
        parts += [source.text[position:start], text]
        position = end
    parts.append(source.text[position:])
    return "".join(parts)
