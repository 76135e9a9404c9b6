"""Helpers shared by sub-commands: printing diagnostics and exit codes."""

from __future__ import annotations

import sys
from collections.abc import Iterable

import click

from armc.diagnostics import Diagnostic, Severity
from armc.report.text import render_diagnostic
from armc.source import SourceRegistry

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INPUT = 2

SEVERITY_CHOICE = click.Choice(["error", "warning", "info", "never"], case_sensitive=False)


def print_diagnostics(diagnostics: Iterable[Diagnostic], sources: SourceRegistry) -> None:
    colour = sys.stderr.isatty()
    for diagnostic in diagnostics:
        click.echo(render_diagnostic(diagnostic, sources, colour=colour), err=True)


def fails(diagnostics: Iterable[Diagnostic], fail_on: str) -> bool:
    """True when some diagnostic is at or above the --fail-on level."""
    if fail_on == "never":
        return False
    threshold = Severity.parse(fail_on)
    return any(d.severity >= threshold for d in diagnostics)
