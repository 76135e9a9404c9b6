"""Keeping secrets out of every output.

Rules never quote secure values, but a code frame prints source text, and a rule could slip.
`secret_spans` finds where a template writes secret literals (defaults of secure parameters);
`redact_sources` masks them in the sources that reports print; `scrub` removes secret text from
diagnostic messages as a last line of defence."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from armc.diagnostics import Diagnostic, Edit, Fix
from armc.model.template import Template
from armc.source import SourceFile, SourceRegistry, Span

Locate = Callable[[tuple[str | int, ...]], Span | None]

MASK = "*"
REDACTED = "[redacted]"
_MIN_SECRET = 8  # shorter literals are too likely to be ordinary words to scrub from text


def secret_values(template: Template) -> list[str]:
    """Literal strings in the defaults of secure parameters (longest first)."""
    values: set[str] = set()
    for parameter in template.parameters.values():
        if parameter.secure and "defaultValue" in parameter.body:
            values.update(_strings(parameter.body["defaultValue"]))
    return sorted((v for v in values if len(v) >= _MIN_SECRET), key=lambda v: (-len(v), v))


def _strings(value: object) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def secret_spans(template: Template) -> list[Span]:
    """Spans of the default values of secure parameters."""
    spans: list[Span] = []
    for parameter in template.parameters.values():
        if parameter.secure and "defaultValue" in parameter.body:
            span = template.source_map.exact((*parameter.path, "defaultValue"))
            if span is not None:
                spans.append(span)
    return sorted(set(spans))


def parameters_file_secret_spans(template: Template, values: Any, locate: Locate) -> list[Span]:
    """Spans of the values a parameters file gives the template's secure parameters
    (`values` is the parsed file, `locate` maps a JSON path in it to a span)."""
    secure = {name.lower() for name, p in template.parameters.items() if p.secure}
    given = values.get("parameters") if isinstance(values, dict) else None
    if not isinstance(given, dict):
        return []
    spans = [
        locate(("parameters", name, "value"))
        for name, entry in given.items()
        if name.lower() in secure and isinstance(entry, dict) and "value" in entry
    ]
    return sorted({span for span in spans if span is not None})


_DSL_SECURE_DEFAULT = re.compile(
    r"^[ \t]*param[ \t]+\w+[ \t]*:[ \t]*secure\b[^=#\n]*=([^#\n]*)", re.MULTILINE
)


def dsl_secret_spans(source: SourceFile) -> list[Span]:
    """Spans of the literal defaults of secure parameters in `.armc` text, found without
    compiling: a file that does not compile (a literal default is an error) is still masked."""
    return [
        source.span(match.start(1), match.end(1))
        for match in _DSL_SECURE_DEFAULT.finditer(source.text)
        if match.group(1).strip()
    ]


def redact_dsl_sources(sources: SourceRegistry) -> SourceRegistry:
    """`sources` with the secure defaults of every `.armc` file masked."""
    spans = [span for _, source in sources.items() for span in dsl_secret_spans(source)]
    return redact_sources(sources, spans)


def redact_sources(sources: SourceRegistry, spans: Iterable[Span]) -> SourceRegistry:
    """A copy of `sources` with the text of `spans` masked (same length, so columns hold)."""
    by_file: dict[str, list[Span]] = {}
    for span in spans:
        by_file.setdefault(span.file, []).append(span)
    redacted = SourceRegistry()
    for path, source in sources.items():
        masks = by_file.get(path)
        if not masks:
            redacted.add(source)
            continue
        text = list(source.text)
        for span in masks:
            start = source.offset(span.line, span.column)
            end = source.offset(span.end_line, span.end_column)
            for index in range(start, min(end, len(text))):
                if text[index] not in "\r\n":
                    text[index] = MASK
        redacted.add(SourceFile(source.path, "".join(text)))
    return redacted


def scrub(diagnostic: Diagnostic, secrets: Iterable[str]) -> Diagnostic:
    """The diagnostic with every secret literal replaced in its texts."""
    secrets = list(secrets)
    if not secrets:
        return diagnostic

    def clean(text: str | None) -> str | None:
        if text is None:
            return None
        for secret in secrets:
            text = text.replace(secret, REDACTED)
        return text

    fix = diagnostic.fix
    if fix is not None:
        fix = Fix(
            clean(fix.description) or "",
            tuple(Edit(e.span, clean(e.text) or "") for e in fix.edits),
        )
    return replace(
        diagnostic,
        message=clean(diagnostic.message) or "",
        hint=clean(diagnostic.hint),
        fix=fix,
    )
