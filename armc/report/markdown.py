"""`--format markdown`: a summary for a pull-request comment."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from armc.diagnostics import Diagnostic
from armc.report.common import counts, plural

MAX_ROWS = 50


def _cell(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace("|", "\\|")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\r", " ")
        .replace("\n", " ")
    )


def _rule(diagnostic: Diagnostic) -> str:
    label = f"`{diagnostic.code}` {_cell(diagnostic.name)}"
    if diagnostic.help_url:
        return f"[`{diagnostic.code}`]({diagnostic.help_url}) {_cell(diagnostic.name)}"
    return label


def render_markdown(diagnostics: Sequence[Diagnostic], max_rows: int = MAX_ROWS) -> str:
    totals = counts(diagnostics)
    if not diagnostics:
        return "### armc\n\nNo findings.\n"
    summary = ", ".join(plural(n, s.label) for s, n in totals.items())
    lines = [f"### armc: {summary}", ""]
    lines += ["| Severity | Count |", "| --- | ---: |"]
    lines += [f"| {s.label} | {n} |" for s, n in totals.items()]
    lines.append("")
    by_rule = Counter((d.code, d.name) for d in diagnostics)
    lines += ["| Rule | Findings |", "| --- | ---: |"]
    for (code, name), number in sorted(by_rule.items()):
        lines.append(f"| `{code}` {_cell(name)} | {number} |")
    lines.append("")
    lines += ["| Severity | Location | Rule | Message |", "| --- | --- | --- | --- |"]
    for diagnostic in diagnostics[:max_rows]:
        span = diagnostic.span
        where = f"`{_cell(str(span))}`" if span else ""
        lines.append(
            f"| {diagnostic.severity.label} | {where} | {_rule(diagnostic)} "
            f"| {_cell(diagnostic.message)} |"
        )
    hidden = len(diagnostics) - max_rows
    if hidden > 0:
        lines += ["", f"…and {plural(hidden, 'more finding')} (see the full report)."]
    return "\n".join(lines) + "\n"
