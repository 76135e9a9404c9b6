"""A loaded ARM template: the model plus its evaluated view, as rules and the cost model use it.

`LoadedTemplate.value(resource, *path)` is the deploy-time value of any resource field when armc
can know it, else an `Unknown` carrying the reason (and `secret` for secure parameters and
`list*()` results). `armc.arm.loader` builds it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from armc.arm import codes
from armc.arm.evaluator import Evaluator, Locate
from armc.arm.expressions import (
    ExpressionError,
    has_syntax_error,
    is_expression,
    parse_expression,
)
from armc.arm.reader import JsonDocument, bracketed_strings
from armc.arm.values import Unknown
from armc.diagnostics import Diagnostic, Severity
from armc.model.template import JsonPath, Resource, Template
from armc.perf import paused_gc
from armc.source import SourceFile, Span

if TYPE_CHECKING:
    import networkx as nx

DEPLOYMENTS = "microsoft.resources/deployments"


@dataclass(frozen=True)
class ParameterUse:
    """The evaluated value a parameter got (Unknown when secure or unset), and where from:
    file (a parameters file, or the parent deployment of a linked template), cli, default, or
    none."""

    value: Any
    origin: str


_NOT_IN_A_LOOP: AbstractContextManager[None] = nullcontext()
"""Reusable: `nullcontext` keeps no state."""


@dataclass
class Placement:
    """Where a resource's expressions are evaluated: its scope and copy-loop iteration."""

    evaluator: Evaluator
    prefix: str
    loop: str | None = None
    index: int | None = None
    full_name: Any = None
    """The evaluated full name (`parent/child` for children), Unknown when not known."""

    def iteration(self) -> AbstractContextManager[None]:
        """Evaluate inside this instance's copy-loop iteration (if it is one)."""
        if self.index is None:
            return _NOT_IN_A_LOOP
        return self.evaluator.copy_index(self.loop, self.index)


class LoadedTemplate:
    """A loaded ARM template: the model, its evaluated view, and what loading found.

    The evaluated view is what rules and the cost model read:
    `value(resource, "properties", "hardwareProfile", "vmSize")` is the deploy-time value when
    armc can know it, else an `Unknown` with the reason; `evaluated(resource)` is the whole
    body. Copy-loop instances evaluate with their own `copyIndex()`."""

    def __init__(
        self,
        template: Template,
        document: JsonDocument,
        evaluator: Evaluator,
        diagnostics: list[Diagnostic],
        parameter_origins: dict[str, str],
        *,
        ok: bool = True,
    ) -> None:
        self.template = template
        self.document = document
        self.evaluator = evaluator
        self._diagnostics = diagnostics
        self.parameter_documents: dict[str, JsonDocument] = {}
        """The parameters files loading read (named and paired), by the path as given."""
        self._origins = parameter_origins
        self.ok = ok
        self.placements: dict[str, Placement] = {}
        self.scopes: dict[str, Evaluator] = {"": evaluator}
        self.linked: dict[str, LoadedTemplate] = {}
        self.ordering: dict[str, list[str]] = {}
        """Per resource key, the resources ARM deploys it after (dependsOn, and reference() or
        list*() by name): the edges that order a deployment, used by `missing-dependson`."""
        self._evaluated: dict[str, dict[str, Any]] = {}
        self._nested: set[str] = set()
        """Keys of the evaluated bodies whose properties hold a raw nested template."""
        self._syntax_checked = False
        self.locate: Locate | None = None
        """Maps (path of a JSON string, start, end inside its value) to a span in the file."""

    @property
    def parameters_used(self) -> dict[str, ParameterUse]:
        """Every declared parameter's evaluated value and where it came from."""
        return {
            name: ParameterUse(self.evaluator.parameter(name), origin)
            for name, origin in self._origins.items()
        }

    # --- evaluated view --------------------------------------------------------------------

    def placement(self, resource: Resource | str) -> Placement:
        key = resource if isinstance(resource, str) else resource.key
        return self.placements[key]

    def value(self, resource: Resource | str, *path: str | int) -> Any:
        """The evaluated value of one field of a resource (None when the field is absent).
        Read from the evaluated body when `evaluated()` (or `evaluate_all()`) built it."""
        return self.value_at(resource, path)

    def value_at(self, resource: Resource | str, path: tuple[str | int, ...]) -> Any:
        """`value(resource, *path)` for a caller that holds the path as a tuple (rules read
        tens of thousands of fields through `AdaptedValues`: unpacking the path and packing it
        again cost a fifth of a lookup)."""
        res = resource if resource.__class__ is Resource else self._resource(resource)
        body = self._evaluated.get(res.key)
        if (
            body is not None
            and (path in _PLAIN_PATHS or _plain_steps(path))
            and (not self._nested or path[0] != "properties" or res.key not in self._nested)
        ):
            # evaluating the field again gives the same value (and where the raw walk below
            # fails, it reads the same evaluated body)
            return _step(body, path)
        return self._raw_value(res, path)

    def _raw_value(self, res: Resource, path: tuple[str | int, ...]) -> Any:
        raw: Any = res.body
        for step in path:
            if isinstance(raw, dict) and isinstance(step, str):
                raw = raw.get(step)
            elif isinstance(raw, list) and isinstance(step, int) and 0 <= step < len(raw):
                raw = raw[step]
            else:
                return self._evaluated_step(res, path)
            if raw is None:
                return self._evaluated_step(res, path)
        place = self.placements[res.key]
        with place.iteration():
            return place.evaluator.evaluate(raw, (*res.path, *path))

    def _evaluated_step(self, resource: Resource, path: tuple[str | int, ...]) -> Any:
        # the field may come from a property copy loop: look in the evaluated body
        return _step(self.evaluated(resource), path)

    def evaluated(self, resource: Resource | str) -> dict[str, Any]:
        """The whole evaluated body of a resource (nested templates are left raw)."""
        res = self._resource(resource)
        cached = self._evaluated.get(res.key)
        if cached is not None:
            return cached
        place = self.placements[res.key]
        body = res.body
        nested = _nested_template(res)
        if nested is not None:  # evaluated without its template (copies: the body stays)
            body = dict(body)
            properties = dict(body["properties"])
            del properties["template"]
            body["properties"] = properties
        with place.iteration():
            result = place.evaluator.evaluate(body, res.path)
        if not isinstance(result, dict):  # pragma: no cover - a dict evaluates to a dict
            result = {}
        if nested is not None and isinstance(result.get("properties"), dict):
            result["properties"]["template"] = nested
        if nested is not None:
            self._nested.add(res.key)
        self._evaluated[res.key] = result
        return result

    def name(self, resource: Resource | str) -> Any:
        """The evaluated full name (`vnet/subnet` for a child), or Unknown."""
        return self.placements[self._resource(resource).key].full_name

    def condition(self, resource: Resource | str) -> Any:
        """True when the resource is deployed: its evaluated `condition` (True when absent)."""
        res = self._resource(resource)
        if "condition" not in res.body:
            return True
        return self.value(res, "condition")

    def parameter(self, name: str) -> Any:
        return self.evaluator.parameter(name)

    def variable(self, name: str) -> Any:
        return self.evaluator.variable(name)

    def output(self, name: str) -> Any:
        output = self.template.outputs.get(name)
        if output is None:
            return Unknown(f"no output '{name}'")
        if "copy" in output.body and isinstance(output.body["copy"], dict):
            spec = output.body["copy"]
            count = self.evaluator.count(spec, (*output.path, "copy"))
            if isinstance(count, Unknown):
                return count
            items = []
            for index in range(count):
                with self.evaluator.copy_index(None, index):
                    items.append(
                        self.evaluator.evaluate(spec.get("input"), (*output.path, "copy", "input"))
                    )
            return items
        return self.evaluator.evaluate(output.body.get("value"), (*output.path, "value"))

    def span(self, path: JsonPath) -> Span | None:
        return self.template.span(path)

    def deployment_graph(self) -> nx.DiGraph:
        """The graph of the edges that order a deployment: dependsOn, parent/child, and
        reference()/list*() by name. (`build_graph(loaded.template)` has every reference.)"""
        from armc.model.graph import build_graph

        view = Template(self.template.file, "arm", source_map=self.template.source_map)
        for resource in self.template.resources:
            ordered = set(self.ordering.get(resource.key, ()))
            kept = [d for d in resource.dependencies if d.kind != "implicit" or d.target in ordered]
            view.resources.append(replace(resource, dependencies=kept))
        return build_graph(view)

    def cycle_diagnostics(self) -> list[Diagnostic]:
        """`dependency-cycle` errors of the deployment graph."""
        from armc.model.graph import cycle_diagnostics

        return cycle_diagnostics(self.template, self.deployment_graph())

    def resource_span(self, resource: Resource | str, *path: str | int) -> Span | None:
        res = self._resource(resource)
        return self.template.span((*res.path, *path))

    def check_syntax(self) -> None:
        """Report every expression syntax error in the document, evaluated or not (metadata
        excepted: ARM does not evaluate it)."""
        if self._syntax_checked or not self.ok:
            return
        self._syntax_checked = True
        if self._read_every_bracketed_string():
            return  # evaluation reported each syntax error where it is written
        if self.document.spans.on_demand and not has_syntax_error(
            bracketed_strings(self.document.source.text)
        ):
            return  # no string anywhere has a syntax error: nothing to locate
        stack: list[tuple[Any, JsonPath]] = [(self.document.value, ())]
        while stack:
            current, where = stack.pop()
            if isinstance(current, dict):
                for key, item in current.items():
                    if key not in ("metadata", "$schema"):
                        stack.append((item, (*where, key)))
            elif isinstance(current, list):
                stack.extend((item, (*where, i)) for i, item in enumerate(current))
            elif isinstance(current, str) and is_expression(current):
                tree = parse_expression(current)
                if isinstance(tree, ExpressionError):
                    span = self.locate(where, tree.offset, tree.end) if self.locate else None
                    self._diagnostics.append(
                        codes.make(
                            codes.EXPRESSION_SYNTAX,
                            Severity.ERROR,
                            f"expression syntax: {tree.message}",
                            span,
                        )
                    )

    def _read_every_bracketed_string(self) -> bool:
        """True when evaluation so far read every string of the document that opens with `[`
        (keys included): as many places as the text has `"[`. The text may have more (a
        `\\"[` inside a string, a comment, an expression key whose value is at the same
        path, a string not evaluated); a string opening with the escape of `[` is not
        counted, so none may be there."""
        scopes = list(self.scopes.values())
        if not all(scope.exact_paths for scope in scopes):
            return False
        if len(scopes) == 1:
            read = len(scopes[0].string_paths)
        else:  # nested templates evaluated in their own scope: their strings are apart
            read = len(set().union(*(scope.string_paths for scope in scopes)))
        text = self.document.source.text
        # (a backslash is found faster than the escape: most texts have none)
        return read == text.count('"[') and ("\\" not in text or '"\\u005' not in text)

    def evaluate_all(self) -> None:
        """Evaluate every parameter default, variable, resource and output, so that all
        evaluation diagnostics are found (`armc lint` calls this); syntax errors included.
        The cyclic GC is paused meanwhile, as for loading (`armc.perf.paused_gc`)."""
        with paused_gc():
            self._evaluate_all()

    def _evaluate_all(self) -> None:
        for evaluator in self.scopes.values():
            for name in evaluator.parameter_names:
                evaluator.parameter(name)
            for name in evaluator.variable_names:
                evaluator.variable(name)
        for resource in self.template.resources:
            self.evaluated(resource)
        for name in self.template.outputs:
            self.output(name)
        self.check_syntax()  # after evaluating: usually every expression was parsed then
        for linked in self.linked.values():
            linked._evaluate_all()

    @property
    def diagnostics(self) -> list[Diagnostic]:
        """Everything found so far: reading, structure, parameters, references, evaluation,
        and linked templates; sorted and without repeats."""
        items = list(self._diagnostics)
        for evaluator in self.scopes.values():
            items.extend(evaluator.diagnostics)
        for linked in self.linked.values():
            items.extend(linked.diagnostics)
        unique: dict[tuple[Any, ...], Diagnostic] = {}
        for item in items:
            unique.setdefault((item.code, item.span, item.message), item)
        return sorted(unique.values(), key=Diagnostic.sort_key)

    def add(self, diagnostic: Diagnostic) -> None:
        self._diagnostics.append(diagnostic)

    def walk(self) -> Iterator[LoadedTemplate]:
        """This template, then every linked template it reads (depth first)."""
        yield self
        for linked in self.linked.values():
            yield from linked.walk()

    @property
    def sources(self) -> list[SourceFile]:
        """The files read (this template and linked ones), for code frames in reports."""
        files = [self.document.source]
        for linked in self.linked.values():
            files.extend(linked.sources)
        return files

    def _resource(self, resource: Resource | str) -> Resource:
        if isinstance(resource, Resource):
            return resource
        found = self.template.resource(resource)
        if found is None:
            raise KeyError(resource)
        return found


def _step(value: Any, path: tuple[str | int, ...]) -> Any:
    """The part of an evaluated value at `path` (None when absent; an Unknown on the way).
    Exact classes are tested first: rules read ~60,000 fields of objects and arrays."""
    for step in path:
        kind = value.__class__
        if kind is dict and step.__class__ is str:
            value = value.get(step)
        elif value is None:
            return None
        elif kind is list and step.__class__ is int:
            if not 0 <= step < len(value):
                return None
            value = value[step]
        elif isinstance(value, Unknown):
            return value
        elif isinstance(value, dict) and isinstance(step, str):
            value = value.get(step)
        elif isinstance(value, list) and isinstance(step, int) and 0 <= step < len(value):
            value = value[step]
        else:
            return None
    return value


_PLAIN_PATHS: set[tuple[str | int, ...]] = set()
"""The paths `_plain_steps` found plain (rules ask the same few thousand paths: a set
membership test is the cheapest check)."""


def _plain_steps(path: tuple[str | int, ...]) -> bool:
    """True when an evaluated body has the field at the same path as the raw body: the path
    is not empty and no step is a `copy` (expanded into the loop's name) or an expression key
    (evaluated). (`value` also leaves out the properties of a nested deployment: `evaluated()`
    leaves its template raw.) Plain paths are remembered in `_PLAIN_PATHS`."""
    if not path:
        return False
    for step in path:
        if isinstance(step, str) and (step.lower() == "copy" or is_expression(step)):
            return False
    if len(_PLAIN_PATHS) < 65536:
        _PLAIN_PATHS.add(path)
    return True


def _nested_template(resource: Resource) -> dict[str, Any] | None:
    if resource.type_lower != DEPLOYMENTS:
        return None
    properties = resource.body.get("properties")
    template = properties.get("template") if isinstance(properties, dict) else None
    return template if isinstance(template, dict) else None


# --- loading ------------------------------------------------------------------------------
