"""`--format github`: GitHub Actions workflow commands, one annotation per diagnostic."""

from __future__ import annotations

from collections.abc import Sequence

from armc.diagnostics import Diagnostic, Severity

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(diagnostic: Diagnostic) -> str:
    properties: list[str] = []
    span = diagnostic.span
    if span is not None:
        properties += [
            f"file={_property(span.file)}",
            f"line={span.line}",
            f"endLine={span.end_line}",
            f"col={span.column}",
        ]
        if span.end_line == span.line:
            properties.append(f"endColumn={span.end_column}")
    properties.append(f"title={_property(f'{diagnostic.code} {diagnostic.name}')}")
    message = diagnostic.message
    if diagnostic.hint:
        message += f"\nhint: {diagnostic.hint}"
    return f"::{_COMMAND[diagnostic.severity]} {','.join(properties)}::{_data(message)}"


def render_github(diagnostics: Sequence[Diagnostic]) -> str:
    return "".join(annotation(d) + "\n" for d in diagnostics)
