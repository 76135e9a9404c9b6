"""The generated type tables: lookup of a resource type's model by (type, apiVersion).

`data/index.json` lists the packages the tables came from and, per lower-cased resource type,
the api-versions described with their root model; `data/<package>.json.gz` holds that
package's models and enums. Both are read on first use and cached for the process."""

from __future__ import annotations

import functools
import gzip
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"

Spec = Any
"""A property type: "string", "integer", "number", "boolean", "any", or a list:
["array", Spec], ["map", Spec], ["model", name], ["enum", name]."""


@dataclass(frozen=True, slots=True)
class Property:
    """One property of a model, by its wire name."""

    name: str
    spec: Spec
    read_only: bool
    required: bool


@dataclass(frozen=True, slots=True)
class Model:
    """An object type: its properties (by lower-cased wire name) and, for a polymorphic
    model, the discriminator's wire name and the subtype models by discriminator value."""

    name: str
    properties: dict[str, Property]
    discriminator: str | None
    subtypes: dict[str, str]


@dataclass(frozen=True, slots=True)
class Enum:
    """Known values of an enum; `extensible` when Azure may accept others."""

    name: str
    values: tuple[str, ...]
    extensible: bool


@dataclass(frozen=True, slots=True)
class TypeEntry:
    """What the tables describe for one resource type at one api-version."""

    type: str
    api_version: str
    package: str
    package_version: str
    model: str

    @property
    def source(self) -> str:
        """ "Microsoft.Compute/virtualMachines@2026-04-01 (azure-mgmt-compute 39.0.0)"."""
        distribution = self.package.split("==", 1)[0]
        return f"{self.type}@{self.api_version} ({distribution} {self.package_version})"


class PackageTables:
    """The models and enums of one SDK package."""

    def __init__(self, raw: dict[str, Any]) -> None:
        self._models: dict[str, Any] = raw.get("models", {})
        self._enums: dict[str, Any] = raw.get("enums", {})
        self._model_cache: dict[str, Model] = {}
        self._enum_cache: dict[str, tuple[Enum, frozenset[str]] | None] = {}

    def model(self, name: str) -> Model | None:
        cached = self._model_cache.get(name)
        if cached is not None:
            return cached
        raw = self._models.get(name)
        if raw is None:
            return None
        properties = {
            wire.lower(): Property(wire, p["t"], bool(p.get("r")), bool(p.get("q")))
            for wire, p in raw.get("p", {}).items()
        }
        model = Model(name, properties, raw.get("d"), dict(raw.get("s", {})))
        self._model_cache[name] = model
        return model

    def enum(self, name: str) -> Enum | None:
        found = self.enum_and_known(name)
        return None if found is None else found[0]

    def enum_and_known(self, name: str) -> tuple[Enum, frozenset[str]] | None:
        """The enum and its values lower-cased, made once (the type walk meets the same enums
        in every template)."""
        try:
            return self._enum_cache[name]
        except KeyError:
            pass
        raw = self._enums.get(name)
        found = None
        if raw is not None:
            enum = Enum(name, tuple(raw.get("v", ())), bool(raw.get("x")))
            found = (enum, frozenset(v.lower() for v in enum.values))
        self._enum_cache[name] = found
        return found


@functools.cache
def index() -> dict[str, Any]:
    """The parsed `index.json` (empty tables when the data is missing)."""
    path = DATA / "index.json"
    if not path.is_file():
        return {"packages": {}, "types": {}}
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


@functools.cache
def package(name: str) -> PackageTables:
    """The tables of one SDK package, read on first use."""
    info = index()["packages"].get(name)
    if info is None:
        return PackageTables({})
    raw = json.loads(gzip.decompress((DATA / info["file"]).read_bytes()))
    return PackageTables(raw)


def _date(api_version: str) -> str:
    return api_version[:10]


@functools.cache
def entries(resource_type: str) -> tuple[TypeEntry, ...]:
    """Every api-version the tables describe for `resource_type` (case-insensitive), oldest
    first."""
    packages = index()["packages"]
    return tuple(
        TypeEntry(
            e["type"],
            e["api_version"],
            e["package"],
            packages.get(e["package"], {}).get("version", "?"),
            e["model"],
        )
        for e in index()["types"].get(resource_type.lower(), [])
    )


@functools.lru_cache(maxsize=4096)
def lookup(resource_type: str, api_version: str) -> TypeEntry | None:
    """The table for `resource_type` at `api_version`: the newest described api-version not
    newer than it, else the oldest described (None when the type is not covered). Memoised:
    a type has dozens of api-versions to compare, and templates repeat the same pairs."""
    found = entries(resource_type)
    if not found:
        return None
    wanted = _date(api_version) if isinstance(api_version, str) else ""
    older = [e for e in found if _date(e.api_version) <= wanted]
    return older[-1] if older else found[0]


def is_newer(api_version: str, entry: TypeEntry) -> bool:
    """Whether the template's `api_version` is newer than the one the table describes (the
    template may then use properties the table does not know)."""
    return isinstance(api_version, str) and _date(api_version) > _date(entry.api_version)


def covered_types() -> list[str]:
    """The resource types the tables describe (their canonical spelling), sorted."""
    return sorted({e["type"] for es in index()["types"].values() for e in es}, key=str.lower)
