"""The entry point `armc lint` calls after loading a template."""

from __future__ import annotations

import datetime as dt

from armc.analysis.context import EvaluatedValues
from armc.analysis.engine import Engine
from armc.config import Config
from armc.diagnostics import Diagnostic
from armc.model.template import Template
from armc.rules.registry import RuleRegistry


def analyse(
    template: Template,
    *,
    values: EvaluatedValues | None = None,
    source_text: str | None = None,
    config: Config | None = None,
    registry: RuleRegistry | None = None,
    today: dt.date | None = None,
) -> list[Diagnostic]:
    """Run the configured rules over `template` and return the diagnostics, sorted.

    `values` is the evaluator's view of resource values (default: raw values, expressions
    unknown); `source_text` is the DSL source, for `# armc: ignore[...]` comments; `config`
    defaults to no configuration (every rule at its default level). Suppressed findings are
    left out; expired, unused and invalid suppressions and crashed rules are reported."""
    engine = Engine(config, registry, today=today)
    return engine.run(template, values=values, source_text=source_text)
