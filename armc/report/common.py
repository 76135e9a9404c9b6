"""Small helpers shared by the report formats."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from armc.diagnostics import Diagnostic, Severity
from armc.source import Span


def counts(diagnostics: Iterable[Diagnostic]) -> dict[Severity, int]:
    """How many diagnostics of each severity, most severe first."""
    totals = {severity: 0 for severity in sorted(Severity, reverse=True)}
    for diagnostic in diagnostics:
        totals[diagnostic.severity] += 1
    return totals


def location(span: Span | None) -> dict[str, Any] | None:
    """A span as a JSON object (1-based lines and columns; the end is exclusive)."""
    if span is None:
        return None
    return {
        "file": span.file,
        "line": span.line,
        "column": span.column,
        "end_line": span.end_line,
        "end_column": span.end_column,
    }


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"
