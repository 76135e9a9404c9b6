"""Parameter values: parameters files, `--param name=value`, and their checks.

A parameters file is `{"parameters": {"name": {"value": ...}}}` (a Key Vault `reference`
instead of `value` gives a secret Unknown). `--param name=value` overrides the file; its text is
converted to the declared type (`--param count=3` is the int 3 for an int parameter, the
string "3" for a string parameter; arrays and objects are JSON).

`check_parameters` reports what ARM would reject before deploying: names the template does not
declare, values of the wrong type, outside `allowedValues`, `minValue`/`maxValue`,
`minLength`/`maxLength`, and parameters left without any value.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any, Literal

from armc.arm import codes
from armc.arm.reader import JsonDocument, read_file
from armc.arm.values import Unknown, type_name
from armc.diagnostics import Diagnostic, Severity, did_you_mean
from armc.model.located import LOCATION_SLOTS, FindSpan, Located
from armc.model.template import NO_DEFAULT, Parameter
from armc.perf import slot_setters
from armc.source import Span

Origin = Literal["file", "cli"]


class SuppliedValue(Located):
    """A value given for a parameter, where it was given (`span` is None for `--param`).

    Immutable. `span` may be given, or found on first use by `locate` (a parameters file
    names every value, but a report shows where only for the few that have a problem)."""

    __slots__ = ("name", "origin", "raw_text", "value")

    name: str
    value: Any
    origin: Origin
    raw_text: str | None
    """For `--param`: the text as typed, converted to the declared type by the check."""

    def __init__(
        self,
        name: str,
        value: Any,
        origin: Origin,
        span: Span | None = None,
        raw_text: str | None = None,
        locate: FindSpan | None = None,
    ) -> None:
        set_name, set_value, set_origin, set_raw = _SUPPLIED_SLOTS
        set_name(self, name)  # the slots' own setters: __setattr__ refuses
        set_value(self, value)
        set_origin(self, origin)
        set_raw(self, raw_text)
        set_span, set_find = LOCATION_SLOTS
        set_span(self, span)
        set_find(self, locate)

    @property
    def locate(self) -> FindSpan | None:
        """Finds `span` when first needed (None once it has)."""
        return self._find

    def where(self) -> Span | None:
        """Where the value was given."""
        return self.span

    def _key(self) -> tuple[str, Any, Origin, Span | None, str | None]:
        return (self.name, self.value, self.origin, self.span, self.raw_text)

    def __repr__(self) -> str:
        return (
            f"SuppliedValue(name={self.name!r}, value={self.value!r}, origin={self.origin!r}, "
            f"span={self.span!r}, raw_text={self.raw_text!r})"
        )


_SUPPLIED_SLOTS = slot_setters(SuppliedValue, "name", "value", "origin", "raw_text")


@dataclass
class ParametersFile:
    path: str
    values: dict[str, SuppliedValue] = field(default_factory=dict)
    document: JsonDocument | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.document is not None and self.document.ok


def is_parameters_document(value: Any) -> bool:
    """True for a parsed deploymentParameters document."""
    if not isinstance(value, dict):
        return False
    schema = value.get("$schema")
    if isinstance(schema, str):
        return "deploymentparameters" in schema.lower()
    return isinstance(value.get("parameters"), dict) and "resources" not in value


def read_parameters_file(path: str | Path, display: str | None = None) -> ParametersFile:
    """Read a parameters file; problems are diagnostics, never exceptions."""
    name = display or str(path)
    document = read_file(path, name)
    result = ParametersFile(name, document=document, diagnostics=list(document.diagnostics))
    if not document.ok:
        return result
    root = document.value
    section = root.get("parameters")
    if section is None:
        section = {}
    if not isinstance(section, dict):
        result.diagnostics.append(
            codes.make(
                codes.PARAMETERS_FILE,
                Severity.ERROR,
                "'parameters' must be an object",
                document.span(("parameters",)),
            )
        )
        return result
    for key, entry in section.items():
        if not isinstance(entry, dict) or not ({"value", "reference"} & set(entry)):
            result.diagnostics.append(
                codes.make(
                    codes.PARAMETERS_FILE,
                    Severity.ERROR,
                    f'parameter \'{key}\' needs {{"value": ...}} or a Key Vault "reference"',
                    document.span(("parameters", key)),
                )
            )
            continue
        if "value" in entry:
            value = entry["value"]
        else:
            value = Unknown(f"Key Vault reference for parameter '{key}'", secret=True)
        locate = partial(document.key_span, ("parameters", key))
        result.values[key] = SuppliedValue(key, value, "file", locate=locate)
    return result


def parse_cli_params(items: Iterable[str]) -> tuple[dict[str, SuppliedValue], list[Diagnostic]]:
    """`name=value` strings from the command line (the value is converted when checked)."""
    values: dict[str, SuppliedValue] = {}
    diagnostics: list[Diagnostic] = []
    for item in items:
        name, sep, text = item.partition("=")
        if not sep or not name.strip():
            diagnostics.append(
                codes.make(
                    codes.PARAMETERS_FILE,
                    Severity.ERROR,
                    f"--param {item!r}: expected name=value",
                    None,
                )
            )
            continue
        values[name.strip()] = SuppliedValue(name.strip(), text, "cli", None, text)
    return values, diagnostics


def merge_supplied(*sources: Mapping[str, SuppliedValue]) -> dict[str, SuppliedValue]:
    """Later sources override earlier ones (names compared case-insensitively)."""
    merged: dict[str, SuppliedValue] = {}
    for source in sources:
        for name, value in source.items():
            for existing in [k for k in merged if k.lower() == name.lower()]:
                del merged[existing]
            merged[name] = value
    return merged


def convert_cli_text(text: str, declared_type: str) -> Any:
    """The value of `--param name=TEXT` for a parameter of `declared_type`."""
    kind = declared_type.lower()
    if kind in ("string", "securestring"):
        return text
    try:
        return json.loads(text)
    except ValueError:
        return text


def check_parameters(
    declared: Mapping[str, Parameter],
    supplied: Mapping[str, SuppliedValue],
    *,
    template_span: Span | None = None,
    locate: Callable[[str], Span | None] | None = None,
    require_values: bool = False,
    checked_defaults: dict[str, list[Diagnostic]] | None = None,
) -> tuple[dict[str, Any], list[Diagnostic]]:
    """Values by declared parameter name, and the diagnostics of checking them. A value of the
    wrong type (supplied or default) is returned as Unknown.

    `locate` gives the span of a declaration by name (for defaults and missing values; called
    only when there is something to report); `require_values`
    reports parameters with neither a value nor a default (on when values were supplied at all,
    as a deployment would fail). `checked_defaults` keeps the problems of each default checked,
    by name, for another check of the same declarations with the same `locate`."""
    diagnostics: list[Diagnostic] = []
    values: dict[str, Any] = {}
    by_lower = {name.lower(): name for name in declared}
    declaration_span = locate or (lambda _name: None)
    for name, given in supplied.items():
        target = by_lower.get(name.lower())
        if target is None:
            source = "--param" if given.origin == "cli" else "the parameters file"
            diagnostics.append(
                codes.make(
                    codes.UNKNOWN_PARAMETER,
                    Severity.ERROR,
                    f"parameter '{name}' given in {source} is not declared by the template",
                    given.where(),
                    did_you_mean(name, declared),
                )
            )
            continue
        parameter = declared[target]
        value = given.value
        if given.raw_text is not None:
            value = convert_cli_text(given.raw_text, parameter.type)
        problems = check_value(parameter, value, None, given.origin)
        if problems:
            span = given.where()
            problems = [replace(problem, span=span) for problem in problems]
            diagnostics.extend(problems)
            value = _unusable(name, problems) or value
        values[target] = value
    for name, parameter in declared.items():
        if name in values:
            continue
        default = parameter.default
        if default is NO_DEFAULT:
            if require_values:
                diagnostics.append(
                    codes.make(
                        codes.MISSING_PARAMETER_VALUE,
                        Severity.WARNING,
                        f"parameter '{name}' has no value and no default",
                        declaration_span(name) or template_span,
                        "give it in the parameters file or with --param",
                    )
                )
            continue
        if not (isinstance(default, str) and default.startswith("[")):
            known = checked_defaults.get(name) if checked_defaults is not None else None
            if known is None:
                problems = check_value(parameter, default, None, "default")
                if problems:
                    span = declaration_span(name)
                    problems = [replace(problem, span=span) for problem in problems]
                if checked_defaults is not None:
                    checked_defaults[name] = problems
            else:
                problems = known
            if problems:
                diagnostics.extend(problems)
                unusable = _unusable(name, problems)
                if unusable is not None:
                    values[name] = unusable
    return values, diagnostics


def _unusable(name: str, problems: list[Diagnostic]) -> Unknown | None:
    """A value of the wrong type is not evaluated further (one error, not a cascade)."""
    if any(p.code == codes.PARAMETER_TYPE.code for p in problems):
        return Unknown(f"parameter '{name}' has a value of the wrong type")
    return None


_WHERE = {"cli": " (from --param)", "default": " (its default)"}
"""How a message names where a value came from, by origin."""

_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "securestring": (str,),
    "int": (int,),
    "bool": (bool,),
    "object": (dict,),
    "secureobject": (dict,),
    "array": (list,),
}


def check_value(
    parameter: Parameter, value: Any, span: Span | None, origin: str
) -> list[Diagnostic]:
    """Type, allowedValues and range checks of one value against its declaration."""
    if isinstance(value, Unknown) or (value is None and origin == "default"):
        return []
    where = _WHERE.get(origin, "")
    name = parameter.name
    kind = parameter.type
    expected = _TYPES.get(kind)
    out: list[Diagnostic] = []
    secure = kind in ("securestring", "secureobject")  # never show a secret, or what it is near
    if expected is not None:
        wrong = not isinstance(value, expected) or (kind == "int" and isinstance(value, bool))
        if wrong:
            out.append(
                codes.make(
                    codes.PARAMETER_TYPE,
                    Severity.ERROR,
                    f"parameter '{name}' is {kind} but the value{where} is "
                    f"{type_name(value)}{'' if secure or value is None else ' ' + _show(value)}",
                    span,
                )
            )
            return out
    allowed = parameter.allowed_values
    if allowed is not None:
        if isinstance(value, list) and kind == "array" and not _allowed(value, allowed):
            bad = [item for item in value if not _allowed(item, allowed)]
        else:
            bad = [] if _allowed(value, allowed) else [value]
        for item in bad:
            shown = ", ".join(_show(a) for a in allowed[:8]) + (", ..." if len(allowed) > 8 else "")
            if secure:
                message = f"parameter '{name}': the value{where} is not one of the allowed values"
            else:
                message = (
                    f"parameter '{name}': {_show(item)}{where} is not one of the allowed "
                    f"values ({shown})"
                )
            hint = None
            if isinstance(item, str) and not secure:
                hint = did_you_mean(item, [a for a in allowed if isinstance(a, str)])
            out.append(codes.make(codes.PARAMETER_NOT_ALLOWED, Severity.ERROR, message, span, hint))
    out.extend(_range_checks(parameter, value, span, where))
    return out


_RANGE_KEYS = frozenset(("minValue", "maxValue", "minLength", "maxLength"))


def _range_checks(
    parameter: Parameter, value: Any, span: Span | None, where: str
) -> list[Diagnostic]:
    body = parameter.body
    out: list[Diagnostic] = []
    if _RANGE_KEYS.isdisjoint(body):
        return out  # no minValue, maxValue, minLength or maxLength: the usual declaration
    name = parameter.name
    if isinstance(value, int) and not isinstance(value, bool):
        low, high = body.get("minValue"), body.get("maxValue")
        if isinstance(low, int) and value < low:
            out.append(
                codes.make(
                    codes.PARAMETER_RANGE,
                    Severity.ERROR,
                    f"parameter '{name}': {value}{where} is below minValue {low}",
                    span,
                )
            )
        if isinstance(high, int) and value > high:
            out.append(
                codes.make(
                    codes.PARAMETER_RANGE,
                    Severity.ERROR,
                    f"parameter '{name}': {value}{where} is above maxValue {high}",
                    span,
                )
            )
    if isinstance(value, (str, list)):
        low, high = body.get("minLength"), body.get("maxLength")
        size = len(value)
        if isinstance(low, int) and size < low:
            out.append(
                codes.make(
                    codes.PARAMETER_RANGE,
                    Severity.ERROR,
                    f"parameter '{name}': length {size}{where} is below minLength {low}",
                    span,
                )
            )
        if isinstance(high, int) and size > high:
            out.append(
                codes.make(
                    codes.PARAMETER_RANGE,
                    Severity.ERROR,
                    f"parameter '{name}': length {size}{where} is above maxLength {high}",
                    span,
                )
            )
    return out


def _allowed(value: Any, allowed: list[Any]) -> bool:
    # ARM compares strings case-insensitively here
    if isinstance(value, str):
        if value in allowed:  # the usual case, without lower-casing a list of VM sizes
            return True
        lowered = value.lower()
        return any(isinstance(c, str) and c.lower() == lowered for c in allowed)
    return any(type(value) is type(candidate) and value == candidate for candidate in allowed)


def _show(value: Any) -> str:
    text = json.dumps(value) if not isinstance(value, Unknown) else "unknown"
    return text if len(text) <= 40 else text[:37] + "..."
