"""Runs the selected rules over one template.

Configuration decides which rules run, at which level and with which options. A rule that
raises becomes an ARMC001 diagnostic naming the rule (its partial findings are dropped) and the
run goes on. Findings become diagnostics with spans, fixes and fingerprints; suppressions are
applied; secrets are scrubbed; the result is sorted deterministically."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass

from armc.analysis import fingerprint as fp
from armc.analysis import secrets as secret_text
from armc.analysis import suppressions as sup
from armc.analysis.context import EvaluatedValues, RuleContext
from armc.config import Config
from armc.diagnostics import Diagnostic, Edit, Fix, Related, Severity
from armc.model.template import Resource, Template
from armc.rules.base import Finding, Rule
from armc.rules.registry import RuleRegistry, default_registry
from armc.rules.support import shared_walks

CRASH = ("ARMC001", "rule-crashed")

_SEVERITY = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO}


@dataclass(frozen=True)
class PlannedRule:
    """A rule instance (with its options) and the severity it reports at."""

    rule: Rule
    severity: Severity
    types: frozenset[str] = frozenset()
    """The rule's `resource_types`, lower-cased: the engine skips a template with none."""


def _matches(selector: str, rule: type[Rule]) -> bool:
    lowered = selector.lower()
    return lowered == "all" or lowered in (s.lower() for s in rule.selectors())


def _named(selectors: Sequence[str], rule: type[Rule]) -> bool:
    """Selected by its exact id or slug (which turns on a rule that is off by default)."""
    return any(s.lower() in (rule.id.lower(), rule.name.lower()) for s in selectors)


def plan(config: Config, registry: RuleRegistry) -> list[PlannedRule]:
    """The rules a run uses, in id order, configured. Raises OptionError for bad options."""
    planned: list[PlannedRule] = []
    for rule_class in registry:
        settings = config.rules.get(rule_class.id)
        if any(_matches(s, rule_class) for s in config.ignore):
            continue
        if config.select and not any(_matches(s, rule_class) for s in config.select):
            continue
        level = settings.level if settings and settings.level else rule_class.default_severity
        if level == "off":
            if settings and settings.level == "off":
                continue
            if not _named(config.select, rule_class):
                continue
            level = "warning"
        rule = rule_class(settings.options if settings else None)
        types = frozenset(t.lower() for t in rule.resource_types)
        planned.append(PlannedRule(rule, _SEVERITY[level], types))
    return planned


class Engine:
    """Configured once, run over any number of templates."""

    def __init__(
        self,
        config: Config | None = None,
        registry: RuleRegistry | None = None,
        *,
        today: dt.date | None = None,
    ) -> None:
        self.config = config or Config()
        self.registry = registry or default_registry()
        self.rules = plan(self.config, self.registry)
        self.today = today
        self._ids = frozenset(planned.rule.id for planned in self.rules)
        self._selections: dict[frozenset[str], tuple[PlannedRule, ...]] = {}

    def _selected(self, present: frozenset[str]) -> tuple[PlannedRule, ...]:
        """The rules to run on a template with resources of the `present` (lower-cased)
        types, in plan order: a rule with `resource_types` runs only where one is present.
        Kept by type set: most templates share one with others (the loop over every rule,
        for every template, cost more than the checks of many rules)."""
        found = self._selections.get(present)
        if found is None:
            if len(self._selections) >= 4096:  # bounded: an engine may serve a long run
                self._selections.clear()
            found = self._selections[present] = tuple(
                planned
                for planned in self.rules
                if not planned.types or not present.isdisjoint(planned.types)
            )
        return found

    def run(
        self,
        template: Template,
        *,
        values: EvaluatedValues | None = None,
        source_text: str | None = None,
    ) -> list[Diagnostic]:
        ctx = RuleContext(template, values, config=self.config)
        by_key = {resource.key: resource for resource in template.resources}
        secrets = secret_text.secret_values(template)
        subjects: list[sup.Subject] = []
        notes: list[Diagnostic] = []
        # a rule skipped for want of its types ran too: it would have found nothing
        ran: set[str] = set(self._ids)
        with shared_walks():  # rules that read every string of the template share one walk
            for planned in self._selected(frozenset(ctx.by_type)):
                rule = planned.rule
                try:
                    findings = list(rule.check(ctx))
                except Exception as exc:  # isolate the rule: the run goes on
                    notes.append(_crash(rule, template, exc))
                    ran.discard(rule.id)
                    continue
                for finding in findings:
                    resource = by_key.get(finding.resource) if finding.resource else None
                    diagnostic = self._diagnostic(planned, finding, template, resource)
                    subject = sup.Subject(diagnostic, rule.id, finding.resource, finding.path)
                    subjects.append(subject)
        ctx.release()
        suppressions, problems = sup.template_suppressions(template)
        if source_text is not None and template.origin == "dsl":
            found, invalid = sup.comment_suppressions(source_text, template.file)
            suppressions.extend(found)
            problems.extend(invalid)
        today = self.today or dt.date.today()
        kept, about = sup.apply(
            subjects, suppressions, registry=self.registry, ran=ran, today=today
        )
        results = [*kept, *notes, *problems, *about]
        if secrets:
            results = [secret_text.scrub(d, secrets) for d in results]
        return sorted(results, key=_order)

    def _diagnostic(
        self,
        planned: PlannedRule,
        finding: Finding,
        template: Template,
        resource: Resource | None,
    ) -> Diagnostic:
        rule = planned.rule
        span = template.span(finding.path)
        if span is None and resource is not None:
            span = template.span(resource.path)
        related: tuple[Related, ...] = ()
        if finding.related:
            related = tuple(
                Related(s, message)
                for path, message in finding.related
                if (s := template.span(path)) is not None
            )
        relative = fp.relative_path(finding.path, resource.path if resource else None)
        return Diagnostic(
            rule.id,
            rule.name,
            planned.severity,
            finding.message,
            span,
            related,
            hint=finding.hint,
            help_url=rule.help_uri,
            fix=None if finding.fix is None else _fix(finding, template),
            fingerprint=fp.fingerprint(rule.id, finding.resource, relative, finding.message),
        )


def _fix(finding: Finding, template: Template) -> Fix | None:
    spec = finding.fix
    if spec is None:
        return None
    edits: tuple[Edit, ...] = ()
    span = template.source_map.exact(spec.path)
    if span is not None and template.origin == "arm":
        edits = (Edit(span, json.dumps(spec.replacement, ensure_ascii=False)),)
    return Fix(spec.description, edits)


def _crash(rule: Rule, template: Template, exc: Exception) -> Diagnostic:
    return Diagnostic(
        *CRASH,
        Severity.ERROR,
        f"rule {rule.id} ({rule.name}) crashed on {template.file}: "
        f"{type(exc).__name__}: {exc}; the other rules ran",
        None,
        hint="this is a bug in armc: please report it with the template",
        help_url=rule.help_uri,
    )


def _order(diagnostic: Diagnostic) -> tuple[tuple[str, int, int, str, str], str]:
    return diagnostic.sort_key(), diagnostic.fingerprint or ""
