"""ARM JSON template → the one `Template` model, plus an evaluated view for rules.

`load_template(path)` reads a template (and, if given, a parameters file and `--param` values),
builds `Template(origin="arm")` with a `SourceMap` into the JSON file, flattens resources
(inline children with `parent` set, resources of inline nested deployments, copy loops
expanded to one `Resource` per instance when the count is known), fills their dependencies
(`armc.arm.references`) and returns a `LoadedTemplate`: the model, the evaluator, the
diagnostics, and methods that give the evaluated value of any resource field.

Resource keys: the symbolic name (languageVersion 2.0), else `type/name` as written (an inline
child: `fullType/parentName/childName`); `key#2`, `key#3` for repeats; `key[i]` for copy-loop
instance i; `deploymentKey::key` for resources of a nested deployment.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from armc.arm import codes
from armc.arm.evaluator import Evaluator, parameter_input
from armc.arm.expressions import parse_expression
from armc.arm.functions import DeploymentContext, unique_string
from armc.arm.loaded import DEPLOYMENTS, LoadedTemplate, ParameterUse, Placement
from armc.arm.parameters import (
    ParametersFile,
    SuppliedValue,
    check_parameters,
    merge_supplied,
    parse_cli_params,
    read_parameters_file,
)
from armc.arm.reader import JsonDocument, read_file
from armc.arm.references import link_dependencies, reference_plan
from armc.arm.values import Unknown
from armc.diagnostics import Diagnostic, Severity
from armc.model.template import (
    NO_DEFAULT,
    JsonPath,
    Output,
    Parameter,
    Resource,
    Template,
)
from armc.paths import resolved
from armc.perf import paused_gc
from armc.source import Span

__all__ = [
    "LoadOptions",
    "LoadedTemplate",
    "ParameterUse",
    "Placement",
    "clear_caches",
    "is_template_document",
    "load_document",
    "load_template",
]

_SECTIONS = ("parameters", "variables", "resources", "outputs")


def clear_caches() -> None:
    """Forget what is memoised process-wide (parsed expressions, reference plans,
    uniqueString values): benchmarks time each run as a cold one."""
    parse_expression.cache_clear()
    reference_plan.cache_clear()
    unique_string.cache_clear()


def is_template_document(value: Any) -> bool:
    """True for a parsed deploymentTemplate document (by `$schema`)."""
    if not isinstance(value, dict):
        return False
    schema = value.get("$schema")
    return isinstance(schema, str) and "deploymenttemplate" in schema.lower()


@dataclass(frozen=True)
class LoadOptions:
    """How to load: parameter values, the directory linked templates must stay in, placeholders."""

    parameters_file: str | Path | None = None
    params: tuple[str, ...] = ()
    """`name=value` overrides (the command line's `--param`)."""
    check_parameters_file: str | Path | None = None
    """A parameters file checked against the template (names, types, allowed values, ranges)
    but not used for evaluation: `armc lint DIR` pairs `x.parameters.json` with `x.json` this
    way, because such files often hold placeholders (the quickstarts' GEN-UNIQUE) that would
    make every name equal."""
    root: Path | None = None
    """Linked templates are read only from inside this directory (default: the template's)."""
    context: DeploymentContext = field(default_factory=DeploymentContext)
    max_link_depth: int = 5


def load_template(
    path: str | Path,
    options: LoadOptions | None = None,
    *,
    display: str | None = None,
) -> LoadedTemplate:
    """Load a template file. Input problems are diagnostics (`ok` is False when the file is not
    a usable template); nothing raises for bad input."""
    options = options or LoadOptions()
    document = read_file(path, display)
    return load_document(document, options, base_dir=Path(path).resolve().parent)


def load_document(
    document: JsonDocument,
    options: LoadOptions | None = None,
    *,
    base_dir: Path | None = None,
    supplied: Mapping[str, SuppliedValue] | None = None,
    link_chain: tuple[Path, ...] = (),
) -> LoadedTemplate:
    """Load a template from an already read document (see `load_template`).

    `supplied` replaces the parameters file and `--param` (used for linked templates, whose
    values come from the parent deployment). The cyclic GC is paused meanwhile (`paused_gc`:
    loading allocates many small objects; its full passes over them cost 40% of the time)."""
    with paused_gc():
        return _load_document(document, options, base_dir, supplied, link_chain)


def _load_document(
    document: JsonDocument,
    options: LoadOptions | None,
    base_dir: Path | None,
    supplied: Mapping[str, SuppliedValue] | None,
    link_chain: tuple[Path, ...],
) -> LoadedTemplate:
    options = options or LoadOptions()
    name = document.source.path
    template = Template(name, "arm", source_map=document.spans)
    diagnostics = list(document.diagnostics)
    if not document.ok:
        return _failed(template, document, diagnostics, options)
    root = document.value
    if not is_template_document(root) and not _looks_like_template(root):
        diagnostics.append(
            codes.make(
                codes.NOT_A_TEMPLATE,
                Severity.ERROR,
                "not an ARM template: no deploymentTemplate $schema and no 'resources'",
                document.span(()),
            )
        )
        return _failed(template, document, diagnostics, options)
    builder = _Builder(document, template, options, diagnostics, base_dir, link_chain)
    return builder.build(supplied)


def _looks_like_template(value: Any) -> bool:
    return isinstance(value, dict) and "resources" in value and "$schema" not in value


def _failed(
    template: Template, document: JsonDocument, diagnostics: list[Diagnostic], options: LoadOptions
) -> LoadedTemplate:
    evaluator = Evaluator({}, {}, context=options.context)
    return LoadedTemplate(template, document, evaluator, diagnostics, {}, ok=False)


@dataclass(frozen=True)
class _Deployment:
    """A `Microsoft.Resources/deployments` resource whose template is being collected."""

    resource: Resource
    properties: dict[str, Any]
    path: JsonPath
    place: Placement


class _Builder:
    """Builds one `LoadedTemplate` (the steps of `load_document`)."""

    def __init__(
        self,
        document: JsonDocument,
        template: Template,
        options: LoadOptions,
        diagnostics: list[Diagnostic],
        base_dir: Path | None,
        link_chain: tuple[Path, ...],
    ) -> None:
        self.document = document
        self.template = template
        self.options = options
        self.diagnostics = diagnostics
        self.base_dir = base_dir
        self.link_chain = link_chain
        self.used_keys: set[str] = set()
        self.parameter_documents: dict[str, JsonDocument] = {}
        self.resolved: dict[str, Path] = {}
        """`Path.resolve()` by path text, during this load (`armc.paths.resolved`: the same
        directory and linked files come back for each deployment of a template)."""

    def resolve(self, path: Path) -> Path:
        return resolved(str(path), self.resolved)

    def resolve_under(self, base: Path, relative: str) -> Path:
        """`(base / relative).resolve()`: the parts of `relative` cost a system call each once
        `base` is resolved."""
        return self.resolve(base / relative)

    def span(self, path: JsonPath) -> Span | None:
        return self.document.span(path)

    def _keep(self, file: ParametersFile) -> None:
        """Keep a parameters file's document for the caller (lint reads its secrets' spans)."""
        if file.document is not None:
            self.parameter_documents[file.path] = file.document

    def error(
        self, message: str, path: JsonPath, code: codes.Code = codes.INVALID_TEMPLATE
    ) -> None:
        self.diagnostics.append(codes.make(code, Severity.ERROR, message, self.span(path)))

    # --- the steps -------------------------------------------------------------------------

    def build(self, supplied: Mapping[str, SuppliedValue] | None) -> LoadedTemplate:
        root: dict[str, Any] = self.document.value
        template = self.template
        sections = self._sections(root, ())
        template.header = {k: v for k, v in root.items() if k not in _SECTIONS}
        template.parameters = {
            name: Parameter(name, body, ("parameters", name))
            for name, body in sections["parameters"].items()
            if isinstance(body, dict)
        }
        template.variables = dict(sections["variables"])
        template.outputs = {
            name: Output(name, body, ("outputs", name))
            for name, body in sections["outputs"].items()
            if isinstance(body, dict)
        }
        values, origins = self._parameter_values(template.parameters, supplied)
        evaluator = self._evaluator(
            template.parameters, values, sections["variables"], ("variables",), root
        )
        loaded = LoadedTemplate(template, self.document, evaluator, self.diagnostics, origins)
        loaded.parameter_documents = self.parameter_documents
        loaded.locate = self.document.locate  # the document's: no reference back to a builder
        self.loaded = loaded
        self._collect(sections["resources"], ("resources",), Placement(evaluator, ""), None)
        link_dependencies(loaded, self.diagnostics, self.document.locate)
        return loaded

    def _sections(self, root: dict[str, Any], base: JsonPath) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for section in _SECTIONS:
            value = root.get(section)
            if section == "resources":
                ok = isinstance(value, (list, dict)) or value is None
                default: Any = []
            else:
                ok = isinstance(value, dict) or value is None
                default = {}
            if not ok:
                kind = "an array" if section == "resources" else "an object"
                self.error(f"'{section}' must be {kind}", (*base, section))
                value = None
            out[section] = default if value is None else value
        return out

    def _parameter_values(
        self, declared: dict[str, Parameter], supplied: Mapping[str, SuppliedValue] | None
    ) -> tuple[dict[str, Any], dict[str, str]]:
        require = supplied is not None
        if supplied is None:
            sources: list[Mapping[str, SuppliedValue]] = []
            if self.options.parameters_file is not None:
                file = read_parameters_file(self.options.parameters_file)
                self._keep(file)
                self.diagnostics.extend(file.diagnostics)
                sources.append(file.values)
                require = True
            cli, problems = parse_cli_params(self.options.params)
            self.diagnostics.extend(problems)
            sources.append(cli)
            supplied = merge_supplied(*sources)

        def locate(name: str) -> Span | None:
            return self.document.key_span(declared[name].path)

        defaults: dict[str, list[Diagnostic]] = {}  # checked once for both checks below
        values, problems = check_parameters(
            declared, supplied, locate=locate, require_values=require, checked_defaults=defaults
        )
        self.diagnostics.extend(problems)
        if self.options.check_parameters_file is not None and not self.link_chain:
            checked = read_parameters_file(self.options.check_parameters_file)
            self._keep(checked)
            self.diagnostics.extend(checked.diagnostics)
            _, problems = check_parameters(
                declared,
                checked.values,
                locate=locate,
                require_values=checked.ok,
                checked_defaults=defaults,
            )
            self.diagnostics.extend(problems)
        supplied_origin = {v.name.lower(): v.origin for v in supplied.values()}
        origins: dict[str, str] = {}
        for name, parameter in declared.items():
            if name.lower() in supplied_origin and name in values:
                origins[name] = supplied_origin[name.lower()]
            elif parameter.default is not NO_DEFAULT:
                origins[name] = "default"
            else:
                origins[name] = "none"
        return values, origins

    def _evaluator(
        self,
        declared: Mapping[str, Parameter],
        values: Mapping[str, Any],
        variables: Mapping[str, Any],
        variables_path: JsonPath,
        root: Mapping[str, Any],
    ) -> Evaluator:
        inputs = {
            name: parameter_input(name, p.body, p.path, values.get(name, NO_DEFAULT))
            for name, p in declared.items()
        }
        namespaces = (
            frozenset(
                str(entry.get("namespace"))
                for entry in (root.get("functions") or [])
                if isinstance(entry, dict)
            )
            if isinstance(root.get("functions"), list)
            else frozenset()
        )
        return Evaluator(
            inputs,
            variables,
            variables_path=variables_path,
            context=self.options.context,
            locate=self.document.locate,
            user_namespaces=namespaces,
        )

    # --- resources -------------------------------------------------------------------------

    def _collect(
        self,
        resources: list[Any] | dict[str, Any],
        base: JsonPath,
        place: Placement,
        parent: Resource | None,
    ) -> None:
        entries: Iterable[tuple[str | int, Any]] = (
            resources.items() if isinstance(resources, dict) else enumerate(resources)
        )
        for step, body in entries:
            path = (*base, step)
            if not isinstance(body, dict):
                self.error("a resource must be an object", path)
                continue
            symbol = step if isinstance(step, str) else None
            self._resource(body, path, place, parent, symbol)

    def _resource(
        self,
        body: dict[str, Any],
        path: JsonPath,
        place: Placement,
        parent: Resource | None,
        symbol: str | None,
    ) -> None:
        body = _canonical_keys(body)
        raw_type = body.get("type")
        raw_name = body.get("name")
        if not isinstance(raw_type, str) or not isinstance(raw_name, str):
            missing = "type" if not isinstance(raw_type, str) else "name"
            self.error(f"a resource needs a string '{missing}'", path)
            return
        if not isinstance(body.get("apiVersion"), str) and not body.get("existing"):
            self.error("a resource needs a string 'apiVersion'", path)
        full_type = raw_type
        if parent is not None and "/" not in raw_type:
            full_type = f"{parent.type}/{raw_type}"
        if symbol is not None:
            base_key = symbol
        elif parent is not None and "/" not in raw_type:
            base_key = f"{full_type}/{parent.name}/{raw_name}"
        else:
            base_key = f"{full_type}/{raw_name}"
        key = self._unique(place.prefix + base_key)
        model_body = (
            body if "resources" not in body else {k: v for k, v in body.items() if k != "resources"}
        )
        evaluator = place.evaluator
        copy = body.get("copy")
        instances: list[tuple[str, str | None, int | None]] = [(key, None, None)]
        if isinstance(copy, dict):
            loop = copy.get("name") if isinstance(copy.get("name"), str) else None
            count = evaluator.count(copy, (*path, "copy"))
            if isinstance(count, int):
                instances = [(f"{key}[{i}]", loop, i) for i in range(count)]
            else:
                instances = [(key, loop, None)]
        created: list[Resource] = []
        api_version = str(body.get("apiVersion", ""))
        parent_key = parent.key if parent is not None else None
        placements = self.loaded.placements
        for instance_key, loop, index in instances:
            # positional: key, type, api_version, name, body, path, dependencies, parent, copy_index
            resource = Resource(
                instance_key,
                full_type,
                api_version,
                raw_name,
                model_body,
                path,
                [],
                parent_key,
                index,
            )
            full_name = self._full_name(resource, evaluator, loop, index, parent, raw_type)
            placements[instance_key] = Placement(evaluator, place.prefix, loop, index, full_name)
            created.append(resource)
        self.template.resources.extend(created)
        children = body.get("resources")
        if isinstance(children, list) and created:
            self._collect(children, (*path, "resources"), place, created[0])
        elif children is not None and not isinstance(children, list):
            self.error("'resources' of a resource must be an array", (*path, "resources"))
        if full_type.lower() == DEPLOYMENTS and created:
            self._nested(body, path, place, created[0])

    def _full_name(
        self,
        resource: Resource,
        evaluator: Evaluator,
        loop: str | None,
        index: int | None,
        parent: Resource | None,
        raw_type: str,
    ) -> Any:
        if index is None:
            name = evaluator.evaluate(resource.name, (*resource.path, "name"))
        else:
            with evaluator.copy_index(loop, index):
                name = evaluator.evaluate(resource.name, (*resource.path, "name"))
        if parent is not None and "/" not in raw_type:
            parent_name = self.loaded.placements[parent.key].full_name
            if isinstance(parent_name, Unknown):
                return parent_name
            if isinstance(name, str) and isinstance(parent_name, str):
                return f"{parent_name}/{name}"
            return Unknown("the parent's name is not known")
        return name

    def _unique(self, key: str) -> str:
        candidate = key
        number = 2
        while candidate in self.used_keys:
            candidate = f"{key}#{number}"
            number += 1
        self.used_keys.add(candidate)
        return candidate

    # --- nested and linked deployments -----------------------------------------------------

    def _nested(
        self, body: dict[str, Any], path: JsonPath, place: Placement, resource: Resource
    ) -> None:
        properties = body.get("properties")
        if not isinstance(properties, dict):
            return
        deployment = _Deployment(resource, properties, path, place)
        inner = properties.get("template")
        if isinstance(inner, dict):
            self._inline(deployment, inner, (*path, "properties", "template"))
            return
        link = properties.get("templateLink")
        if isinstance(link, dict):
            self._linked(deployment, link, (*path, "properties", "templateLink"))

    def _passed_parameters(self, deployment: _Deployment) -> dict[str, SuppliedValue]:
        place = deployment.place
        passed = deployment.properties.get("parameters")
        supplied: dict[str, SuppliedValue] = {}
        if not isinstance(passed, dict):
            return supplied
        for name, entry in passed.items():
            where = (*deployment.path, "properties", "parameters", name)
            if not isinstance(entry, dict):
                continue
            if "value" in entry:
                value = place.evaluator.evaluate(entry["value"], (*where, "value"))
            else:
                value = Unknown(f"Key Vault reference for '{name}'", secret=True)
            locate = partial(self.document.key_span, where)
            supplied[name] = SuppliedValue(name, value, "file", locate=locate)
        return supplied

    def _inline(self, deployment: _Deployment, inner: dict[str, Any], inner_path: JsonPath) -> None:
        options = deployment.properties.get("expressionEvaluationOptions")
        scope = options.get("scope") if isinstance(options, dict) else None
        sections = self._sections(inner, inner_path)
        prefix = f"{deployment.resource.key}::"
        if isinstance(scope, str) and scope.lower() == "inner":
            declared = {
                name: Parameter(name, decl, (*inner_path, "parameters", name))
                for name, decl in sections["parameters"].items()
                if isinstance(decl, dict)
            }
            supplied = self._passed_parameters(deployment)
            values, problems = check_parameters(declared, supplied)
            self.diagnostics.extend(problems)
            evaluator = self._evaluator(
                declared, values, sections["variables"], (*inner_path, "variables"), inner
            )
            self.loaded.scopes[prefix] = evaluator
        else:
            evaluator = deployment.place.evaluator
        self._collect(
            sections["resources"], (*inner_path, "resources"), Placement(evaluator, prefix), None
        )

    def _linked(self, deployment: _Deployment, link: dict[str, Any], link_path: JsonPath) -> None:
        target = self._link_target(link, link_path, deployment.place)
        if target is None:
            return
        root = self.resolve(self.options.root or self.base_dir or target.parent)
        if not target.is_relative_to(root):
            self.diagnostics.append(
                codes.make(
                    codes.LINKED_TEMPLATE,
                    Severity.WARNING,
                    f"linked template {target} is outside {root}: not read",
                    self.span(link_path),
                    "lint it on its own, or run armc from a directory that contains both",
                )
            )
            return
        if not target.is_file():
            self.diagnostics.append(
                codes.make(
                    codes.LINKED_TEMPLATE,
                    Severity.INFO,
                    f"linked template {target.name} not found next to the template; "
                    "its resources are not checked",
                    self.span(link_path),
                )
            )
            return
        if target in self.link_chain:
            self.diagnostics.append(
                codes.make(
                    codes.LINKED_TEMPLATE,
                    Severity.WARNING,
                    f"linked template {target.name} is already being read: the links form a "
                    "cycle, and ARM would nest deployments until its depth limit",
                    self.span(link_path),
                )
            )
            return
        if len(self.link_chain) >= self.options.max_link_depth:
            return
        supplied = self._passed_parameters(deployment)
        base_dir = self.resolve(self.base_dir) if self.base_dir is not None else None
        document = read_file(target, _display(target, self.document.source.path, base_dir))
        linked = load_document(
            document,
            self.options,
            base_dir=target.parent,
            supplied=supplied,
            link_chain=(*self.link_chain, target),
        )
        self.loaded.linked[deployment.resource.key] = linked

    def _link_target(
        self, link: dict[str, Any], link_path: JsonPath, place: Placement
    ) -> Path | None:
        if self.base_dir is None:
            return None
        relative = link.get("relativePath")
        if isinstance(relative, str):
            value = place.evaluator.evaluate(relative, (*link_path, "relativePath"))
            return self.resolve_under(self.base_dir, value) if isinstance(value, str) else None
        uri = place.evaluator.evaluate(link.get("uri"), (*link_path, "uri"))
        if not isinstance(uri, str):
            return None
        base = self.options.context.template_uri.rsplit("/", 1)[0] + "/"
        if not uri.startswith(base):
            return None
        relative_uri = uri[len(base) :].split("?", 1)[0]
        return self.resolve_under(self.base_dir, relative_uri)


_RESOURCE_KEYS = {
    key.lower(): key
    for key in (
        "type",
        "name",
        "apiVersion",
        "location",
        "dependsOn",
        "copy",
        "condition",
        "properties",
        "resources",
        "sku",
        "kind",
        "tags",
        "identity",
        "zones",
        "plan",
        "scope",
        "existing",
        "comments",
    )
}

_CANONICAL_KEYS = frozenset(_RESOURCE_KEYS.values())


def _canonical_keys(body: dict[str, Any]) -> dict[str, Any]:
    """ARM reads resource members case-insensitively (`apiversion` works): spell them the
    usual way so that rules find them."""
    if _CANONICAL_KEYS.issuperset(body) or all(
        _RESOURCE_KEYS.get(key.lower(), key) == key for key in body
    ):
        return body
    return {_RESOURCE_KEYS.get(key.lower(), key): value for key, value in body.items()}


def _display(target: Path, parent_display: str, base_dir: Path | None) -> str:
    """A display name for a linked file: relative like the parent's when possible
    (`base_dir` resolved)."""
    parent = Path(parent_display)
    if base_dir is not None:
        try:
            return str(parent.parent / target.relative_to(base_dir))
        except ValueError:
            pass
    return str(target)
