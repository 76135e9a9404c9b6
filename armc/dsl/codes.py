"""Every DSL diagnostic code with its kebab-case name (docs/language.md keeps the same table)."""

from __future__ import annotations

from collections.abc import Iterable

from armc.diagnostics import Diagnostic, Diagnostics, Related
from armc.source import Span

CODES: dict[str, str] = {
    # DSL1xx: syntax
    "DSL101": "syntax-error",
    "DSL102": "unterminated-string",
    "DSL103": "unexpected-character",
    "DSL104": "unexpected-end-of-input",
    "DSL105": "unknown-keyword",
    "DSL106": "missing-argument",
    "DSL107": "unexpected-argument",
    "DSL108": "invalid-interpolation",
    "DSL109": "misplaced-clause",
    "DSL110": "duplicate-setting",
    "DSL111": "unreadable-file",
    # DSL2xx: names
    "DSL201": "undefined-name",
    "DSL202": "duplicate-name",
    "DSL203": "import-cycle",
    "DSL204": "import-not-found",
    "DSL205": "invalid-name",
    "DSL206": "circular-variable",
    "DSL207": "unknown-function",
    # DSL3xx: types and values
    "DSL301": "type-mismatch",
    "DSL302": "invalid-cidr",
    "DSL303": "subnet-outside-vnet",
    "DSL304": "invalid-port",
    "DSL305": "unknown-image",
    "DSL306": "unknown-vm-size",
    "DSL307": "insecure-password",
    "DSL308": "ssh-on-windows",
    "DSL309": "overlapping-subnets",
    "DSL310": "invalid-count",
    "DSL311": "invalid-value",
    "DSL312": "missing-credentials",
    "DSL313": "invalid-priority",
    "DSL314": "duplicate-priority",
    "DSL315": "bastion-subnet",
    "DSL316": "zone-and-avset",
    "DSL317": "invalid-api-version",
    "DSL318": "unknown-attribute",
}


def name_of(code: str) -> str:
    return CODES[code]


def report(
    diagnostics: Diagnostics,
    code: str,
    message: str,
    span: Span | None,
    *,
    hint: str | None = None,
    related: Iterable[Related] = (),
) -> Diagnostic:
    """Add an error with `code` and its registered name."""
    return diagnostics.error(code, CODES[code], message, span, hint=hint, related=related)


class Reporter:
    """For the passes' classes: `self.report(code, message, span, hint=...)`."""

    diagnostics: Diagnostics

    def report(self, code: str, message: str, span: Span | None, hint: str | None = None) -> None:
        report(self.diagnostics, code, message, span, hint=hint)
