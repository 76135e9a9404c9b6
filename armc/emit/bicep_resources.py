"""View models of Bicep resource declarations, built from the shared `ResourceView`s.

A child resource whose parent is in the template gets `parent:` and its last name segment; a
copy loop becomes `[for i in range(0, count): ...]` (with `@batchSize` for a serial loop); a
condition becomes `if (...)`; `dependsOn` lists only the dependencies that no symbolic
reference in the declaration implies, directly or through the referenced resources."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from armc.arm.expressions import unescape_literal
from armc.emit.bicep_code import Text, TranslationError
from armc.emit.bicep_expressions import Translator
from armc.emit.bicep_references import Scope, Symbol, name_key
from armc.emit.bicep_text import quote
from armc.emit.bicep_values import loop_variable, render
from armc.emit.json_text import is_expression
from armc.emit.view import ResourceView
from armc.model.template import Resource, Template

if TYPE_CHECKING:
    import networkx as nx

DEPLOYMENTS = "microsoft.resources/deployments"
# Members the declaration's head or the emitter itself writes.
HANDLED = frozenset({"type", "apiVersion", "name", "copy", "condition", "existing"})


@dataclass(frozen=True)
class BicepResource:
    """`resource symbol 'type@version' [existing] = [for ...:] [if (...)] { members }`, or
    for a nested deployment `module symbol 'path' = ...` (`module` is the path and
    `module_text` the JSON template of the file it names)."""

    symbol: str
    type: str
    api_version: str
    existing: bool
    loop: str | None
    condition: str | None
    members: tuple[tuple[str, str], ...]
    decorators: tuple[str, ...] = ()
    module: str | None = None
    module_text: str | None = None


def symbols(template: Template, names: Mapping[str, str]) -> dict[str, Symbol]:
    """The `Symbol` of every resource, by key."""
    return {
        r.key: Symbol(
            r.key, names[r.key], r.type, r.api_version, r.copy is not None, bool(r.parent)
        )
        for r in template.resources
    }


def resource_index(
    template: Template, by_key: Mapping[str, Symbol]
) -> dict[tuple[str, tuple[str, ...]], Symbol]:
    """Resources by lower-cased type and name segments: a literal name by its segments, an
    expression name by its canonical text (`name_key`). A key two resources share names
    neither (a reference to it stays `resourceId(...)`)."""
    index: dict[tuple[str, tuple[str, ...]], Symbol] = {}
    shared: set[tuple[str, tuple[str, ...]]] = set()
    for resource in template.resources:
        segments = name_key(resource.name)
        if segments is None:
            continue
        key = (resource.type_lower, segments)
        if key in index:
            shared.add(key)
        index[key] = by_key[resource.key]
    return {key: symbol for key, symbol in index.items() if key not in shared}


def parent_of(resource: Resource, template: Template) -> Resource | None:
    """The resource this one is a child of: the model's `parent`, or the resource of the
    parent type named by all but the last name segment."""
    if resource.parent is not None:
        return template.resource(resource.parent)
    name = resource.name
    parts = resource.type.split("/")
    if len(parts) < 3 or not isinstance(name, str) or is_expression(name) or "/" not in name:
        return None
    owner_type = "/".join(parts[:-1]).lower()
    owner_name = name.rsplit("/", 1)[0].lower()
    for candidate in template.resources:
        if candidate.type_lower == owner_type and str(candidate.name).lower() == owner_name:
            return candidate
    return None


def resource(
    view: ResourceView,
    model: Resource,
    template: Template,
    scope: Scope,
    graph: nx.DiGraph,
    names: Mapping[str, str],
    stem: str | None = None,
) -> BicepResource:
    """The declaration of one resource; a nested deployment with an inline template of its
    own scope becomes a module of the JSON file `<stem>.<symbol>.json` (None: refused)."""
    nested = model.type_lower == DEPLOYMENTS and isinstance(model.properties.get("template"), dict)
    if nested and (stem is None or not inner_scope(model)):
        raise TranslationError(
            f"'{model.key}' is a nested deployment with an inline template of the outer "
            "scope (Bicep writes one as a module in a file of its own)"
        )
    loops = dict(scope.loops)
    if model.copy is None and model.copy_index is not None:  # one instance of an expanded loop
        loops[""] = str(model.copy_index)
    loop, decorators = _loop(model, scope, names[model.key], loops)
    translator = Translator(
        Scope(scope.parameters, scope.variables, scope.resources, scope.declared, loops, model.key)
    )
    if nested:
        return _module(model, stem or "", translator, graph, names, loop, decorators)
    members: list[tuple[str, str]] = []
    parent = parent_of(model, template)
    child_name = None if parent is None else _child_name(model.name, translator)
    if parent is not None and child_name is not None:
        translator.references.add(parent.key)
        members.append(("parent", names[parent.key]))
        members.append(("name", child_name))
    else:
        members.append(("name", render(model.name, translator, 1)))
    for key, value in view.header:
        if key not in HANDLED:
            members.append((key, _member(key, value, translator)))
    properties = view.ordered_properties
    if properties is not None:
        members.append(("properties", render(properties, translator, 1)))
    for key, value in view.trailer:
        members.append((key, _member(key, value, translator)))
    condition_text = _condition_and_dependencies(model, translator, graph, names, members)
    return BicepResource(
        names[model.key],
        model.type,
        model.api_version,
        model.existing,
        loop,
        condition_text,
        tuple(members),
        decorators,
    )


def _loop(
    model: Resource, scope: Scope, symbol: str, loops: dict[str, str]
) -> tuple[str | None, tuple[str, ...]]:
    copy = model.copy
    if copy is None:
        return None, ()
    variable = loop_variable(scope.declared)
    name = str(copy.get("name", "")).lower()
    loops[""] = variable
    if name:
        loops[name] = variable
    count = render(
        copy.get("count"),
        Translator(Scope(scope.parameters, scope.variables, scope.resources, scope.declared)),
        0,
    )
    decorators: tuple[str, ...] = ()
    if str(copy.get("mode", "")).lower() == "serial":
        decorators = (f"batchSize({int(copy.get('batchSize', 1))})",)
    return f"for {variable} in range(0, {count})", decorators


def _child_name(name: Any, translator: Translator) -> str | None:
    """The last segment of a child's `parent/child` name as Bicep, or None when it is not
    known: a literal name, or an expression whose text ends with a literal `/child`."""
    if not isinstance(name, str):
        return None
    if not is_expression(name):
        literal = unescape_literal(name)
        return quote(literal.rsplit("/", 1)[-1])
    probe = Translator(translator.scope).expression(name)  # its references are not written
    if not isinstance(probe, Text) or not probe.parts or not isinstance(probe.parts[-1], str):
        return None
    tail = probe.parts[-1]
    return quote(tail.rsplit("/", 1)[-1]) if "/" in tail else None


def _member(key: str, value: Any, translator: Translator) -> str:
    if key == "scope":
        symbol = translator.scope_symbol(value)
        if symbol is None:
            raise TranslationError(f"the scope {value!r} is not a resource of the template")
        return symbol
    return render(value, translator, 1)


def _list(items: list[str]) -> str:
    return "[\n" + "".join(f"    {item}\n" for item in items) + "  ]"


def _explicit_dependencies(model: Resource, implied: set[str], graph: nx.DiGraph) -> list[str]:
    """The model's direct dependencies that no symbolic reference implies, directly or through
    what it references, less those another explicit one already implies (as ARM's minimal
    dependsOn)."""
    import networkx as nx

    if model.key not in graph:
        return []

    def reach(keys: set[str]) -> set[str]:
        found = set(keys)
        for key in keys:
            if key in graph:
                found |= nx.descendants(graph, key)
        return found

    covered = reach(implied)
    needed = [k for k in sorted(graph.successors(model.key)) if k not in covered and k != model.key]
    return [k for k in needed if not any(k in reach({o}) for o in needed if o != k)]


def inner_scope(model: Resource) -> bool:
    """Whether a nested deployment's template evaluates its own expressions."""
    options = model.properties.get("expressionEvaluationOptions")
    return isinstance(options, dict) and str(options.get("scope", "")).lower() == "inner"


MODULE_PROPERTIES = frozenset({"mode", "expressionEvaluationOptions", "parameters", "template"})


def _module(
    model: Resource,
    stem: str,
    translator: Translator,
    graph: nx.DiGraph,
    names: Mapping[str, str],
    loop: str | None,
    decorators: tuple[str, ...],
) -> BicepResource:
    """`module symbol './<stem>.<symbol>.json' = { name, scope, params }`: what Bicep
    compiles to the same nested deployment (incremental, inner scope, that template)."""
    from armc.emit.json_text import canonical

    properties = model.properties
    extra = sorted(set(properties) - MODULE_PROPERTIES)
    if extra or str(properties.get("mode", "Incremental")).lower() != "incremental":
        raise TranslationError(f"'{model.key}' is a nested deployment a module cannot write")
    body = model.body
    unknown = sorted(
        k
        for k in body
        if k not in (*HANDLED, "properties", "subscriptionId", "resourceGroup", "dependsOn")
    )
    if unknown:
        raise TranslationError(f"'{model.key}' is a nested deployment with {unknown[0]!r}")
    members: list[tuple[str, str]] = [("name", render(model.name, translator, 1))]
    if "resourceGroup" in body:
        keys = [k for k in ("subscriptionId", "resourceGroup") if k in body]
        where = [render(body[k], translator, 1) for k in keys]
        members.append(("scope", f"resourceGroup({', '.join(where)})"))
    elif "subscriptionId" in body:
        raise TranslationError(f"'{model.key}' is a nested deployment to a subscription")
    parameters = properties.get("parameters", {})
    values: dict[str, Any] = {}
    for key, parameter in parameters.items() if isinstance(parameters, dict) else ():
        if not isinstance(parameter, dict) or set(parameter) != {"value"}:
            raise TranslationError(f"'{model.key}' passes parameter {key!r} other than by value")
        values[key] = parameter["value"]
    if values:
        members.append(("params", render(values, translator, 1)))
    condition_text = _condition_and_dependencies(model, translator, graph, names, members)
    symbol = names[model.key]
    return BicepResource(
        symbol,
        model.type,
        model.api_version,
        False,
        loop,
        condition_text,
        tuple(members),
        decorators,
        module=f"./{stem}.{symbol}.json",
        module_text=canonical(properties["template"]),
    )


def _condition_and_dependencies(
    model: Resource,
    translator: Translator,
    graph: nx.DiGraph,
    names: Mapping[str, str],
    members: list[tuple[str, str]],
) -> str | None:
    """The condition's Bicep text (None when there is none), after appending `dependsOn` to
    `members` when the resource needs explicit dependencies."""
    condition = model.condition
    condition_text = None
    if condition is not None and condition is not True:
        condition_text = render(condition, translator, 0)
    explicit = _explicit_dependencies(model, translator.references, graph)
    if explicit:
        members.append(("dependsOn", _list([names[k] for k in explicit])))
    return condition_text
