"""Generate armc's resource type tables from the installed Azure management SDKs.

    pip install '.[types]'            # the azure-mgmt-* packages (generation time only)
    python tools/generate_types.py    # rewrites armc/types/data/

For every installed package in `PACKAGES`, each operations class that PUTs an ARM resource
(`create_or_update`, `begin_create_or_update`, `create`, `begin_create`) gives one resource type:
the type from the request URL (`.../providers/Microsoft.Compute/virtualMachines/{vmName}`), the
api-version from the request builder's default, and the model class of the request body. The
model is walked to its leaves, for both generations of SDK code:

* TypeSpec-generated ("new style", `azure.mgmt.compute` 39 and later): `rest_field(name=...,
  visibility=[...])` descriptors; the Python annotation gives the type, `Optional[...]` tells
  required from optional, `visibility=["read"]` marks read-only properties;
* AutoRest msrest ("old style", `azure.mgmt.msi`'s per-api-version folders): `_attribute_map`
  (dotted keys such as `properties.tenantId` are the flattened wire shape) and `_validation`
  (`readonly`, `required`).

Enums are `CaseInsensitiveEnumMeta` enums: the Python generator emits every enum that way, so
every enum is recorded as extensible (Azure may accept other values); an enum that is only a
frozen catalogue (`VirtualMachineSizeTypes`, deprecated in favour of the sizes API) is recorded
as a plain string.

Output (deterministic: sorted keys, gzip with mtime 0): `index.json` (packages, versions and,
per lower-cased resource type, its api-version, package and root model) and one
`<package>.json.gz` per package (models and enums). The tables are what armc loads at run time;
users need no Azure SDK.
"""

from __future__ import annotations

import argparse
import enum
import gzip
import importlib
import importlib.metadata
import importlib.util
import inspect
import json
import pkgutil
import re
import sys
import types
import typing
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "armc" / "types" / "data"
FORMAT = 1

PACKAGES: dict[str, str] = {
    "azure-mgmt-compute": "azure.mgmt.compute",
    "azure-mgmt-network": "azure.mgmt.network",
    "azure-mgmt-storage": "azure.mgmt.storage",
    "azure-mgmt-keyvault": "azure.mgmt.keyvault",
    "azure-mgmt-msi": "azure.mgmt.msi",
    "azure-mgmt-privatedns": "azure.mgmt.privatedns",
    "azure-mgmt-recoveryservices": "azure.mgmt.recoveryservices",
    "azure-mgmt-recoveryservicesbackup": "azure.mgmt.recoveryservicesbackup",
    "azure-mgmt-monitor": "azure.mgmt.monitor",
    "azure-mgmt-devtestlabs": "azure.mgmt.devtestlabs",
}
"""Distribution -> import package. Missing distributions are skipped (with a note)."""

PUT_METHODS = ("begin_create_or_update", "create_or_update", "begin_create", "create")

LEGACY: dict[str, str] = {"azure-mgmt-compute": "29.1.0", "azure-mgmt-storage": "19.1.0"}
"""Older multi-api releases whose per-api-version folders describe api-versions the current
release no longer carries (storage accounts on 2015-06-15 had `properties.accountType`, not
`sku`). Each is fetched with `pip download` into a cache folder and read in a subprocess."""

NOT_REQUIRED = frozenset({("StorageAccountCreateParameters", "kind")})
"""Required in the REST spec but defaulted by the provider: the quickstart templates that omit
`kind` deploy in Azure's CI (it defaults to `Storage`)."""

FROZEN_ENUMS = frozenset({"VirtualMachineSizeTypes"})
"""Enums that are a frozen catalogue rather than the set of accepted values: plain strings."""

_URL = re.compile(r"""\b_?url\s*=\s*(?:kwargs\.pop\(\s*"template_url",\s*)?["']([^"']+)["']""")
_API = re.compile(r'"api-version",\s*"([^"]+)"|\bapi_version\s*=\s*"(\d{4}-[^"]+)"')
_BODY = re.compile(r"""(?:Union\[\s*|:\s*["']?)_models\.(\w+)""")
_BUILD = re.compile(r"\b(build_\w+)\(")

Spec = Any  # "string" | ["array", Spec] | ["model", name] ...


RECORD_TYPES = ("A", "AAAA", "CNAME", "MX", "PTR", "SOA", "SRV", "TXT")
"""DNS record sets are PUT at `.../{recordType}/{name}`: one ARM type per record type."""


def resource_types(url: str) -> list[str]:
    """The ARM types a PUT URL creates: one, or one per DNS record type for record sets."""
    if "/{recordType}/" in url:
        return [t for r in RECORD_TYPES if (t := resource_type(url.replace("{recordType}", r)))]
    kind = resource_type(url)
    return [kind] if kind else []


def resource_type(url: str) -> str | None:
    """`Microsoft.Compute/virtualMachines/extensions` from a PUT URL, or None."""
    if "/providers/" not in url:
        return None
    tail = url.rsplit("/providers/", 1)[1].strip("/").split("/")
    if len(tail) < 3 or len(tail) % 2 == 0 or not tail[-1].startswith("{"):
        return None
    names = tail[1::2]
    if any(n.startswith("{") for n in names) or any(not v.startswith("{") for v in tail[2::2]):
        return None
    return "/".join([tail[0], *names])


class Walker:
    """Collects the models and enums reachable from resource bodies of one package."""

    def __init__(self, models_module: types.ModuleType, prefix: str = "") -> None:
        self.models_module = models_module
        self.prefix = prefix
        self.models: dict[str, dict[str, Any]] = {}
        self.enums: dict[str, dict[str, Any]] = {}

    # --- types -------------------------------------------------------------------------------

    def name(self, cls: type) -> str:
        return self.prefix + cls.__name__

    def enum_spec(self, cls: type[enum.Enum]) -> Spec:
        if cls.__name__ in FROZEN_ENUMS:
            return "string"
        name = self.name(cls)
        if name not in self.enums:
            values = sorted({str(member.value) for member in cls}, key=str.lower)
            extensible = type(cls).__name__ == "CaseInsensitiveEnumMeta"
            kind = "integer" if issubclass(cls, int) else "string"
            self.enums[name] = {"v": values, "x": extensible, "k": kind}
        return ["enum", name]

    def annotation_spec(self, annotation: Any) -> tuple[Spec, bool]:
        """(spec, optional) of a Python annotation."""
        origin = typing.get_origin(annotation)
        args = typing.get_args(annotation)
        if origin in (typing.Union, types.UnionType):
            optional = type(None) in args
            rest = [a for a in args if a is not type(None)]
            enums = [a for a in rest if isinstance(a, type) and issubclass(a, enum.Enum)]
            if enums:
                return self.enum_spec(enums[0]), optional
            literals = [a for a in rest if typing.get_origin(a) is typing.Literal]
            if literals:
                return self.annotation_spec(literals[0])[0], optional
            specs = [self.annotation_spec(a)[0] for a in rest]
            if len({json.dumps(s) for s in specs}) == 1:
                return specs[0], optional
            return "any", optional
        if origin is typing.Literal:
            return ("string" if all(isinstance(a, str) for a in args) else "any"), False
        if origin in (list, typing.List):  # noqa: UP006
            return ["array", self.annotation_spec(args[0])[0] if args else "any"], False
        if origin in (dict, typing.Dict):  # noqa: UP006
            return ["map", self.annotation_spec(args[1])[0] if len(args) == 2 else "any"], False
        return self.class_spec(annotation), False

    def class_spec(self, cls: Any) -> Spec:
        if cls is str or cls is bytes:
            return "string"
        if cls is bool:
            return "boolean"
        if cls is int:
            return "integer"
        if cls is float:
            return "number"
        if cls is typing.Any or cls is object:
            return "any"
        if isinstance(cls, type):
            if issubclass(cls, enum.Enum):
                return self.enum_spec(cls)
            if cls.__module__ in ("datetime",):
                return "string"
            if any(k.__name__ == "Model" for k in cls.__mro__[1:]):
                return ["model", self.model(cls)]
        return "any"

    def msrest_spec(self, text: str) -> Spec:
        if text.startswith("[") and text.endswith("]"):
            return ["array", self.msrest_spec(text[1:-1])]
        if text.startswith("{") and text.endswith("}"):
            return ["map", self.msrest_spec(text[1:-1])]
        simple = {
            "str": "string",
            "bool": "boolean",
            "int": "integer",
            "long": "integer",
            "float": "number",
            "iso-8601": "string",
            "rfc-1123": "string",
            "duration": "string",
            "date": "string",
            "bytearray": "string",
            "base64": "string",
            "unix-time": "integer",
            "object": "any",
        }
        if text in simple:
            return simple[text]
        cls = getattr(self.models_module, text, None)
        if isinstance(cls, type):
            return self.class_spec(cls)
        return "any"

    # --- models ------------------------------------------------------------------------------

    def model(self, cls: type) -> str:
        name = self.name(cls)
        if name in self.models:
            return name
        entry: dict[str, Any] = {"p": {}}
        self.models[name] = entry  # before walking: models are recursive
        if "_attribute_map" in dir(cls):
            self._msrest_fields(cls, entry)
        else:
            self._rest_fields(cls, entry)
        subtypes = self._subtypes(cls)
        if subtypes:
            entry["s"] = {value: self.model(sub) for value, sub in sorted(subtypes.items())}
        return name

    def _subtypes(self, cls: type) -> dict[str, type]:
        found: dict[str, type] = {}
        mapping = cls.__dict__.get("__mapping__")
        if isinstance(mapping, dict):
            for value, sub in mapping.items():
                if isinstance(sub, type) and sub is not cls:
                    found[str(value)] = sub
        submap = cls.__dict__.get("_subtype_map")
        if isinstance(submap, dict):
            for names in submap.values():
                for value, sub_name in names.items():
                    sub = getattr(self.models_module, sub_name, None)
                    if isinstance(sub, type):
                        found[str(value)] = sub
        return found

    def _rest_fields(self, cls: type, entry: dict[str, Any]) -> None:
        module = sys.modules[cls.__module__]
        hints = typing.get_type_hints(
            cls, globalns=vars(module), localns={"_models": self.models_module}
        )
        fields: dict[str, Any] = {}
        for klass in reversed(cls.__mro__):
            for attr, value in vars(klass).items():
                if not attr.startswith("_") and type(value).__name__ == "_RestField":
                    fields[attr] = value
        for attr, field in fields.items():
            wire = field._rest_name_input or attr
            spec, optional = self.annotation_spec(hints.get(attr, typing.Any))
            prop: dict[str, Any] = {"t": spec}
            visibility = field._visibility
            if visibility is not None and list(visibility) == ["read"]:
                prop["r"] = 1
            required = (cls.__name__, wire) not in NOT_REQUIRED
            if required and not optional and not field._is_discriminator and "r" not in prop:
                prop["q"] = 1
            if field._is_discriminator:
                entry["d"] = wire
            entry["p"][wire] = prop

    def _msrest_fields(self, cls: type, entry: dict[str, Any]) -> None:
        attribute_map: dict[str, dict[str, str]] = getattr(cls, "_attribute_map", {})
        validation: dict[str, dict[str, Any]] = getattr(cls, "_validation", {}) or {}
        submap = getattr(cls, "_subtype_map", None) or {}
        for attr, info in attribute_map.items():
            keys = [k.replace("\\.", ".") for k in re.split(r"(?<!\\)\.", info["key"])]
            rules = validation.get(attr, {})
            prop: dict[str, Any] = {"t": self.msrest_spec(info["type"])}
            if rules.get("readonly"):
                prop["r"] = 1
            elif (
                rules.get("required")
                and not rules.get("constant")
                and (cls.__name__, keys[-1]) not in NOT_REQUIRED
            ):
                prop["q"] = 1
            if attr in submap:
                entry["d"] = keys[-1]
                prop.pop("q", None)
            target = entry
            for step in keys[:-1]:  # a flattened property: nested, synthetic models
                holder = target["p"].setdefault(step, {"t": ["model", ""]})
                nested_name = holder["t"][1] or f"{self.name(cls)}.{step}"
                holder["t"] = ["model", nested_name]
                target = self.models.setdefault(nested_name, {"p": {}})
            target["p"][keys[-1]] = prop


def _operation_classes(package: types.ModuleType) -> list[tuple[types.ModuleType, type]]:
    found = []
    ops_name = f"{package.__name__}.operations"
    ops = importlib.import_module(ops_name)
    modules = [ops]
    for info in pkgutil.iter_modules(ops.__path__):
        modules.append(importlib.import_module(f"{ops_name}.{info.name}"))
    seen: set[type] = set()
    for module in modules:
        for _, cls in sorted(inspect.getmembers(module, inspect.isclass)):
            if cls.__name__.endswith("Operations") and cls not in seen:
                seen.add(cls)
                found.append((sys.modules[cls.__module__], cls))
    return found


def _top_level_sources(module: types.ModuleType) -> dict[str, str]:
    """The source of each top-level class and function of `module`, by name (one read: much
    faster than `inspect.getsource` per class on the 100,000-line operations modules)."""
    text = Path(inspect.getfile(module)).read_text(encoding="utf-8")
    parts = re.split(r"^(?=(?:class|def) \w)", text, flags=re.MULTILINE)
    found: dict[str, str] = {}
    for part in parts:
        match = re.match(r"(?:class|def) (\w+)", part)
        if match:
            found[match.group(1)] = part
    return found


def _method_source(class_source: str, name: str) -> str:
    """The last definition of method `name` in a class's source (the implementation, after
    the `@overload` stubs)."""
    starts = [m.start() for m in re.finditer(rf"^    def {name}\(", class_source, re.MULTILINE)]
    if not starts:
        return ""
    rest = class_source[starts[-1] :]
    end = re.search(r"^    (?:def |@)", rest[1:], re.MULTILINE)
    return rest if end is None else rest[: end.start() + 1]


def _puts(package: types.ModuleType) -> list[tuple[str, str, str]]:
    """(resource type, api-version, body model name) of every resource PUT in `package`."""
    results: list[tuple[str, str, str]] = []
    sources: dict[str, dict[str, str]] = {}
    for module, cls in _operation_classes(package):
        if module.__name__ not in sources:
            sources[module.__name__] = _top_level_sources(module)
        module_sources = sources[module.__name__]
        class_source = module_sources.get(cls.__name__, "")
        method = next((m for m in PUT_METHODS if hasattr(cls, m)), None)
        if method is None:
            continue
        body = _BODY.search(_method_source(class_source, method))
        if body is None:
            continue
        for builder_name in dict.fromkeys(_BUILD.findall(class_source)):
            source = module_sources.get(builder_name, "")
            if 'method="PUT"' not in source:
                continue
            url, api = _URL.search(source), _API.search(source)
            kinds = resource_types(url.group(1)) if url else []
            if kinds and api:
                version = api.group(1) or api.group(2)
                results.extend((kind, version, body.group(1)) for kind in kinds)
                break
    return results


def _versions(package: types.ModuleType) -> list[tuple[types.ModuleType, str]]:
    """(api package, model-name prefix) pairs: the package itself, or for a multi-api package
    (msrest style, `v2024_11_30` folders) each stable version folder."""
    if importlib.util.find_spec(f"{package.__name__}.operations") is not None:
        return [(package, "")]
    found = []
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        if info.ispkg and re.fullmatch(r"v\d{4}_\d{2}_\d{2}(_preview)?", info.name):
            found.append((importlib.import_module(f"{package.__name__}.{info.name}"), info.name))
    return found


def tables_of(dist: str, import_name: str) -> tuple[list[dict[str, str]], dict[str, Any]]:
    """The resource type entries and the models/enums of one installed package."""
    package = importlib.import_module(import_name)
    tables: dict[str, Any] = {"models": {}, "enums": {}}
    found: list[dict[str, str]] = []
    for api_package, prefix in _versions(package):
        models_module = importlib.import_module(f"{api_package.__name__}.models")
        walker = Walker(models_module, f"{prefix}." if prefix else "")
        for kind, api_version, body in _puts(api_package):
            cls = getattr(models_module, body, None)
            if not isinstance(cls, type):
                continue
            root = walker.model(cls)
            if any(e["type"] == kind and e["api_version"] == api_version for e in found):
                continue
            found.append({"type": kind, "api_version": api_version, "model": root})
        tables["models"].update(walker.models)
        tables["enums"].update(walker.enums)
    return found, tables


def _legacy(dist: str, version: str, cache: Path) -> tuple[list[dict[str, str]], dict[str, Any]]:
    """`tables_of` for an older release, downloaded into `cache` and read in a subprocess (the
    current release of the same package is imported in this one)."""
    import subprocess
    import zipfile

    folder = cache / f"{dist}-{version}"
    if not folder.is_dir():
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--no-deps",
                "-q",
                "-d",
                str(cache),
                f"{dist}=={version}",
            ],
            check=True,
        )
        wheel = next(cache.glob(f"{dist.replace('-', '_')}-{version}-*.whl"))
        with zipfile.ZipFile(wheel) as archive:
            archive.extractall(folder)
    result = subprocess.run(
        [sys.executable, __file__, "--worker", dist, "--sdk-path", str(folder)],
        check=True,
        capture_output=True,
        text=True,
    )
    loaded = json.loads(result.stdout)
    return loaded["entries"], loaded["tables"]


def _write_package(out: Path, key: str, tables: dict[str, Any]) -> str:
    file_name = f"{key.replace('==', '-')}.json.gz"
    data = json.dumps(tables, sort_keys=True, separators=(",", ":")).encode()
    (out / file_name).write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    return file_name


def generate(out: Path = OUT, cache: Path | None = None) -> dict[str, Any]:
    index: dict[str, Any] = {"format": FORMAT, "packages": {}, "types": {}}
    jobs: list[tuple[str, str, str]] = []  # (package key, dist, version)
    for dist in sorted(PACKAGES):
        try:
            jobs.append((dist, dist, importlib.metadata.version(dist)))
        except importlib.metadata.PackageNotFoundError:
            print(f"skipped {dist}: not installed", file=sys.stderr)
    for dist, version in sorted(LEGACY.items()):
        if cache is not None:
            jobs.append((f"{dist}=={version}", dist, version))
    for key, dist, version in jobs:
        if "==" in key:
            assert cache is not None
            found, tables = _legacy(dist, version, cache)
        else:
            found, tables = tables_of(dist, PACKAGES[dist])
        count = 0
        for entry in found:
            entries = index["types"].setdefault(entry["type"].lower(), [])
            if any(e["api_version"] == entry["api_version"] for e in entries):
                continue  # the current release describes it
            entries.append({**entry, "package": key})
            count += 1
        file_name = _write_package(out, key, tables)
        index["packages"][key] = {"version": version, "file": file_name, "types": count}
        print(f"{key} {version}: {count} resource type versions, {len(tables['models'])} models")
    for entries in index["types"].values():
        entries.sort(key=lambda e: e["api_version"])
    text = json.dumps(index, sort_keys=True, indent=1) + "\n"
    (out / "index.json").write_text(text, encoding="utf-8")
    return index


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT, help="output folder")
    parser.add_argument(
        "--cache",
        type=Path,
        default=ROOT / "build" / "sdk-cache",
        help="where the LEGACY releases are downloaded",
    )
    parser.add_argument("--no-legacy", action="store_true", help="skip the LEGACY releases")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--sdk-path", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:  # one legacy release, imported from --sdk-path: JSON on stdout
        sys.path.insert(0, str(args.sdk_path))
        found, tables = tables_of(args.worker, PACKAGES[args.worker])
        json.dump({"entries": found, "tables": tables}, sys.stdout, sort_keys=True)
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    if not args.no_legacy:
        args.cache.mkdir(parents=True, exist_ok=True)
    generate(args.out, None if args.no_legacy else args.cache)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
