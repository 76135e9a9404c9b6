"""The rule API: one class per rule, metadata as class attributes, `check(ctx)` yields findings.

A rule reads the template through a `RuleContext` (see `armc.analysis.context`) and yields
`Finding`s: a JSON path (where to point), the resource key it is about, a message and, when the
change is mechanical, a `FixSpec`. The engine turns findings into `Diagnostic`s with spans,
severity (from configuration), fingerprints and text edits.

Rule messages must never quote the value of a secure parameter.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from armc.model.template import JsonPath, Resource

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext

Level = Literal["error", "warning", "info", "off"]
LEVELS: tuple[Level, ...] = ("error", "warning", "info", "off")

Category = Literal["validation", "security", "reliability", "cost", "practice"]
CATEGORY_PREFIXES: dict[str, str] = {
    "validation": "AZV",
    "security": "AZS",
    "reliability": "AZR",
    "cost": "AZC",
    "practice": "AZP",
}

DOCS_URL = "https://github.com/armc/armc/blob/main/docs/rules/{id}.md"
"""Where `help_uri` points: the generated page of each rule in `docs/rules/`."""

_ID = re.compile(r"^(AZV|AZS|AZR|AZC|AZP)\d{3}$")
_SLUG = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
_EQUIVALENT = re.compile(
    r"^(CKV_AZURE_\d+|CKV2_AZURE_\d+|bicep:[a-z0-9]+(-[a-z0-9]+)*"
    r"|arm-ttk:[A-Za-z0-9]+(-[A-Za-z0-9]+)*|psrule:Azure(\.[A-Za-z0-9]+)+)$"
)

_OPTION_TYPES: tuple[type, ...] = (bool, int, float, str, list)


class RuleDefinitionError(Exception):
    """A rule class declares invalid metadata (a bug in the rule, raised at import)."""


class OptionError(ValueError):
    """A configured option value is unknown or of the wrong type."""


@dataclass(frozen=True, slots=True)
class Option:
    """A declared rule option: its type, default and description."""

    type: type
    default: Any
    description: str

    def check(self, name: str, value: Any) -> Any:
        """`value` validated against the declared type (ints are accepted for floats)."""
        expected = self.type
        ok = isinstance(value, expected)
        if expected is int or expected is float:
            ok = ok and not isinstance(value, bool)
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            value, ok = float(value), True
        if not ok:
            raise OptionError(
                f"option '{name}' must be of type {expected.__name__}, not {type(value).__name__}"
            )
        return value

    @property
    def type_name(self) -> str:
        return self.type.__name__


@dataclass(frozen=True, slots=True)
class FixSpec:
    """A mechanical fix as a JSON change: replace the value at `path` with `replacement`.

    The engine turns it into a text edit when the value's span is known and the template was
    read from ARM JSON (the JSON text of `replacement` replaces the value's text)."""

    description: str
    path: JsonPath
    replacement: Any


@dataclass(frozen=True, slots=True)
class Finding:
    """What a rule reports: where (`path`, and the `resource` key it is about), and why."""

    message: str
    path: JsonPath
    resource: str | None = None
    fix: FixSpec | None = None
    hint: str | None = None
    related: tuple[tuple[JsonPath, str], ...] = field(default=())

    @classmethod
    def at(
        cls,
        resource: Resource,
        message: str,
        *subpath: str | int,
        fix: FixSpec | None = None,
        hint: str | None = None,
    ) -> Finding:
        """A finding about `resource`, pointing at `resource.path + subpath`."""
        return cls(message, resource.path + subpath, resource.key, fix, hint)


class Rule:
    """Base class of every rule. Subclasses set the metadata and implement `check`."""

    id: ClassVar[str]
    name: ClassVar[str]
    category: ClassVar[Category]
    default_severity: ClassVar[Level]
    summary: ClassVar[str]
    rationale: ClassVar[str]
    equivalents: ClassVar[tuple[str, ...]] = ()
    resource_types: ClassVar[tuple[str, ...]] = ()
    """The rule reports only about resources of these types (any case): the engine does not
    run it on a template that has none of them. Empty: it runs on every template."""
    options: ClassVar[Mapping[str, Option]] = {}
    help_uri: ClassVar[str]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.__dict__.get("abstract", False):
            return
        _validate_metadata(cls)
        cls.help_uri = DOCS_URL.format(id=cls.id)

    def __init__(self, options: Mapping[str, Any] | None = None) -> None:
        values = {name: option.default for name, option in self.options.items()}
        for name, value in (options or {}).items():
            option = self.options.get(name)
            if option is None:
                known = ", ".join(sorted(self.options)) or "none"
                raise OptionError(f"rule {self.id} has no option '{name}' (options: {known})")
            values[name] = option.check(name, value)
        self.settings: Mapping[str, Any] = values

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        raise NotImplementedError

    @classmethod
    def selectors(cls) -> tuple[str, ...]:
        """The names a selector may use for this rule: id, slug, category, id prefix."""
        return (cls.id, cls.name, cls.category, cls.id[:3])


def _validate_metadata(cls: type[Rule]) -> None:
    where = f"{cls.__module__}.{cls.__qualname__}"
    for attribute in ("id", "name", "category", "default_severity", "summary", "rationale"):
        if not isinstance(getattr(cls, attribute, None), str):
            raise RuleDefinitionError(f"{where}: missing class attribute '{attribute}'")
    if not _ID.match(cls.id):
        raise RuleDefinitionError(f"{where}: id {cls.id!r} is not like AZS012")
    prefix = CATEGORY_PREFIXES.get(cls.category)
    if prefix is None:
        raise RuleDefinitionError(f"{where}: unknown category {cls.category!r}")
    if not cls.id.startswith(prefix):
        raise RuleDefinitionError(f"{where}: {cls.category} rule ids start with {prefix}")
    if not _SLUG.match(cls.name):
        raise RuleDefinitionError(f"{where}: name {cls.name!r} is not a kebab-case slug")
    if cls.default_severity not in LEVELS:
        raise RuleDefinitionError(f"{where}: default_severity must be one of {LEVELS}")
    for equivalent in cls.equivalents:
        if not _EQUIVALENT.match(equivalent):
            raise RuleDefinitionError(f"{where}: equivalent {equivalent!r} is not recognised")
    for name, option in cls.options.items():
        if not _SLUG.match(name.replace("_", "-")):
            raise RuleDefinitionError(f"{where}: option name {name!r} is not snake_case")
        if option.type not in _OPTION_TYPES:
            raise RuleDefinitionError(f"{where}: option {name!r} has unsupported type")
        option.check(name, option.default)
