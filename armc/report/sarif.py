"""`--format sarif`: SARIF 2.1.0 for code-scanning services.

`tool.driver.rules` describes every known rule (id, slug, descriptions, help URI, default
level, category and equivalents); each result points at its region, carries a
`partialFingerprints` entry that survives unrelated edits, and `fixes` when the fix is
mechanical. The results of rules whose related locations are a network path (a rule class with
`related_is_path = True`: vm-management-port-exposed, vm-internet-exposure) also carry the
path as a `codeFlows[].threadFlows[].locations[]` sequence, starting from the Internet; their
`relatedLocations` stay, for viewers that show only those."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from armc import __version__
from armc.analysis import fingerprint as fp
from armc.diagnostics import Diagnostic, Severity
from armc.perf import indented
from armc.rules.base import Rule
from armc.source import Span

SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_DEFAULT_LEVEL = {"error": "error", "warning": "warning", "info": "note", "off": "none"}
_SECURITY_SEVERITY = {"error": "8.0", "warning": "5.0", "info": "2.0", "off": "0.0"}
"""GitHub code scanning ranks security results by `properties.security-severity` (0-10)."""


@functools.lru_cache(maxsize=4096)
def artifact_uri(path: str) -> str:
    """A file path as a SARIF URI: relative paths stay relative, with '/' separators.
    (Memoised: a report names the same few files thousands of times.)"""
    if PureWindowsPath(path).drive:
        return "file:///" + quote(PureWindowsPath(path).as_posix())
    posix = path.replace("\\", "/")
    if PurePosixPath(posix).is_absolute():
        return "file://" + quote(posix)
    return quote(posix)


def _region(span: Span) -> dict[str, int]:
    return {
        "startLine": span.line,
        "startColumn": span.column,
        "endLine": span.end_line,
        "endColumn": span.end_column,
    }


def _physical(span: Span) -> dict[str, Any]:
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": artifact_uri(span.file)},
            "region": _region(span),
        }
    }


def _descriptor(rule: type[Rule]) -> dict[str, Any]:
    level = _DEFAULT_LEVEL[rule.default_severity]
    configuration: dict[str, Any] = {"level": level}
    if rule.default_severity == "off":
        configuration["enabled"] = False
    properties: dict[str, Any] = {
        "category": rule.category,
        "equivalents": list(rule.equivalents),
        "tags": [rule.category],
    }
    if rule.category == "security":
        properties["security-severity"] = _SECURITY_SEVERITY[rule.default_severity]
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.rationale},
        "helpUri": rule.help_uri,
        "help": {"text": f"{rule.summary} {rule.rationale}"},
        "defaultConfiguration": configuration,
        "properties": properties,
    }


INTERNET = "the Internet"
"""The first step of a network path's code flow: a location with a message and no file."""


def _code_flow(diagnostic: Diagnostic) -> dict[str, Any]:
    """The diagnostic's related locations as one thread flow from the Internet; the step the
    result points at (the NSG rule that lets the traffic in, or the entry) is `essential`."""
    steps: list[dict[str, Any]] = [
        {
            "location": {"message": {"text": INTERNET}},
            "executionOrder": 0,
            "importance": "important",
        }
    ]
    for order, related in enumerate(diagnostic.related, start=1):
        decisive = related.span == diagnostic.span
        steps.append(
            {
                "location": {**_physical(related.span), "message": {"text": related.message}},
                "executionOrder": order,
                "importance": "essential" if decisive else "important",
            }
        )
    last = diagnostic.related[-1].message if diagnostic.related else ""
    return {
        "message": {"text": f"from {INTERNET} to {last}" if last else f"from {INTERNET}"},
        "threadFlows": [{"locations": steps}],
    }


def _result(diagnostic: Diagnostic, index: int, path: bool = False) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": diagnostic.code,
        "ruleIndex": index,
        "level": _LEVEL[diagnostic.severity],
        "message": {"text": diagnostic.message},
    }
    if diagnostic.span is not None:
        result["locations"] = [_physical(diagnostic.span)]
    if diagnostic.related:
        result["relatedLocations"] = [
            {"id": i, **_physical(r.span), "message": {"text": r.message}}
            for i, r in enumerate(diagnostic.related)
        ]
        if path:
            result["codeFlows"] = [_code_flow(diagnostic)]
    result["partialFingerprints"] = {fp.VERSION: fp.of(diagnostic)}
    fix = diagnostic.fix
    if fix is not None and fix.edits:
        by_file: dict[str, list[dict[str, Any]]] = {}
        for edit in fix.edits:
            by_file.setdefault(edit.span.file, []).append(
                {"deletedRegion": _region(edit.span), "insertedContent": {"text": edit.text}}
            )
        result["fixes"] = [
            {
                "description": {"text": fix.description},
                "artifactChanges": [
                    {"artifactLocation": {"uri": artifact_uri(file)}, "replacements": changes}
                    for file, changes in sorted(by_file.items())
                ],
            }
        ]
    if diagnostic.hint:
        result["properties"] = {"hint": diagnostic.hint}
    return result


def render_sarif(diagnostics: Sequence[Diagnostic], rules: Iterable[type[Rule]]) -> str:
    known = sorted(rules, key=lambda r: r.id)
    descriptors = [_descriptor(rule) for rule in known]
    index = {rule.id: i for i, rule in enumerate(known)}
    paths = {rule.id for rule in known if getattr(rule, "related_is_path", False) is True}
    extra = sorted({(d.code, d.name) for d in diagnostics if d.code not in index})
    for code, name in extra:
        if code in index:  # one code with two names: keep the first
            continue
        index[code] = len(descriptors)
        descriptors.append({"id": code, "name": name})
    run = {
        "tool": {
            "driver": {
                "name": "armc",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": descriptors,
            }
        },
        "columnKind": "unicodeCodePoints",
        "results": [_result(d, index[d.code], d.code in paths) for d in diagnostics],
    }
    document = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return indented(document)
