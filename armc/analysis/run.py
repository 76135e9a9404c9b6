"""The entry point `armc lint` calls after loading a template."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from armc.analysis.context import EvaluatedValues
from armc.analysis.engine import Engine
from armc.config import Config, check_selectors, load_config
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
    engine = _engine(config, registry) if today is None else Engine(config, registry, today=today)
    return engine.run(template, values=values, source_text=source_text)


_last: list[tuple[Config | None, RuleRegistry | None, Engine]] = []
"""The engine of the previous call, reused while the configuration stays equal: planning the
rules (selectors matched, rule instances made) cost as much as running them on a small
template, and `armc lint` calls `analyse` once per file with the same configuration (an equal
copy of it in each worker process)."""


def _engine(config: Config | None, registry: RuleRegistry | None) -> Engine:
    if _last:
        known_config, known_registry, engine = _last[0]
        if known_registry is registry and known_config == config:
            return engine
    engine = Engine(config, registry)
    _last[:] = [(config, registry, engine)]
    return engine


def resolve_config(
    *,
    config_file: Path | None = None,
    start: Path | None = None,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    fail_on: str | None = None,
    registry: RuleRegistry | None = None,
) -> Config:
    """The configuration of a run: `--config FILE` or the nearest configuration above `start`
    (default: the current directory), then the command-line flags over it.

    `select` replaces the file's list, `ignore` adds to it, `fail_on` replaces it; each flag
    may repeat or hold a comma-separated list. Raises CompileError (CFG001, exit 2) for an
    invalid file, or for a selector that matches no rule."""
    config = load_config(config_file, start=start, registry=registry)
    merged = config.with_overrides(select=select, ignore=ignore, fail_on=fail_on)
    check_selectors(merged, registry=registry)
    return merged
