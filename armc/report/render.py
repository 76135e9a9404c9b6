"""One entry point for every output format."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from armc.diagnostics import Diagnostic
from armc.rules.base import Rule
from armc.source import SourceRegistry, Span

FORMATS = ("text", "json", "sarif", "github", "junit", "markdown")


def render(
    diagnostics: Sequence[Diagnostic],
    format: str,
    sources: SourceRegistry | None = None,
    rules: Iterable[type[Rule]] | None = None,
    *,
    colour: bool = False,
    files: Iterable[str] = (),
    secrets: Iterable[Span] = (),
) -> str:
    """The diagnostics (already sorted) as `format` text.

    `sources` gives the text format its code frames; `rules` describes the rules in SARIF
    (default: armc's registry); `files` lists every file checked (JUnit gives clean files a
    passing case); `secrets` are spans of secret values, masked wherever source text is shown
    (see `armc.analysis.secrets.secret_spans`)."""
    if format == "text":
        from armc.analysis.secrets import redact_sources
        from armc.report.text import render_all, summary_line

        shown = redact_sources(sources, secrets) if sources is not None else None
        body = render_all(diagnostics, shown, colour=colour)
        summary = summary_line(list(diagnostics))
        checked = len(list(files))
        if checked:
            summary = f"{checked} file{'s' if checked != 1 else ''} checked: {summary}"
        return f"{body}\n{summary}\n" if body else f"{summary}\n"
    if format == "json":
        from armc.report.json_report import render_json

        return render_json(diagnostics)
    if format == "sarif":
        from armc.report.sarif import render_sarif

        if rules is None:
            from armc.rules.registry import default_registry

            rules = default_registry()
        return render_sarif(diagnostics, rules)
    if format == "github":
        from armc.report.github import render_github

        return render_github(diagnostics)
    if format == "junit":
        from armc.report.junit import render_junit

        return render_junit(diagnostics, files)
    if format == "markdown":
        from armc.report.markdown import render_markdown

        return render_markdown(diagnostics)
    raise ValueError(f"unknown format {format!r} (one of {', '.join(FORMATS)})")
