"""One `Diagnostic` for every stage: errors are data, only bugs raise."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from armc.source import Span, pickled_as_fields


class Severity(enum.IntEnum):
    """Ordered so that `a >= b` means "a is at least as severe as b"."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        try:
            return cls[text.upper()]
        except KeyError:
            raise ValueError(f"unknown severity {text!r} (error, warning, info)") from None


@pickled_as_fields
@dataclass(frozen=True, slots=True)
class Related:
    """Another location that explains a diagnostic (e.g. each member of a cycle)."""

    span: Span
    message: str


@pickled_as_fields
@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the text of `span` with `text` (an empty `text` deletes it)."""

    span: Span
    text: str


@pickled_as_fields
@dataclass(frozen=True, slots=True)
class Fix:
    """A mechanical fix: a description and the text edits that apply it."""

    description: str
    edits: tuple[Edit, ...] = ()


@pickled_as_fields
@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A finding or an input error.

    `code` is the stable id (`DSL101`, `ARM001`, `AZS012`), `name` the kebab-case slug
    (`undefined-name`, `dependency-cycle`). `fix` and `fingerprint` are optional extras that
    reports use (SARIF `fixes` and `partialFingerprints`, baselines)."""

    code: str
    name: str
    severity: Severity
    message: str
    span: Span | None = None
    related: tuple[Related, ...] = ()
    hint: str | None = None
    help_url: str | None = None
    fix: Fix | None = None
    fingerprint: str | None = None
    """Stable identity of a finding across unrelated edits (set by the analysis engine)."""

    def sort_key(self) -> tuple[str, int, int, str, str]:
        if self.span is None:
            return ("", 0, 0, self.code, self.message)
        return (self.span.file, self.span.line, self.span.column, self.code, self.message)


@dataclass
class Diagnostics:
    """An ordered collection of diagnostics produced by one stage."""

    items: list[Diagnostic] = field(default_factory=list)

    def add(self, diagnostic: Diagnostic) -> None:
        self.items.append(diagnostic)

    def report(
        self,
        severity: Severity,
        code: str,
        name: str,
        message: str,
        span: Span | None = None,
        *,
        hint: str | None = None,
        related: Iterable[Related] = (),
    ) -> Diagnostic:
        diagnostic = Diagnostic(code, name, severity, message, span, tuple(related), hint)
        self.items.append(diagnostic)
        return diagnostic

    def error(
        self,
        code: str,
        name: str,
        message: str,
        span: Span | None = None,
        *,
        hint: str | None = None,
        related: Iterable[Related] = (),
    ) -> Diagnostic:
        return self.report(Severity.ERROR, code, name, message, span, hint=hint, related=related)

    def warning(
        self,
        code: str,
        name: str,
        message: str,
        span: Span | None = None,
        *,
        hint: str | None = None,
        related: Iterable[Related] = (),
    ) -> Diagnostic:
        return self.report(Severity.WARNING, code, name, message, span, hint=hint, related=related)

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.items.extend(diagnostics)

    @property
    def has_errors(self) -> bool:
        return any(d.severity is Severity.ERROR for d in self.items)

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def sorted(self) -> list[Diagnostic]:
        return sorted(self.items, key=Diagnostic.sort_key)


class CompileError(Exception):
    """Raised to stop a stage that cannot go on; carries the diagnostics that explain why.

    Front-ends raise it for input errors; the CLI prints the diagnostics and exits 2."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = list(diagnostics)
        first = self.diagnostics[0].message if self.diagnostics else "compilation failed"
        super().__init__(first)


def did_you_mean(name: str, candidates: Iterable[str]) -> str | None:
    """The closest candidate to a misspelt name, as a hint, or None."""
    import difflib

    pool = sorted(set(candidates))
    lowered = {c.lower(): c for c in pool}
    if name.lower() in lowered:
        return f"did you mean '{lowered[name.lower()]}'?"
    matches = difflib.get_close_matches(name, pool, n=1, cutoff=0.6)
    return f"did you mean '{matches[0]}'?" if matches else None
