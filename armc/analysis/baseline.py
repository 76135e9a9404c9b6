"""Baselines: record today's findings, then report only new ones.

`armc lint --write-baseline FILE` stores the fingerprint of every finding with its file and
rule; `armc lint --baseline FILE` drops the findings it matches. Matching counts occurrences:
if a file had two identical findings and now has three, one is reported."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from armc.analysis import fingerprint as fp
from armc.diagnostics import CompileError, Diagnostic, Severity
from armc.source import Span

VERSION = 1
CODE = ("ARMC005", "invalid-baseline")

Key = tuple[str, str, str]


def _key(diagnostic: Diagnostic) -> Key:
    file = diagnostic.span.file.replace("\\", "/") if diagnostic.span else ""
    return (file, diagnostic.code, fp.of(diagnostic))


@dataclass
class Baseline:
    """Known findings: (file, code, fingerprint) -> how many."""

    entries: Counter[Key]

    @classmethod
    def of(cls, diagnostics: Iterable[Diagnostic]) -> Baseline:
        return cls(Counter(_key(d) for d in diagnostics))

    def filter(self, diagnostics: Sequence[Diagnostic]) -> tuple[list[Diagnostic], int]:
        """(the diagnostics not in the baseline, how many were matched), order kept."""
        remaining = Counter(self.entries)
        new: list[Diagnostic] = []
        matched = 0
        for diagnostic in diagnostics:
            key = _key(diagnostic)
            if remaining[key] > 0:
                remaining[key] -= 1
                matched += 1
            else:
                new.append(diagnostic)
        return new, matched

    def to_json(self) -> str:
        findings = [
            {"file": file, "code": code, "fingerprint": digest, "count": count}
            for (file, code, digest), count in sorted(self.entries.items())
        ]
        document = {"version": VERSION, "tool": "armc", "findings": findings}
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def write_baseline(path: Path, diagnostics: Iterable[Diagnostic]) -> Baseline:
    """Store the fingerprints of `diagnostics` in `path` (sorted, so diffs are small)."""
    baseline = Baseline.of(diagnostics)
    try:
        path.write_text(baseline.to_json(), encoding="utf-8")
    except OSError as exc:  # a missing or read-only folder
        message = f"cannot write baseline {path}: {exc.strerror or exc}"
        raise CompileError([_error(message, str(path))]) from None
    return baseline


def load_baseline(path: Path) -> Baseline:
    """Read a baseline file. Raises CompileError (ARMC005) when it is missing or malformed."""
    display = str(path)
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise CompileError([_error(f"cannot read baseline {display}: {exc}", display)]) from None
    if not isinstance(document, dict) or document.get("version") != VERSION:
        raise CompileError(
            [_error(f"{display} is not an armc baseline (version {VERSION})", display)]
        )
    entries: Counter[Key] = Counter()
    findings = document.get("findings")
    if not isinstance(findings, list):
        raise CompileError([_error(f"{display}: 'findings' must be a list", display)])
    for item in findings:
        try:
            key = (str(item["file"]), str(item["code"]), str(item["fingerprint"]))
            count = int(item.get("count", 1))
        except (KeyError, TypeError, ValueError):
            raise CompileError([_error(f"{display}: malformed entry {item!r}", display)]) from None
        entries[key] += count
    return Baseline(entries)


def _error(message: str, file: str) -> Diagnostic:
    return Diagnostic(*CODE, Severity.ERROR, message, Span.point(file, 1, 1))
