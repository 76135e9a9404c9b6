"""Estimate the monthly cost of templates: ARM JSON (with parameters) and .armc files.

Both go through the ARM loader, so parameter defaults, a parameters file, variables and copy
loops are evaluated the way Azure would: a .armc file is compiled and emitted first. What only
Azure knows (a size from `reference()`, a copy count from an unset parameter) is reported as
unpriced. `[resourceGroup().location]` is the region given (`--region`, default eastus).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from armc.cost.catalog import Catalog
from armc.cost.model import Estimate, ResourceCost
from armc.cost.pricing import FREE_TYPES, PRICERS, Job, PricingOptions, Values
from armc.model.template import Resource

if TYPE_CHECKING:
    from armc.arm.loaded import LoadedTemplate
    from armc.diagnostics import Diagnostic

DEFAULT_REGION = "eastus"


class LoadError(Exception):
    """A file that cannot be estimated (not readable, not a template, does not compile)."""


class NotATemplate(LoadError):
    """JSON that is not an ARM template (found by walking a directory, it is skipped)."""


class LoadedValues:
    """`Values` over the ARM loader's evaluated view."""

    def __init__(self, loaded: LoadedTemplate) -> None:
        from armc.arm.values import Unknown

        self.loaded = loaded
        self._unknown = Unknown

    def value(self, resource: Resource, *path: str | int) -> Any:
        return self.loaded.value(resource, *path)

    def is_unknown(self, value: Any) -> bool:
        return isinstance(value, self._unknown)

    def name(self, resource: Resource) -> str:
        name = self.loaded.name(resource)
        return name if isinstance(name, str) else _raw_name(resource)

    def deployed(self, resource: Resource) -> bool | None:
        """True, False, or None when the condition is not known."""
        condition = self.loaded.condition(resource)
        if isinstance(condition, bool):
            return condition
        return None


def normalise_region(value: str) -> str:
    """ARM accepts display names: "West Europe" is westeurope."""
    return value.replace(" ", "").lower()


def resource_region(values: Values, resource: Resource, default: str) -> str:
    """The resource's known `location`, normalised; else `default`."""
    location = values.value(resource, "location")
    if isinstance(location, str) and not values.is_unknown(location):
        return normalise_region(location)
    return default


def price_resource(
    resource: Resource,
    values: Values,
    options: PricingOptions,
    *,
    name: str | None = None,
    file: str = "",
) -> ResourceCost:
    """The cost of one resource (copy-loop instances are separate resources)."""
    region = resource_region(values, resource, options.region)
    display = name if name is not None else _raw_name(resource)
    cost = ResourceCost(resource.key, resource.type, display, region, file=file)
    pricer = PRICERS.get(resource.type_lower)
    if pricer is None:
        cost.modelled = resource.type_lower in FREE_TYPES
        if not cost.modelled:
            cost.unpriced.append(f"armc does not price {resource.type}")
        return cost
    job = Job(resource, values, options, cost)
    if resource.copy is not None and resource.copy_index is None:
        count = values.value(resource, "copy", "count")
        if isinstance(count, bool) or not isinstance(count, int):
            cost.unpriced.append("the copy count is not known before deployment")
            return cost
        job.count = count
    pricer(job)
    return cost


def _raw_name(resource: Resource) -> str:
    return resource.name if isinstance(resource.name, str) else resource.key


def price_loaded(loaded: LoadedTemplate, options: PricingOptions, file: str) -> list[ResourceCost]:
    """Every resource of a loaded template and of the linked templates it reads."""
    costs: list[ResourceCost] = []
    for part in loaded.walk():
        values = LoadedValues(part)
        for resource in part.template.resources:
            if resource.existing:
                continue
            deployed = values.deployed(resource)
            if deployed is False:
                continue
            cost = price_resource(resource, values, options, name=values.name(resource), file=file)
            if deployed is None:
                cost.notes.append("deployed only when its condition holds (not known)")
            costs.append(cost)
    return costs


@dataclass(frozen=True)
class LoadRequest:
    parameters_file: Path | None = None
    params: tuple[str, ...] = ()
    region: str = DEFAULT_REGION


def load_for_cost(path: Path, request: LoadRequest) -> LoadedTemplate:
    """Load an ARM template or a .armc file (compiled, emitted, loaded). Raises LoadError."""
    from armc.arm.functions.base import DeploymentContext
    from armc.arm.loader import LoadOptions, load_document, load_template

    context = DeploymentContext(location=request.region)
    options = LoadOptions(
        parameters_file=request.parameters_file, params=request.params, context=context
    )
    if path.suffix.lower() == ".bicep":
        raise LoadError(f"{path}: armc does not read Bicep; price the `az bicep build` output")
    if path.suffix.lower() == ".armc":
        from armc.arm.reader import read_text

        text = _compile_dsl(path)
        document = read_text(text, str(path))
        loaded = load_document(document, options, base_dir=path.resolve().parent)
    else:
        if not path.is_file():
            raise LoadError(f"{path}: no such file")
        loaded = load_template(path, options, display=str(path))
    if not loaded.ok and not _is_template(loaded):
        raise NotATemplate(f"{path}: not an ARM template")
    _check_parameters(loaded, request)
    if not loaded.ok:
        errors = [d.message for d in loaded.diagnostics if d.severity.name == "ERROR"]
        raise LoadError(f"{path}: {errors[0] if errors else 'not a usable template'}")
    return loaded


def _check_parameters(loaded: LoadedTemplate, request: LoadRequest) -> None:
    """A parameters file that cannot be read (not JSON, nested too deep, `parameters` not an
    object ...) or a malformed `--param` is an input error, not priced as if it were absent.
    Values of the wrong type or for undeclared names are left to `armc lint`: one parameters
    file may serve several templates, or both sides of a diff."""
    given = str(request.parameters_file) if request.parameters_file is not None else None
    value_checks = ("ARM301", "ARM302", "ARM303", "ARM304")
    for diagnostic in loaded.diagnostics:
        span = diagnostic.span
        in_file = span is not None and span.file == given
        if diagnostic.severity.name != "ERROR" or diagnostic.code in value_checks:
            continue
        if in_file or diagnostic.code == "ARM306":
            if in_file and request.parameters_file is not None:
                diagnostic = _redacted(diagnostic, request.parameters_file, given or "")
            where = f"{span}: " if span is not None else ""
            raise LoadError(f"{where}error[{diagnostic.code}]: {diagnostic.message}")


def _redacted(diagnostic: Diagnostic, path: Path, display: str) -> Diagnostic:
    """The diagnostic without a value the unreadable file holds (`unexpected 'hunter2'`)."""
    from armc.arm.redaction import redact_unparsed
    from armc.source import SourceFile

    try:
        source = SourceFile.read(path, display)
    except (OSError, UnicodeDecodeError):
        return diagnostic
    return redact_unparsed([diagnostic], source)[0]


def _is_template(loaded: LoadedTemplate) -> bool:
    from armc.arm.loader import is_template_document

    value = loaded.document.value
    return (
        not loaded.document.ok
        or is_template_document(value)
        or (isinstance(value, dict) and "resources" in value)
    )


def _compile_dsl(path: Path) -> str:
    from armc.diagnostics import CompileError
    from armc.dsl import compile_file
    from armc.emit.arm import emit_arm
    from armc.source import SourceRegistry

    try:
        template = compile_file(path, SourceRegistry())
        return emit_arm(template).template
    except CompileError as error:
        first = error.diagnostics[0].message if error.diagnostics else "does not compile"
        raise LoadError(f"{path}: {first}") from None
    except OSError as exc:
        raise LoadError(f"{path}: {exc}") from None


def estimate_files(
    paths: Sequence[Path],
    catalog: Catalog,
    *,
    request: LoadRequest | None = None,
    options: PricingOptions | None = None,
    strict: bool = True,
) -> Estimate:
    """The estimate of `paths`. With `strict`, a file that cannot be loaded raises LoadError;
    otherwise it is listed in `problems` (JSON that is not a template is skipped quietly)."""
    request = request or LoadRequest()
    options = options or PricingOptions(catalog, region=request.region)
    costs: list[ResourceCost] = []
    problems: list[str] = []
    for path in paths:
        try:
            loaded = load_for_cost(path, request)
        except LoadError as error:
            if strict:
                raise
            if not isinstance(error, NotATemplate):
                problems.append(str(error))
            continue
        costs.extend(price_loaded(loaded, options, str(path)))
    return Estimate(
        files=[str(p) for p in paths],
        resources=costs,
        hours=options.hours,
        pricing=options.pricing,
        catalog_as_of=catalog.as_of_range,
        catalog_path=catalog.path,
        problems=problems,
    )


def price_template_resources(
    resources: Iterable[Resource], values: Values, options: PricingOptions
) -> list[ResourceCost]:
    """Price resources read through any `Values` (the cost rules use the rule context)."""
    return [price_resource(r, values, options) for r in resources if not r.existing]
