"""The part of `armc lint` after each file is checked: merge, baseline, render.

The lint command checks each file (load, `analyse`) into a `FileReport`, possibly in worker
processes (`armc.analysis.batch.run_batch`), then calls `finish` once."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from armc.analysis.baseline import load_baseline, write_baseline
from armc.diagnostics import Diagnostic
from armc.rules.base import Rule
from armc.source import SourceFile, SourceRegistry, Span


@dataclass(frozen=True)
class FileReport:
    """What checking one file produced (picklable, so it can come from a worker process).

    `secrets` are the spans of secret literals (`armc.analysis.secrets.secret_spans`)."""

    path: str
    diagnostics: tuple[Diagnostic, ...]
    source: SourceFile | None = None
    secrets: tuple[Span, ...] = ()
    other_sources: tuple[SourceFile, ...] = ()
    """Further files the diagnostics may point into (parameters files, linked templates)."""


@dataclass(frozen=True)
class Outcome:
    text: str
    """The rendered report."""
    diagnostics: list[Diagnostic]
    """What was reported (after the baseline), sorted: decide the exit code from these."""
    baselined: int
    """How many findings the baseline hid."""


def finish(
    reports: Iterable[FileReport],
    *,
    format: str = "text",
    rules: Iterable[type[Rule]] | None = None,
    baseline: Path | None = None,
    write_baseline_to: Path | None = None,
    colour: bool = False,
) -> Outcome:
    """Merge the reports (sorted deterministically), write and/or apply a baseline, render.

    With `write_baseline_to`, every finding is recorded there first; with `baseline`, the
    findings it records are left out. Raises CompileError for an unreadable baseline."""
    from armc.report.render import render

    reports = list(reports)
    diagnostics = sorted(
        (d for report in reports for d in report.diagnostics), key=Diagnostic.sort_key
    )
    if write_baseline_to is not None:
        write_baseline(write_baseline_to, diagnostics)
    hidden = 0
    if baseline is not None:
        diagnostics, hidden = load_baseline(baseline).filter(diagnostics)
    sources = SourceRegistry()
    for report in reports:
        for source in (report.source, *report.other_sources):
            if source is not None and sources.get(source.path) is None:
                sources.add(source)
    secrets: Sequence[Span] = [s for report in reports for s in report.secrets]
    text = render(
        diagnostics,
        format,
        sources,
        rules,
        colour=colour,
        files=[report.path for report in reports],
        secrets=secrets,
    )
    return Outcome(text, diagnostics, hidden)
