"""Walks one resource body against its type table and lists what does not fit.

The walk is over the *evaluated* body when the front-end can evaluate it (ARM JSON: parameters,
variables and property copy loops resolved), else over the raw body; values that cannot be
known (an `Unknown`, an unevaluated "[...]" expression) are skipped, never guessed.

Policy on api-versions: each resource type is described at the api-versions the generator
saw (the newest the current SDK targets, and for compute and storage types every version back
to 2015-06-15 from older multi-api SDKs). A template is checked against the newest table not
newer than its apiVersion (the oldest when it predates them all). An unknown property or enum
value is reported only when the newest table does not know it either, so a property newer
than the template's apiVersion is never reported as unknown, while one that was removed
(`accountType` of a 2023 storage account) is; beyond the newest table, unknown properties and
enum values are not reported, since Azure may have added them since."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from armc.model.template import json_type
from armc.types.tables import (
    Model,
    PackageTables,
    Spec,
    TypeEntry,
    entries,
    is_newer,
    lookup,
    package,
)

TEMPLATE_KEYS = frozenset(
    {
        "type",
        "apiversion",
        "name",
        "dependson",
        "copy",
        "condition",
        "comments",
        "scope",
        "resources",
        "existing",
        "metadata",
        "import",
    }
)
"""Members of a template's resource object that ARM itself reads (not sent to the provider)."""

KINDS = ("unknown", "mismatch", "read-only", "required", "enum")

_JSON_CLASSES = frozenset({int, float, bool, dict, list, type(None)})

_FITS = frozenset(
    {("string", str), ("boolean", bool), ("integer", int), ("number", int), ("number", float)}
)
"""(scalar spec, class of a value) pairs that always fit: `check_value` finds nothing."""

_API_VERSION = re.compile(r"^\d{4}-\d{2}-\d{2}")

_TYPE_NAMES = {
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "a boolean",
    "array": "an array",
    "map": "an object",
    "model": "an object",
}


@dataclass(frozen=True, slots=True)
class Issue:
    """One misfit: `kind` is one of KINDS; `path` is inside the resource body."""

    kind: str
    path: tuple[str | int, ...]
    field: str
    message: str
    hint: str | None = None


_KIND_WORDS = {
    "bool": "a boolean",
    "int": "an integer",
    "number": "a number",
    "string": "a string",
    "array": "an array",
    "object": "an object",
}


def json_kind(value: Any) -> str:
    """`json_type` in words for messages ("an integer"); "null" for anything else."""
    return _KIND_WORDS.get(json_type(value), "null")


def _expression(value: Any) -> bool:
    return (
        isinstance(value, str)
        and value.startswith("[")
        and not value.startswith("[[")
        and value.rstrip().endswith("]")
    )


def _dotted(path: tuple[str | int, ...]) -> str:
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else step)
    return text


def _coercible(value: str, spec: str) -> bool:
    """A string ARM's JSON reader turns into the wanted number or boolean ("true", "30")."""
    text = value.strip()
    if spec == "boolean":
        return text.lower() in ("true", "false")
    try:
        number = float(text)
    except ValueError:
        return False
    return spec == "number" or number.is_integer()


class Checker:
    """Checks one resource body against one table entry."""

    def __init__(self, entry: TypeEntry, is_unknown: Callable[[Any], bool], newer: bool) -> None:
        self.entry = entry
        self.tables: PackageTables = package(entry.package)
        self.is_unknown = is_unknown
        self.newer = newer
        self.found: list[Issue] = []

    @property
    def where(self) -> str:
        """The table, as messages name it (made only for a misfit)."""
        return self.entry.source

    def check_resource(self, body: Any) -> list[Issue]:
        """The misfits of one body (a list appended to by the walk: no generator chain)."""
        self.found = []
        model = self.tables.model(self.entry.model)
        if model is not None and isinstance(body, dict):
            self.check_model(body, model, (), top=True)
        return self.found

    def check_value(self, value: Any, spec: Spec, path: tuple[str | int, ...]) -> None:
        # Skipped: unknowns (an unevaluated "[...]" expression, or the front-end's sentinel: a
        # plain JSON value never is one, so `is_unknown` is asked only of other objects) and
        # '' where a non-string goes. Tested by class, inline: this runs for every value walked.
        cls = value.__class__
        if cls is str:
            if value[:1] == "[" and _expression(value):
                return
            if not value and spec != "string":
                return  # '' stands for "not set" in many templates (a placeholder default)
        elif cls in _JSON_CLASSES:
            if value is None:
                return
        elif self.is_unknown(value) or (value == "" and spec != "string"):
            return
        if isinstance(spec, str):
            self._scalar(value, spec, path)
            return
        kind, inner = spec
        if kind == "enum":
            self._enum(value, inner, path)
            return
        if kind == "array":
            if not isinstance(value, list):
                self.found.append(self._mismatch(value, "array", path))
                return
            fits = inner.__class__ is str
            for i, item in enumerate(value):
                if fits and (inner == "any" or (inner, item.__class__) in _FITS):
                    continue  # as in check_model
                self.check_value(item, inner, (*path, i))
            return
        if not isinstance(value, dict):
            self.found.append(self._mismatch(value, kind, path))
            return
        if kind == "map":
            for key, item in value.items():
                self.check_value(item, inner, (*path, key))
            return
        model = self.tables.model(inner)
        if model is not None:
            self.check_model(value, model, path)

    def _scalar(self, value: Any, spec: str, path: tuple[str | int, ...]) -> None:
        if spec == "any":
            return
        if spec == "string":
            ok = isinstance(value, str)
        elif spec == "boolean":
            ok = isinstance(value, bool) or (isinstance(value, str) and _coercible(value, spec))
        elif spec == "integer":
            ok = (isinstance(value, int) and not isinstance(value, bool)) or (
                isinstance(value, float) and value.is_integer()
            )
            ok = ok or (isinstance(value, str) and _coercible(value, spec))
        elif spec == "number":
            ok = isinstance(value, int | float) and not isinstance(value, bool)
            ok = ok or (isinstance(value, str) and _coercible(value, spec))
        else:
            ok = True
        if not ok:
            self.found.append(self._mismatch(value, spec, path))

    def _mismatch(self, value: Any, spec: str, path: tuple[str | int, ...]) -> Issue:
        wanted = _TYPE_NAMES.get(spec, spec)
        field = _dotted(path)
        return Issue(
            "mismatch",
            path,
            field,
            f"{field} is {json_kind(value)}, but {self.where} expects {wanted}",
            f"write {field} as {wanted}",
        )

    def _enum(self, value: Any, name: str, path: tuple[str | int, ...]) -> None:
        found = self.tables.enum_and_known(name)
        if found is None:
            return
        enum, known = found
        if not isinstance(value, (str, int)) or isinstance(value, bool):
            self.found.append(self._mismatch(value, "string", path))
            return
        if str(value).lower() in known or self.newer or not enum.values:
            return
        field = _dotted(path)
        shown = ", ".join(f"'{v}'" for v in enum.values[:12])
        more = f" and {len(enum.values) - 12} more" if len(enum.values) > 12 else ""
        extensible = (
            "the enum is extensible, so Azure may accept it"
            if enum.extensible
            else "Azure rejects other values"
        )
        self.found.append(
            Issue(
                "enum",
                path,
                field,
                f"{field} is {value!r}, not a value {self.where} knows ({extensible})",
                f"known values: {shown}{more}",
            )
        )

    def check_model(
        self, value: dict[str, Any], model: Model, path: tuple[str | int, ...], top: bool = False
    ) -> None:
        properties, complete = self._properties(value, model)
        # the names present matter only for required properties (none in most models)
        required = _required(properties) if complete else ()
        present: set[str] = set()
        for key, item in value.items():
            lowered = key.lower()
            if required:
                present.add(lowered)
            if top and lowered in TEMPLATE_KEYS:
                continue
            prop = properties.get(lowered)
            if prop is None:
                if lowered == "copy" and isinstance(item, list):
                    continue  # a property copy loop the raw view did not expand
                if item is not None and not self.newer:  # null: not set (exported templates)
                    self.found.append(self._unknown(key, (*path, key), properties))
                continue
            if prop.read_only:
                if not (top and lowered in ("location", "tags", "etag")):
                    where = (*path, key)
                    field = _dotted(where)
                    self.found.append(
                        Issue(
                            "read-only",
                            where,
                            field,
                            f"{field} is read-only in {self.where}: Azure sets it",
                            f"remove {field}",
                        )
                    )
                continue
            spec = prop.spec
            if spec.__class__ is str and (spec == "any" or (spec, item.__class__) in _FITS):
                continue  # most leaves: a string where a string goes (what check_value finds)
            self.check_value(item, spec, (*path, key))
        if not required or (not top and "id" in present and "id" in properties):
            return  # a reference to an existing resource ({"id": ...}) sets nothing else
        for lowered, prop in required:
            if lowered not in present and not (top and lowered == "name"):
                field = _dotted((*path, prop.name))
                self.found.append(
                    Issue(
                        "required",
                        path,
                        field,
                        f"{field} is required by {self.where}",
                        f"set {field}",
                    )
                )

    def _properties(self, value: dict[str, Any], model: Model) -> tuple[dict[str, Any], bool]:
        """The properties that apply: the subtype's when the discriminator picks one, else the
        base's and every subtype's (then required properties are not checked)."""
        if not model.subtypes:
            return model.properties, True
        chosen: Model | None = None
        if model.discriminator:
            wanted = next(
                (v for k, v in value.items() if k.lower() == model.discriminator.lower()), None
            )
            if isinstance(wanted, str):
                name = next(
                    (n for v, n in model.subtypes.items() if v.lower() == wanted.lower()), None
                )
                chosen = self.tables.model(name) if name else None
        if chosen is not None:
            return _merged(model, chosen), True
        merged = dict(model.properties)
        for name in model.subtypes.values():
            sub = self.tables.model(name)
            if sub is not None:
                for key, prop in sub.properties.items():
                    merged.setdefault(key, prop)
        return merged, False

    def _unknown(self, key: str, where: tuple[str | int, ...], properties: dict[str, Any]) -> Issue:
        from armc.diagnostics import did_you_mean

        field = _dotted(where)
        names = sorted(p.name for p in properties.values() if not p.read_only)
        hint = did_you_mean(key, names)
        return Issue(
            "unknown",
            where,
            field,
            f"{field} is not a property {self.where} knows",
            hint,
        )


_MERGED: dict[tuple[int, int], tuple[Model, Model, dict[str, Any]]] = {}


def _merged(model: Model, subtype: Model) -> dict[str, Any]:
    """A discriminated model's properties with its chosen subtype's, made once per pair."""
    entry = _MERGED.get((id(model), id(subtype)))
    if entry is not None and entry[0] is model and entry[1] is subtype:
        return entry[2]
    merged = {**model.properties, **subtype.properties}
    _MERGED[(id(model), id(subtype))] = (model, subtype, merged)
    return merged


_REQUIRED: dict[int, tuple[dict[str, Any], tuple[tuple[str, Any], ...]]] = {}


def _required(properties: dict[str, Any]) -> tuple[tuple[str, Any], ...]:
    """The required properties, by lower-cased name in name order, found once per properties
    table (the tables' dicts and the merged ones of `_merged` live as long as the process)."""
    entry = _REQUIRED.get(id(properties))
    if entry is not None and entry[0] is properties:
        return entry[1]
    found = tuple((name, prop) for name, prop in sorted(properties.items()) if prop.required)
    _REQUIRED[id(properties)] = (properties, found)
    return found


def check_resource(
    resource_type: str,
    api_version: Any,
    body: Any,
    is_unknown: Callable[[Any], bool],
) -> list[Issue]:
    """Every misfit of one resource body (empty when the type is not covered, or when the
    apiVersion is not a literal date: then armc cannot know which table applies).

    The body is checked against the newest table not newer than its apiVersion. An unknown
    property or enum value is reported only if the newest table does not know it either: a
    property newer than the template's apiVersion is not reported as unknown. Beyond the
    newest table, unknown properties and enum values are not reported at all."""
    if not isinstance(api_version, str) or not _API_VERSION.match(api_version):
        return []
    entry = lookup(resource_type, api_version)
    if entry is None:
        return []
    newest = entries(resource_type)[-1]
    newer = is_newer(api_version, newest)
    if newest.api_version == entry.api_version:
        return Checker(entry, is_unknown, newer).check_resource(body)
    issues = Checker(entry, is_unknown, False).check_resource(body)
    if not any(i.kind in ("unknown", "enum") for i in issues):
        return issues
    later = Checker(newest, is_unknown, False).check_resource(body)
    confirmed = {(i.kind, i.path) for i in later if i.kind in ("unknown", "enum")}
    return [i for i in issues if i.kind not in ("unknown", "enum") or (i.kind, i.path) in confirmed]
