"""Evaluated values for DSL input: the compiled template run through the ARM loader.

`armc lint x.armc` compiles the DSL into the one `Template` model, whose bodies are ARM JSON
(expressions included) and whose `SourceMap` points into the DSL. Rules should see the same
evaluated values as for an ARM JSON template, so `evaluate_dsl` builds the ARM document the
compiled template stands for (without rendering and re-parsing text), loads it with the ARM
loader (parameter defaults, `--parameters`, `--param`) and gives rules `DslTwins` (through
`AdaptedValues`): the DSL resources, with values read from the loaded twin at the same JSON
path.

Spans stay DSL spans: the loaded document's source map is the compiler's (`_DslSpans`), so
anything the loader reports (a `--param` value outside `allowedValues`) lands on the DSL line,
and rules keep running over the DSL template, whose spans they already use.

A copy loop is one DSL resource and several loaded instances: a field has the value every
instance agrees on; the parts where instances differ (a name with `copyIndex()`) are unknown.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from armc.analysis.context import AdaptedValues
from armc.arm.reader import JsonDocument, OffsetSourceMap
from armc.arm.values import Unknown
from armc.model.template import JsonPath, Resource, SourceMap, Template
from armc.source import SourceFile, Span

if TYPE_CHECKING:
    from armc.arm.loaded import LoadedTemplate
    from armc.diagnostics import Diagnostic

_PRIVATE_PREFIX = "x-armc-"
"""Compiler-private parameter members (Key Vault references), never emitted."""

_PARAMETER_CODES = ("ARM3",)
"""The loader's codes about parameter values (ARM301-ARM306)."""


class _DslSpans(OffsetSourceMap):
    """The loaded document's source map: a copy of the DSL compiler's spans (the loader may
    move spans of its own, which must not touch the DSL template's), no JSON offsets."""

    __slots__ = ()

    def __init__(self, source: SourceFile, dsl: SourceMap) -> None:
        super().__init__(source, {}, {})
        self._spans.update(dsl.items())

    def offsets(self, path: JsonPath) -> tuple[int, int] | None:
        return None

    def key_offsets(self, path: JsonPath) -> tuple[int, int] | None:
        return None

    def key_span(self, path: JsonPath) -> Span | None:
        return SourceMap.get(self, path)

    def exact(self, path: JsonPath) -> Span | None:
        return SourceMap.exact(self, path)

    def get(self, path: JsonPath) -> Span | None:
        return SourceMap.get(self, path)

    def rebase(self, old: JsonPath, new: JsonPath) -> None:
        SourceMap.rebase(self, old, new)

    def items(self) -> Any:
        return SourceMap.items(self)

    def __len__(self) -> int:
        return SourceMap.__len__(self)


def arm_document(template: Template) -> dict[str, Any] | None:
    """The ARM JSON document a compiled DSL template stands for (as `armc build` would emit
    it, less `dependsOn` and metadata, which do not change values); None when its resources
    are not the flat `resources[i]` list the DSL compiles to."""
    resources: list[Any] = [None] * len(template.resources)
    for resource in template.resources:
        path = resource.path
        if len(path) != 2 or path[0] != "resources" or not isinstance(path[1], int):
            return None
        if not 0 <= path[1] < len(resources) or resources[path[1]] is not None:
            return None
        resources[path[1]] = resource.body
    document: dict[str, Any] = dict(template.header)
    document["parameters"] = {
        name: {k: v for k, v in parameter.body.items() if not k.startswith(_PRIVATE_PREFIX)}
        for name, parameter in template.parameters.items()
    }
    document["variables"] = dict(template.variables)
    document["resources"] = resources
    document["outputs"] = {name: output.body for name, output in template.outputs.items()}
    return document


@dataclass(frozen=True)
class DslEvaluation:
    """The loaded twin of a compiled DSL template and the values rules read from it."""

    loaded: LoadedTemplate
    values: AdaptedValues

    parameters_file: str | None = None

    @property
    def diagnostics(self) -> list[Diagnostic]:
        """What loading found about parameter values (a `--param` outside `allowedValues`, an
        unreadable parameters file...), on DSL spans or in the parameters file. The rest is
        the compiler's business (it checked the template's shape and references, and knows
        the dependencies that this document leaves out)."""
        return [
            item
            for item in self.loaded.diagnostics
            if item.code.startswith(_PARAMETER_CODES)
            or (item.span is not None and item.span.file == self.parameters_file)
        ]


def evaluate_dsl(
    template: Template,
    source: SourceFile,
    *,
    parameters_file: Path | None = None,
    params: tuple[str, ...] = (),
    root: Path | None = None,
) -> DslEvaluation | None:
    """Load the compiled `template` with the ARM loader (see the module docstring); None when
    it cannot be loaded as a whole (rules then read raw values)."""
    from armc.arm.loader import LoadOptions, load_document

    document_value = arm_document(template)
    if document_value is None:
        return None
    document = JsonDocument(source, document_value, _DslSpans(source, template.source_map))
    options = LoadOptions(parameters_file=parameters_file, params=params, root=root)
    base_dir = Path(source.path).resolve().parent
    loaded = load_document(document, options, base_dir=base_dir)
    if not loaded.ok:
        return None
    named = str(parameters_file) if parameters_file is not None else None
    values = AdaptedValues(DslTwins(template, loaded), lambda v: isinstance(v, Unknown))
    return DslEvaluation(loaded, values, named)


class DslTwins:
    """DSL resources' values, read from their loaded twins at the same path (a view for
    `AdaptedValues`, which memoises and tests for `Unknown`). A DSL copy loop is one resource
    but several loaded instances: what they agree on (`_common`)."""

    def __init__(self, template: Template, loaded: LoadedTemplate) -> None:
        self._loaded = loaded
        twins: dict[JsonPath, list[Resource]] = {}
        for instance in loaded.template.resources:
            twins.setdefault(instance.path, []).append(instance)
        self._twins: dict[str, list[Resource]] = {
            resource.key: twins.get(resource.path, []) for resource in template.resources
        }

    def value(self, resource: Resource, *path: str | int) -> Any:
        twins = self._twins.get(resource.key)
        if not twins:
            return Unknown(f"'{resource.key}' was not evaluated")
        merged = self._loaded.value(twins[0], *path)
        for other in twins[1:]:
            merged = _common(merged, self._loaded.value(other, *path))
        return merged


_DIFFERS = "differs between copy-loop instances"


def _common(first: Any, second: Any) -> Any:
    """What two copy-loop instances' values have in common: equal parts as they are, objects
    and same-length arrays member by member, anything else unknown."""
    if isinstance(first, Unknown):
        return first
    if isinstance(second, Unknown):
        return second
    if type(first) is type(second) and not isinstance(first, dict | list) and first == second:
        return first  # containers compare member by member: [False] == [0] in Python
    if isinstance(first, dict) and isinstance(second, dict):
        return {
            key: _common(value, second[key]) if key in second else Unknown(_DIFFERS)
            for key, value in first.items()
        } | {key: Unknown(_DIFFERS) for key in second if key not in first}
    if isinstance(first, list) and isinstance(second, list) and len(first) == len(second):
        return [_common(a, b) for a, b in zip(first, second, strict=True)]
    return Unknown(_DIFFERS)
