"""`--format json`: every diagnostic with its location, fix and fingerprint.

The shape is described by `schemas/armc-report.schema.json`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from armc import __version__
from armc.analysis import fingerprint as fp
from armc.diagnostics import Diagnostic
from armc.perf import indented
from armc.report.common import counts, location

REPORT_VERSION = 1


def to_json_object(diagnostic: Diagnostic) -> dict[str, Any]:
    fix: dict[str, Any] | None = None
    if diagnostic.fix is not None:
        fix = {
            "description": diagnostic.fix.description,
            "edits": [{"location": location(e.span), "text": e.text} for e in diagnostic.fix.edits],
        }
    return {
        "code": diagnostic.code,
        "name": diagnostic.name,
        "severity": diagnostic.severity.label,
        "message": diagnostic.message,
        "location": location(diagnostic.span),
        "related": [
            {"message": r.message, "location": location(r.span)} for r in diagnostic.related
        ],
        "hint": diagnostic.hint,
        "help_url": diagnostic.help_url,
        "fingerprint": fp.of(diagnostic),
        "fix": fix,
    }


def render_json(diagnostics: Sequence[Diagnostic]) -> str:
    totals = counts(diagnostics)
    document = {
        "version": REPORT_VERSION,
        "tool": {"name": "armc", "version": __version__},
        "summary": {
            **{severity.label: count for severity, count in totals.items()},
            "total": len(diagnostics),
        },
        "diagnostics": [to_json_object(d) for d in diagnostics],
    }
    # Only strings, integers, None, lists and dicts (see `to_json_object`): no float to check.
    return indented(document, plain=True)
