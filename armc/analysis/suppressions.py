"""Suppressions: findings a team has decided to accept, each with a required reason.

Forms:
* DSL comments: `# armc: ignore[RULE, RULE2] reason` suppresses those rules on its own line
  when it trails code, or on the next code line when it stands alone; `# armc:
  ignore-file[RULE] reason` suppresses them in the whole file. An optional `expires=YYYY-MM-DD`
  may start the reason.
* ARM JSON: `"metadata": {"armc": {"ignore": [{"rule": "...", "reason": "...",
  "expires": "YYYY-MM-DD"}]}}` on a resource (that resource and anything under it), or in the
  template's top-level `metadata` (the whole file).

RULE is a rule id or slug. A suppression is active through its `expires` date; after that it
stops suppressing and says so. A suppression that suppresses nothing is reported (info)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

from armc.diagnostics import Diagnostic, Severity, did_you_mean
from armc.model.template import JsonPath, Template
from armc.rules.registry import RuleRegistry
from armc.source import Span

INVALID = ("ARMC002", "invalid-suppression")
EXPIRED = ("ARMC003", "expired-suppression")
UNUSED = ("ARMC004", "unused-suppression")

Scope = Literal["line", "file", "resource"]

_COMMENT = re.compile(r"armc:\s*(?P<kind>ignore-file|ignore)\s*\[(?P<rules>[^\]]*)\]?(?P<rest>.*)$")
_EXPIRES = re.compile(r"^expires=(\S*)\s*")


@dataclass
class Suppression:
    """One suppression as written. `line` is the line it covers (line scope)."""

    rules: tuple[str, ...]
    reason: str
    scope: Scope
    file: str
    span: Span | None
    line: int | None = None
    resource: str | None = None
    resource_path: JsonPath | None = None
    expires: dt.date | None = None
    used: set[str] = field(default_factory=set)

    def expired(self, today: dt.date) -> bool:
        return self.expires is not None and today > self.expires


class Subject(NamedTuple):
    """A rule finding as the engine made it: the diagnostic and what it is about. (A named
    tuple: one is made per finding, and a frozen dataclass sets each field through a call.)"""

    diagnostic: Diagnostic
    rule_id: str
    resource: str | None
    path: JsonPath


def comment_suppressions(text: str, file: str) -> tuple[list[Suppression], list[Diagnostic]]:
    """The `# armc: ignore[...]` comments of a DSL source text."""
    found: list[Suppression] = []
    problems: list[Diagnostic] = []
    lines = text.splitlines()
    for number, line in enumerate(lines, start=1):
        column = _comment_start(line)
        if column is None:
            continue
        comment = line[column + 1 :]
        if not comment.strip().startswith("armc:"):
            continue
        start = line.index("armc:", column)
        span = Span(file, number, start + 1, number, len(line.rstrip()) + 1)
        match = _COMMENT.match(comment.strip())
        if match is None:
            problems.append(
                _invalid(
                    "unrecognised armc comment",
                    span,
                    "write # armc: ignore[RULE] reason, or # armc: ignore-file[RULE] reason",
                )
            )
            continue
        rules = tuple(r.strip() for r in match.group("rules").split(",") if r.strip())
        rest = match.group("rest").strip()
        expires: dt.date | None = None
        date_match = _EXPIRES.match(rest)
        if date_match:
            rest = rest[date_match.end() :].strip()
            try:
                expires = dt.date.fromisoformat(date_match.group(1))
            except ValueError:
                problems.append(_invalid(f"bad expiry date '{date_match.group(1)}'", span))
                continue
        if "]" not in comment:
            problems.append(_invalid("missing ']' after the rule list", span))
            continue
        if not rules:
            problems.append(_invalid("no rule named in the suppression", span))
            continue
        if not rest:
            problems.append(
                _invalid(
                    "a suppression needs a reason: # armc: ignore[RULE] why this is acceptable",
                    span,
                )
            )
            continue
        if match.group("kind") == "ignore-file":
            found.append(Suppression(rules, rest, "file", file, span, expires=expires))
        else:
            standalone = not line[:column].strip()
            target = _next_code_line(lines, number) if standalone else number
            found.append(Suppression(rules, rest, "line", file, span, target, expires=expires))
    return found, problems


def _comment_start(line: str) -> int | None:
    """Index of the '#' that starts a comment (not inside a "string", the DSL's only string
    form, where a backslash escapes the next character), or None."""
    in_string = False
    escaped = False
    for index, char in enumerate(line):
        if escaped:
            escaped = False
        elif in_string:
            if char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char == "#":
            return index
    return None


def _next_code_line(lines: Sequence[str], number: int) -> int:
    """The first line after `number` that is neither blank nor only a comment."""
    for index in range(number, len(lines)):
        stripped = lines[index].strip()
        if stripped and not stripped.startswith("#"):
            return index + 1
    return number + 1


def template_suppressions(template: Template) -> tuple[list[Suppression], list[Diagnostic]]:
    """The `metadata.armc.ignore` entries of the template and of its resources."""
    found: list[Suppression] = []
    problems: list[Diagnostic] = []
    targets: list[tuple[Any, JsonPath, str | None]] = [(template.header, (), None)]
    targets.extend((r.body, r.path, r.key) for r in template.resources)
    for body, base, key in targets:
        entries = _ignore_entries(body)
        if entries is None:
            continue
        list_path: JsonPath = (*base, "metadata", "armc", "ignore")
        if not isinstance(entries, list):
            problems.append(
                _invalid("metadata.armc.ignore must be a list", template.span(list_path))
            )
            continue
        for index, entry in enumerate(entries):
            path = (*list_path, index)
            span = template.span(path)
            suppression = _entry(entry, span, template.file)
            if isinstance(suppression, Diagnostic):
                problems.append(suppression)
                continue
            if key is not None:
                suppression.scope = "resource"
                suppression.resource = key
                suppression.resource_path = base
            found.append(suppression)
    return found, problems


def _ignore_entries(body: Any) -> Any:
    metadata = body.get("metadata") if isinstance(body, dict) else None
    armc = metadata.get("armc") if isinstance(metadata, dict) else None
    return armc.get("ignore") if isinstance(armc, dict) else None


def _entry(entry: Any, span: Span | None, file: str) -> Suppression | Diagnostic:
    if not isinstance(entry, dict):
        return _invalid('an ignore entry must be an object {"rule": ..., "reason": ...}', span)
    unknown = sorted(set(entry) - {"rule", "reason", "expires"})
    if unknown:
        hint = did_you_mean(unknown[0], ("rule", "reason", "expires"))
        return _invalid(f"unknown key '{unknown[0]}' in an ignore entry", span, hint)
    rule = entry.get("rule")
    if not isinstance(rule, str) or not rule.strip():
        return _invalid("an ignore entry needs a 'rule' (a rule id or slug)", span)
    reason = entry.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        return _invalid(f"the suppression of '{rule}' needs a 'reason'", span)
    expires: dt.date | None = None
    if "expires" in entry:
        raw = entry["expires"]
        try:
            expires = dt.date.fromisoformat(raw) if isinstance(raw, str) else None
        except ValueError:
            expires = None
        if expires is None:
            return _invalid(f"bad expiry date {raw!r} (use YYYY-MM-DD)", span)
    return Suppression((rule.strip(),), reason.strip(), "file", file, span, expires=expires)


def _invalid(message: str, span: Span | None, hint: str | None = None) -> Diagnostic:
    return Diagnostic(*INVALID, Severity.WARNING, message, span, hint=hint)


def apply(
    subjects: Iterable[Subject],
    suppressions: Sequence[Suppression],
    *,
    registry: RuleRegistry,
    ran: set[str],
    today: dt.date,
) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """(the diagnostics that are not suppressed, the diagnostics about suppressions).

    `ran` holds the ids of the rules that ran to completion: only their suppressions can be
    reported unused."""
    notes: list[Diagnostic] = []
    resolved: list[tuple[Suppression, dict[str, str]]] = []
    for suppression in suppressions:
        ids: dict[str, str] = {}
        for written in suppression.rules:
            rule = registry.get(written)
            if rule is None:
                hint = did_you_mean(written, registry.keys())
                notes.append(
                    _invalid(f"unknown rule '{written}' in suppression", suppression.span, hint)
                )
            else:
                ids[rule.id] = written
        if suppression.expired(today):
            names = ", ".join(ids.values()) or ", ".join(suppression.rules)
            notes.append(
                Diagnostic(
                    *EXPIRED,
                    Severity.WARNING,
                    f"the suppression of {names} expired on {suppression.expires}; "
                    "its findings are reported again",
                    suppression.span,
                    hint="fix the findings, or renew the suppression with a new date",
                )
            )
            continue
        resolved.append((suppression, ids))
    kept: list[Diagnostic] = []
    for subject in subjects:
        for suppression, ids in resolved:
            if subject.rule_id in ids and _covers(suppression, subject):
                suppression.used.add(subject.rule_id)
                break
        else:
            kept.append(subject.diagnostic)
    for suppression, ids in resolved:
        for rule_id, written in ids.items():
            if rule_id in ran and rule_id not in suppression.used:
                notes.append(
                    Diagnostic(
                        *UNUSED,
                        Severity.INFO,
                        f"unused suppression: {written} reports nothing here",
                        suppression.span,
                        hint="remove the suppression",
                    )
                )
    return kept, notes


def _covers(suppression: Suppression, subject: Subject) -> bool:
    span = subject.diagnostic.span
    if suppression.scope == "resource":
        base = suppression.resource_path or ()
        return subject.resource == suppression.resource or subject.path[: len(base)] == base
    if span is not None and span.file != suppression.file:
        return False
    if suppression.scope == "file":
        return True
    return span is not None and span.line == suppression.line
