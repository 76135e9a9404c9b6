"""Configuration: `.armc.toml` or `[tool.armc]` in `pyproject.toml`, nearest ancestor wins.

The file is validated by `schemas/armc-config.schema.json` (unknown keys are errors, with a
did-you-mean hint); rule ids, slugs and options are checked against the registry. Precedence:
command-line flags > the file > defaults (`Config.with_overrides`)."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from armc.diagnostics import CompileError, Diagnostic, Severity, did_you_mean
from armc.source import Span

if TYPE_CHECKING:
    from armc.rules.registry import RuleRegistry

CONFIG_FILE = ".armc.toml"
PYPROJECT = "pyproject.toml"
CODE = "CFG001"
NAME = "invalid-config"
FAIL_ON_LEVELS = ("error", "warning", "info", "never")


@dataclass(frozen=True)
class RuleConfig:
    """Settings of one rule: its level (None = the rule's default) and option values."""

    level: str | None = None
    options: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Config:
    """The effective configuration of a run."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: str = "error"
    rules: Mapping[str, RuleConfig] = field(default_factory=dict)
    """Keyed by rule id (slugs in the file are resolved to ids)."""
    budget_monthly_usd: float | None = None
    path: Path | None = None

    def with_overrides(
        self,
        *,
        select: Sequence[str] | None = None,
        ignore: Sequence[str] | None = None,
        fail_on: str | None = None,
    ) -> Config:
        """Command-line flags over the file: `select` replaces, `ignore` adds, `fail_on`
        replaces. Empty/None values leave the file's settings alone."""
        changes: dict[str, Any] = {}
        if select:
            changes["select"] = tuple(_split(select))
        if ignore:
            changes["ignore"] = (*self.ignore, *_split(ignore))
        if fail_on is not None:
            if fail_on not in FAIL_ON_LEVELS:
                raise ValueError(f"unknown --fail-on level {fail_on!r}")
            changes["fail_on"] = fail_on
        return replace(self, **changes)

    @property
    def fail_threshold(self) -> Severity | None:
        return None if self.fail_on == "never" else Severity.parse(self.fail_on)


def _split(values: Iterable[str]) -> list[str]:
    """Flags may repeat or hold comma-separated lists."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def find_config(start: Path) -> Path | None:
    """The nearest `.armc.toml`, or `pyproject.toml` with a `[tool.armc]` table, at or above
    `start` (a file or a directory). In one directory `.armc.toml` wins."""
    import tomllib

    directory = start if start.is_dir() else start.parent
    for folder in (directory.resolve(), *directory.resolve().parents):
        candidate = folder / CONFIG_FILE
        if candidate.is_file():
            return candidate
        pyproject = folder / PYPROJECT
        if pyproject.is_file():
            try:
                data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError, RecursionError):
                continue
            if isinstance(data.get("tool"), dict) and "armc" in data["tool"]:
                return pyproject
    return None


def load_config(
    path: Path | None = None,
    *,
    start: Path | None = None,
    registry: RuleRegistry | None = None,
) -> Config:
    """The configuration in `path`, or the nearest one above `start` (default: the current
    directory), or the defaults when there is none. Raises CompileError (CFG001) when the file
    is invalid."""
    import tomllib

    if path is None:
        path = find_config(start if start is not None else Path.cwd())
        if path is None:
            return Config()
    display = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CompileError([_error(f"cannot read {display}: {exc}", display, None)]) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        raise CompileError([_error(f"invalid TOML: {exc}", display, line)]) from None
    except RecursionError:
        raise CompileError([_error("invalid TOML: nested too deeply", display, None)]) from None
    if path.name == PYPROJECT:
        tool = data.get("tool")
        data = tool.get("armc", {}) if isinstance(tool, dict) else {}
        if not isinstance(data, dict):
            raise CompileError([_error("[tool.armc] must be a table", display, None)])
    return parse_config(data, source=display, text=text, registry=registry, path=path)


def parse_config(
    data: Mapping[str, Any],
    *,
    source: str = "<config>",
    text: str = "",
    registry: RuleRegistry | None = None,
    path: Path | None = None,
) -> Config:
    """Validate a configuration mapping and build the `Config`. Raises CompileError."""
    errors = _schema_errors(data, source, text)
    if errors:
        raise CompileError(errors)
    if registry is None:
        from armc.rules.registry import default_registry

        registry = default_registry()
    problems: list[Diagnostic] = []
    rules: dict[str, RuleConfig] = {}
    for key, settings in dict(data.get("rules", {})).items():
        rule = registry.get(key)
        if rule is None:
            hint = did_you_mean(key, registry.keys())
            problems.append(_error(f"unknown rule '{key}'", source, _line_of(text, key), hint))
            continue
        options = dict(settings.get("options", {}))
        try:
            rule(options)
        except ValueError as exc:
            hint = None
            unknown = [o for o in options if o not in rule.options]
            if unknown:
                hint = did_you_mean(unknown[0], rule.options)
            problems.append(_error(f"rules.{key}: {exc}", source, _line_of(text, key), hint))
            continue
        if rule.id in rules:
            problems.append(
                _error(f"rule {rule.id} is configured twice", source, _line_of(text, key))
            )
            continue
        rules[rule.id] = RuleConfig(settings.get("level"), options)
    for key in ("select", "ignore"):
        for selector in data.get(key, ()):
            if not selector_matches_any(selector, registry):
                hint = did_you_mean(selector, _selector_names(registry))
                problems.append(
                    _error(
                        f"{key}: '{selector}' matches no rule",
                        source,
                        _line_of(text, selector),
                        hint,
                    )
                )
    if problems:
        raise CompileError(problems)
    budget = data.get("budget", {}).get("monthly_usd")
    if budget is not None and not math.isfinite(budget):  # TOML has nan and inf
        line = _line_of(text, "monthly_usd")
        message = f"budget.monthly_usd: {budget} is not a finite number"
        raise CompileError([_error(message, source, line)])
    return Config(
        select=tuple(data.get("select", ())),
        ignore=tuple(data.get("ignore", ())),
        fail_on=str(data.get("fail_on", "error")),
        rules=rules,
        budget_monthly_usd=float(budget) if budget is not None else None,
        path=path,
    )


def check_selectors(config: Config, *, registry: RuleRegistry | None = None) -> None:
    """Raise CompileError when a `select`/`ignore` entry (e.g. from the command line)
    matches no rule."""
    if registry is None:
        from armc.rules.registry import default_registry

        registry = default_registry()
    problems = []
    for key in ("select", "ignore"):
        for selector in getattr(config, key):
            if not selector_matches_any(selector, registry):
                hint = did_you_mean(selector, _selector_names(registry))
                problems.append(
                    Diagnostic(
                        CODE,
                        NAME,
                        Severity.ERROR,
                        f"--{key}: '{selector}' matches no rule",
                        hint=hint,
                    )
                )
    if problems:
        raise CompileError(problems)


def selector_matches_any(selector: str, registry: RuleRegistry) -> bool:
    lowered = selector.lower()
    return lowered == "all" or any(
        lowered in (s.lower() for s in rule.selectors()) for rule in registry
    )


def _selector_names(registry: RuleRegistry) -> list[str]:
    return sorted({"all", *(s for rule in registry for s in rule.selectors())})


@cache
def config_schema() -> dict[str, Any]:
    """The configuration schema (shipped in the source tree's `schemas/`)."""
    schema_path = Path(__file__).resolve().parent.parent / "schemas" / "armc-config.schema.json"
    if schema_path.is_file():
        text = schema_path.read_text(encoding="utf-8")
    else:  # installed wheel: packaged copy
        text = resources.files("armc").joinpath("schemas/armc-config.schema.json").read_text()
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def _schema_errors(data: Mapping[str, Any], source: str, text: str) -> list[Diagnostic]:
    import jsonschema

    schema = config_schema()
    validator = jsonschema.Draft202012Validator(schema)
    problems: list[Diagnostic] = []
    for error in sorted(validator.iter_errors(dict(data)), key=lambda e: list(map(str, e.path))):
        where = ".".join(str(p) for p in error.absolute_path)
        if error.validator == "additionalProperties":
            allowed = sorted(error.schema.get("properties", {}))
            extra = sorted(set(error.instance) - set(allowed))
            for key in extra:
                name = f"{where}.{key}" if where else key
                problems.append(
                    _error(
                        f"unknown key '{name}'",
                        source,
                        _line_of(text, key),
                        did_you_mean(key, allowed),
                    )
                )
            continue
        prefix = f"{where}: " if where else ""
        last = str(error.absolute_path[-1]) if error.absolute_path else None
        problems.append(
            _error(f"{prefix}{error.message}", source, _line_of(text, last) if last else None)
        )
    return problems


def _line_of(text: str, key: str) -> int | None:
    """The first line that mentions `key` as a TOML key or a quoted value (for locations)."""
    pattern = re.compile(
        rf"^\s*(\[[^\]]*\b{re.escape(key)}\b[^\]]*\]|\"?{re.escape(key)}\"?\s*=)"
        rf"|[\"']{re.escape(key)}[\"']",
        re.MULTILINE,
    )
    match = pattern.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _error(message: str, source: str, line: int | None, hint: str | None = None) -> Diagnostic:
    span = Span.point(source, line, 1) if line is not None else Span.point(source, 1, 1)
    return Diagnostic(CODE, NAME, Severity.ERROR, message, span, hint=hint)
