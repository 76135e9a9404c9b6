"""gcc-style diagnostics with a code frame: `file:line:col: error[CODE]: message`."""

from __future__ import annotations

from collections.abc import Iterable

from armc.diagnostics import Diagnostic, Severity
from armc.source import SourceRegistry, Span

_COLOURS = {
    Severity.ERROR: "\x1b[1;31m",
    Severity.WARNING: "\x1b[1;33m",
    Severity.INFO: "\x1b[1;36m",
}
_BOLD = "\x1b[1m"
_DIM = "\x1b[2m"
_RESET = "\x1b[0m"


_UNPRINTABLE = {
    code: "\ufffd"
    for part in (range(0x00, 0x09), range(0x0A, 0x20), range(0x7F, 0xA0), range(0x202A, 0x202F))
    for code in part
} | {code: "\ufffd" for code in range(0x2066, 0x206A)}
"""Control characters (ESC would let a template rewrite the terminal) and bidi overrides
(Trojan Source): shown as U+FFFD, one column each, so carets still line up."""


def printable(text: str) -> str:
    return text.translate(_UNPRINTABLE)


def format_location(span: Span | None) -> str:
    return f"{span.file}:{span.line}:{span.column}" if span else "armc"


def render_diagnostic(
    diagnostic: Diagnostic, sources: SourceRegistry | None = None, *, colour: bool = False
) -> str:
    """One diagnostic: a header line, the source line with a caret, related spans, the hint."""
    severity = diagnostic.severity.label
    header_kind = f"{severity}[{diagnostic.code}]"
    if colour:
        header_kind = f"{_COLOURS[diagnostic.severity]}{header_kind}{_RESET}"
    location = printable(format_location(diagnostic.span))
    lines = [f"{location}: {header_kind}: {printable(diagnostic.message)}"]
    if diagnostic.span is not None:
        lines.extend(_code_frame(diagnostic.span, sources, colour))
    for related in diagnostic.related:
        where = printable(format_location(related.span))
        lines.append(f"  note: {where}: {printable(related.message)}")
    if diagnostic.hint:
        lines.append(f"  hint: {printable(diagnostic.hint)}")
    return "\n".join(lines)


def _code_frame(span: Span, sources: SourceRegistry | None, colour: bool) -> list[str]:
    source = sources.get(span.file) if sources else None
    if source is None:
        return []
    text = source.line_text(span.line)
    if not text and span.line > source.line_count:
        return []
    shown = printable(text.expandtabs(1))
    if len(shown) > 200:  # keep huge minified lines readable
        start = max(0, span.column - 80)
        shown = shown[start : start + 160]
        caret_col = span.column - start
    else:
        caret_col = span.column
    width = 1
    if span.end_line == span.line and span.end_column > span.column:
        width = span.end_column - span.column
    width = max(1, min(width, len(shown) - caret_col + 2))
    gutter = f"{span.line:>5} | "
    caret = " " * (len(gutter) - 2) + "| " + " " * (caret_col - 1) + "^" + "~" * (width - 1)
    if colour:
        gutter = f"{_DIM}{gutter}{_RESET}"
        caret = f"{_BOLD}{caret}{_RESET}"
    return [gutter + shown, caret]


def render_all(
    diagnostics: Iterable[Diagnostic],
    sources: SourceRegistry | None = None,
    *,
    colour: bool = False,
) -> str:
    return "\n".join(render_diagnostic(d, sources, colour=colour) for d in diagnostics)


def summary_line(diagnostics: list[Diagnostic]) -> str:
    counts = {s: 0 for s in Severity}
    for diagnostic in diagnostics:
        counts[diagnostic.severity] += 1
    parts = [f"{counts[s]} {s.label}{'s' if counts[s] != 1 else ''}" for s in reversed(Severity)]
    return ", ".join(parts)
