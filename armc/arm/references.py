"""Dependencies between the resources of a loaded template, and the checks on them.

Explicit dependencies come from `dependsOn` entries: `resourceId(...)` calls, resource ids,
plain names, symbolic names (languageVersion 2.0) and copy-loop names (all instances).
Implicit ones come from expressions in a resource: `resourceId()`-style calls and
`reference()`/`list*()`. ARM orders resources by `dependsOn`, and by `reference()`/`list*()`
when they name a resource of the template by name or symbolic name (not by resource id); so a
resource that reaches another one through `resourceId()` or `reference(resourceId(...))` without
a `dependsOn` path to it may be deployed first: `missing-dependson`. Likewise a child resource
declared outside its parent (`parent/child` names) needs a `dependsOn` on the parent.

`dangling-reference`: a `dependsOn` entry that names no resource of the template (ARM rejects
the template: an error), or a reference to a resource of a type the template declares under a
name it does not declare (a warning: it may be a resource that already exists).
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any

from armc.arm import codes
from armc.arm.expressions import Call, ExpressionError, Node, is_expression, parse_expression, walk
from armc.arm.functions import split_resource_id_args
from armc.arm.values import EvalError, Unknown
from armc.diagnostics import Diagnostic, Severity
from armc.model.kinds import named
from armc.model.template import Dependency, JsonPath, Resource
from armc.source import Span

if TYPE_CHECKING:
    from armc.arm.loaded import LoadedTemplate, Placement


ID_FUNCTIONS = frozenset(
    {"resourceid", "subscriptionresourceid", "tenantresourceid", "extensionresourceid"}
)

Locate = Callable[[JsonPath, int, int], Span | None]


@dataclass
class _Target:
    """What a reference resolved to. `keys` empty and `known` True: it names nothing here."""

    keys: list[str]
    known: bool
    type_lower: str | None = None
    name: str | None = None
    by_id: bool = False


@dataclass
class _Scope:
    """Lookup tables over the resources of one scope (the template or a nested deployment)."""

    symbols: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    loops: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    by_type_name: dict[tuple[str, str], list[str]] = field(
        default_factory=lambda: defaultdict(list)
    )
    by_name: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    by_type: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    unnamed_types: set[str] = field(default_factory=set)
    """Types with a resource whose name is not known: a miss there proves nothing."""
    symbolic: bool = False


def _base_key(resource: Resource) -> str:
    if resource.copy_index is not None and resource.key.endswith(f"[{resource.copy_index}]"):
        return resource.key[: -len(f"[{resource.copy_index}]")]
    return resource.key


def _build_scopes(loaded: LoadedTemplate) -> dict[str, _Scope]:
    scopes: dict[str, _Scope] = defaultdict(_Scope)
    for resource in loaded.template.resources:
        place = loaded.placements[resource.key]
        scope = scopes[place.prefix]
        if isinstance(resource.path[-1], str):  # languageVersion 2.0: keyed by symbolic name
            scope.symbolic = True
            symbol = _base_key(resource)[len(place.prefix) :]
            scope.symbols[symbol.lower()].append(resource.key)
        copy = resource.copy
        if copy is not None and isinstance(copy.get("name"), str):
            scope.loops[copy["name"].lower()].append(resource.key)
        type_lower = resource.type_lower
        key = resource.key
        scope.by_type[type_lower].append(key)
        name = place.full_name
        if name.__class__ is not str:
            scope.unnamed_types.add(type_lower)
        else:
            lowered = name.lower()
            scope.by_type_name[(type_lower, lowered)].append(key)
            scope.by_name[lowered].append(key)
            if "/" in lowered:
                scope.by_name[lowered.rsplit("/", 1)[-1]].append(key)
    return scopes


def link_dependencies(
    loaded: LoadedTemplate, diagnostics: list[Diagnostic], locate: Locate
) -> None:
    """Fill `Resource.dependencies` and report dangling references, missing dependsOn and
    duplicate resources."""
    linker = _Linker(loaded, diagnostics, locate)
    linker.run()


class _Linker:
    def __init__(self, loaded: LoadedTemplate, diagnostics: list[Diagnostic], locate: Locate):
        self.loaded = loaded
        self.diagnostics = diagnostics
        self.locate = locate
        self.spans = loaded.template.source_map.get  # not `loaded.span`: no cycle to `loaded`
        self.scopes = _build_scopes(loaded)
        self.ordering: dict[str, set[str]] = defaultdict(set)
        self.needs_order: list[tuple[Resource, str, Dependency, str]] = []
        self.reported: set[tuple[Any, ...]] = set()
        self.id_calls: dict[tuple[str, int, str], _Target] = {}
        self.entries: dict[tuple[str, int, str], _Target] = {}
        self.strings: dict[tuple[int, JsonPath], list[tuple[str, JsonPath]]] = {}

    def report(
        self,
        code: codes.Code,
        severity: Severity,
        message: str,
        span: Span | None,
        hint: str | None = None,
        once: tuple[Any, ...] | None = None,
    ) -> None:
        key = once if once is not None else (code, span, message)
        if key in self.reported:
            return
        self.reported.add(key)
        self.diagnostics.append(codes.make(code, severity, message, span, hint))

    def run(self) -> None:
        for resource in self.loaded.template.resources:
            self._explicit(resource)
            self._parent(resource)
            self._implicit(resource)
        self._duplicates()
        self._missing_dependson()
        self.loaded.ordering = {k: sorted(v) for k, v in self.ordering.items()}

    # --- dependsOn -------------------------------------------------------------------------

    def _explicit(self, resource: Resource) -> None:
        entries = resource.body.get("dependsOn")
        if entries is None:
            return
        if not isinstance(entries, list):
            span = self.loaded.span((*resource.path, "dependsOn"))
            self.report(
                codes.INVALID_TEMPLATE, Severity.ERROR, "'dependsOn' must be an array", span
            )
            return
        place = self.loaded.placements[resource.key]
        for index, entry in enumerate(entries):
            path = (*resource.path, "dependsOn", index)
            if not isinstance(entry, str):
                self.report(
                    codes.INVALID_TEMPLATE,
                    Severity.ERROR,
                    "a dependsOn entry must be a string",
                    self.loaded.span(path),
                )
                continue
            target = self._resolve_entry(entry, path, place)
            if target.known and not target.keys:
                shown = target.name or entry
                self.report(
                    codes.DANGLING_REFERENCE,
                    Severity.ERROR,
                    f"dependsOn names '{shown}', which this template does not declare",
                    self.loaded.span(path),
                    self._suggest(place.prefix, target),
                )
                continue
            where = partial(self.spans, path)
            for key in target.keys:
                if key == resource.key:
                    continue  # its own loop name, or a name that parameter values made equal
                dependency = Dependency(key, "explicit", path=path, where=where)
                resource.dependencies.append(dependency)
                self.ordering[resource.key].add(key)

    def _resolve_entry(self, entry: str, path: JsonPath, place: Placement) -> _Target:
        """What a dependsOn entry names. Memoised by text and scope (resources repeat their
        dependsOn entries), when no copyIndex() is in it and evaluating it reported nothing."""
        evaluator = place.evaluator
        key = (entry, id(evaluator), place.prefix)
        hit = self.entries.get(key)
        if hit is not None:
            return hit
        before = evaluator.report_count
        target = self._resolve_entry_now(entry, path, place)
        if evaluator.report_count == before and "copyindex" not in entry.lower():
            self.entries[key] = target
        return target

    def _resolve_entry_now(self, entry: str, path: JsonPath, place: Placement) -> _Target:
        if is_expression(entry):
            tree = parse_expression(entry)
            if isinstance(tree, ExpressionError):
                return _Target([], known=False)
            if isinstance(tree, Call) and tree.lower in ID_FUNCTIONS:
                free = "copyindex" not in entry.lower()
                call_text = entry[tree.offset : tree.end]
                return self._resolve_id_call(tree, call_text, path, place, copy_free=free)
            with place.iteration():
                value = place.evaluator.evaluate_node(tree, path)
            if not isinstance(value, str):
                return _Target([], known=False)
            entry = value
        return self._resolve_text(entry, place.prefix)

    def _resolve_text(self, text: str, prefix: str) -> _Target:
        scope = self.scopes[prefix]
        lowered = text.lower()
        if scope.symbolic and lowered in scope.symbols:
            return _Target(list(scope.symbols[lowered]), known=True)
        if lowered in scope.loops:
            return _Target(list(scope.loops[lowered]), known=True)
        if "/providers/" in lowered:
            return self._resolve_type_name(_split_id(text), prefix, by_id=True)
        segments = text.lstrip("/").split("/")
        if len(segments) >= 3 and "." in segments[0]:
            return self._resolve_type_name(_split_id("/providers/" + text.lstrip("/")), prefix)
        keys = scope.by_name.get(lowered, [])
        return _Target(list(keys), known=bool(keys) or not scope.unnamed_types, name=text)

    def _resolve_type_name(
        self, parsed: tuple[str, str] | None, prefix: str, by_id: bool = False
    ) -> _Target:
        if parsed is None:
            return _Target([], known=False)
        type_lower, name = parsed
        scope = self.scopes[prefix]
        keys = scope.by_type_name.get((type_lower, name.lower()), [])
        known = bool(keys) or type_lower not in scope.unnamed_types
        return _Target(list(keys), known, type_lower, name, by_id)

    def _resolve_id_call(
        self, call: Call, call_text: str, path: JsonPath, place: Placement, *, copy_free: bool
    ) -> _Target:
        """What a resourceId()-style call names. Memoised by the call's own text `call_text`
        (the same call is written inside many expressions) and scope, when no copyIndex() is in
        it and evaluating it reported nothing (`copy_free`: no copyIndex() in the text the call
        is part of)."""
        evaluator = place.evaluator
        key = (call_text, id(evaluator), place.prefix)
        hit = self.id_calls.get(key)
        if hit is not None:
            return hit
        before = evaluator.report_count
        target = self._resolve_id_call_now(call, path, place)
        if evaluator.report_count == before and copy_free:
            self.id_calls[key] = target
        return target

    def _resolve_id_call_now(self, call: Call, path: JsonPath, place: Placement) -> _Target:
        with place.iteration():
            args = [place.evaluator.evaluate_node(arg, path) for arg in call.args]
        if call.lower == "extensionresourceid":
            args = args[1:]
        try:  # no argument is a resource type, or the names do not fit it: not known
            scope_args, resource_type, names = split_resource_id_args(args, call.name)
        except EvalError:
            return _Target([], known=False)
        type_lower = resource_type.strip("/").lower()
        if call.lower == "resourceid" and not self._same_group(scope_args, place):
            return _Target([], known=False, type_lower=type_lower)
        if any(isinstance(n, Unknown) or not isinstance(n, (str, int)) for n in names):
            return _Target([], known=False, type_lower=type_lower)
        name = "/".join(str(n) for n in names)
        return self._resolve_type_name((type_lower, name), place.prefix, by_id=True)

    def _same_group(self, scope_args: list[Any], place: Placement) -> bool:
        context = place.evaluator.context
        if not scope_args:
            return True
        if any(isinstance(a, Unknown) for a in scope_args):
            return False
        group = scope_args[-1]
        subscription = scope_args[0] if len(scope_args) == 2 else context.subscription_id
        return (
            isinstance(group, str)
            and group.lower() == context.resource_group.lower()
            and subscription == context.subscription_id
        )

    def _suggest(self, prefix: str, target: _Target) -> str | None:
        scope = self.scopes[prefix]
        if target.type_lower and target.type_lower in scope.by_type:
            names = sorted(
                {str(self.loaded.placements[k].full_name) for k in scope.by_type[target.type_lower]}
            )
            return "declared with this type: " + ", ".join(names[:5])
        return None

    # --- parent / child --------------------------------------------------------------------

    def _parent(self, resource: Resource) -> None:
        if resource.parent is not None:
            where = partial(self.spans, (*resource.path, "type"))
            dependency = Dependency(resource.parent, "parent", path=resource.path, where=where)
            resource.dependencies.append(dependency)
            return
        place = self.loaded.placements[resource.key]
        name = place.full_name
        if not isinstance(name, str) or "/" not in name:  # most resources: no split of the type
            return
        segments = resource.type.strip("/").split("/")
        if len(segments) < 3:
            return
        parent_type = "/".join(segments[:-1]).lower()
        parent_name = name.rsplit("/", 1)[0].lower()
        keys = self.scopes[place.prefix].by_type_name.get((parent_type, parent_name), [])
        for key in keys:
            resource.parent = resource.parent or key
            name_path = (*resource.path, "name")
            where = partial(self.spans, name_path)
            dependency = Dependency(key, "parent", path=name_path, where=where)
            resource.dependencies.append(dependency)
            self.needs_order.append((resource, key, dependency, "is a child of"))

    # --- references in expressions ---------------------------------------------------------

    def _implicit(self, resource: Resource) -> None:
        place = self.loaded.placements[resource.key]
        found = self.strings.get((id(resource.body), resource.path))
        if found is None:  # copy-loop instances share their body: walked once
            found = _reference_strings(resource)
            self.strings[(id(resource.body), resource.path)] = found
        for text, path in found:
            plan, copy_free = reference_plan(text)
            for call, is_reference, id_text in plan:
                if is_reference:
                    self._read_reference(resource, call, id_text, path, place, copy_free=copy_free)
                else:
                    target = self._resolve_id_call(call, id_text, path, place, copy_free=copy_free)
                    self._add_implicit(resource, call, path, target, ordered=False)

    def _read_reference(
        self,
        resource: Resource,
        call: Call,
        id_text: str,
        path: JsonPath,
        place: Placement,
        *,
        copy_free: bool,
    ) -> None:
        """`id_text`: the text of the argument when it is a resourceId()-style call."""
        argument: Node = call.args[0]
        if isinstance(argument, Call) and argument.lower in ID_FUNCTIONS:
            target = self._resolve_id_call(argument, id_text, path, place, copy_free=copy_free)
            self._add_implicit(resource, call, path, target, ordered=False)
            return
        with place.iteration():
            value = place.evaluator.evaluate_node(argument, path)
        if not isinstance(value, str):
            return
        target = self._resolve_text(value, place.prefix)
        self._add_implicit(resource, call, path, target, ordered=not target.by_id)

    def _add_implicit(
        self, resource: Resource, call: Call, path: JsonPath, target: _Target, *, ordered: bool
    ) -> None:
        if target.known and not target.keys:
            scope = self.scopes[self.loaded.placements[resource.key].prefix]
            declared = target.type_lower in scope.by_type if target.type_lower else False
            if declared and target.name and not _inline_child(scope, target):
                self.report(
                    codes.DANGLING_REFERENCE,
                    Severity.WARNING,
                    f"'{target.name}' is not a {target.type_lower} of this template "
                    "(unless it already exists in Azure)",
                    self.locate(path, call.offset, call.end),
                    self._suggest(self.loaded.placements[resource.key].prefix, target),
                )
            return
        where = partial(self.locate, path, call.offset, call.end)
        for key in target.keys:
            if key == resource.key:
                continue
            dependency = Dependency(key, "implicit", path=path, where=where)
            resource.dependencies.append(dependency)
            if ordered:
                self.ordering[resource.key].add(key)
            else:
                self.needs_order.append((resource, key, dependency, "refers to"))

    # --- checks ----------------------------------------------------------------------------

    def _missing_dependson(self) -> None:
        resources = {r.key: r for r in self.loaded.template.resources}
        reach_cache: dict[str, set[str]] = {}
        for resource, target, dependency, verb in self.needs_order:
            other = resources.get(target)
            if other is None or resource.existing or other.existing:
                continue
            if target in self._reachable(resource.key, reach_cache):
                continue
            base, other_base = _base_key(resource), _base_key(other)
            if base == other_base:
                continue
            this, that = self._named(resource), self._named(other)
            self.report(
                codes.MISSING_DEPENDSON,
                Severity.WARNING,
                f"{this} {verb} {that} but does not depend on it: ARM may deploy them in parallel",
                dependency.span,
                f'add "{_resource_id_text(other)}" to the dependsOn of {this}',
                once=(codes.MISSING_DEPENDSON, resource.path, other.path),
            )

    def _named(self, resource: Resource) -> str:
        """ "VM 'web'": the evaluated full name, or the name as written for a copy loop's
        instance (the message is about the loop) or when the name is not known."""
        name = self.loaded.placements[resource.key].full_name
        if resource.copy_index is not None or not isinstance(name, str):
            name = resource.name if isinstance(resource.name, str) else _base_key(resource)
        return named(resource.type, name)

    def _reachable(self, start: str, cache: dict[str, set[str]]) -> set[str]:
        if start in cache:
            return cache[start]
        seen: set[str] = set()
        stack = [start]
        while stack:
            node = stack.pop()
            for nxt in self.ordering.get(node, ()):
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
        cache[start] = seen
        return seen

    def _duplicates(self) -> None:
        first: dict[tuple[str, ...], Resource] = {}
        for resource in self.loaded.template.resources:
            place = self.loaded.placements[resource.key]
            name = place.full_name
            if not isinstance(name, str) or resource.existing or "condition" in resource.body:
                continue
            scope = resource.body.get("scope")
            key = (
                place.prefix,
                resource.parent or "",
                str(scope),
                resource.type_lower,
                name.lower(),
            )
            seen = first.get(key)
            if seen is None:
                first[key] = resource
                continue
            if seen.path == resource.path or not _same_name_source(seen, resource):
                continue
            self.report(
                codes.DUPLICATE_RESOURCE,
                Severity.ERROR,
                f"resource '{resource.type}' named '{name}' is declared twice",
                self.loaded.span((*resource.path, "name")),
                "ARM rejects a template that defines a resource multiple times",
                once=(codes.DUPLICATE_RESOURCE, resource.path),
            )


def _resource_id_text(resource: Resource) -> str:
    """`[resourceId('type', name)]` for a resource, as a dependsOn entry to suggest."""
    name = str(resource.name)
    argument = name[1:-1] if is_expression(name) else "'" + name.replace("'", "''") + "'"
    return f"[resourceId('{resource.type}', {argument})]"


def _same_name_source(first: Resource, second: Resource) -> bool:
    """True when two names are equal whatever the parameter values: the same text, or text
    that does not read parameters. (Placeholder parameter values, such as the quickstarts'
    GEN-UNIQUE, make different names equal.)"""
    a, b = str(first.name), str(second.name)
    if " ".join(a.lower().split()) == " ".join(b.lower().split()):
        return True
    return "parameters(" not in a.lower() and "parameters(" not in b.lower()


def _inline_child(scope: _Scope, target: _Target) -> bool:
    """True when the target may be declared inside its parent's properties (a subnet in a
    virtual network, a backend pool in a load balancer) and the parent is in the template."""
    if target.type_lower is None or target.name is None or "/" not in target.name:
        return False
    parent_type = target.type_lower.rsplit("/", 1)[0]
    parent_name = target.name.rsplit("/", 1)[0].lower()
    return (parent_type, parent_name) in scope.by_type_name


_REFERRING = ("resourceid", "reference", "list")
"""Substrings (lower case) of every expression that can name a resource: resourceId()-style
calls, reference() and list*(). Other strings are not parsed."""


def _may_refer(text: str) -> bool:
    if not is_expression(text):
        return False
    lowered = text.lower()
    return "resourceid" in lowered or "reference" in lowered or "list" in lowered


def _reference_strings(resource: Resource) -> list[tuple[str, JsonPath]]:
    """Expression strings of a resource body that may name a resource (`_may_refer`), with
    their paths, in path order; dependsOn, child resources, copy and a nested template are
    left out. A container's path is a chain (parent chain, key) built as a pair; a full path
    tuple is made only for the strings kept."""
    out: list[tuple[str, JsonPath]] = []
    base = resource.path
    stack: list[tuple[Any, Any]] = []
    for key, value in resource.body.items():
        if key in ("dependsOn", "resources", "copy"):
            continue
        kind = value.__class__
        if kind is str:
            if _may_refer(value):
                out.append((value, (*base, key)))
        elif kind is dict or kind is list:
            stack.append((value, (None, key)))
    deployment = resource.type_lower == "microsoft.resources/deployments"
    push = stack.append
    pop = stack.pop
    while stack:
        value, chain = pop()
        items: Any
        if value.__class__ is dict:
            items = value.items()
            if deployment and chain[1] == "properties":
                items = [(k, v) for k, v in items if k != "template"]
        else:
            items = enumerate(value)
        for key, item in items:
            kind = item.__class__
            if kind is str:
                if item[:1] == "[" and item[-1:] == "]" and item[1:2] != "[":  # is_expression
                    lowered = item.lower()
                    if "resourceid" in lowered or "reference" in lowered or "list" in lowered:
                        out.append((item, _chain_path(base, chain, key)))
            elif kind is dict or kind is list:
                push((item, (chain, key)))
    if len(out) > 1:
        out.sort(key=lambda pair: pair[1].__repr__())
    return out


def _chain_path(base: JsonPath, chain: Any, key: str | int) -> JsonPath:
    """`base` + the keys of a chain of (parent chain, key) pairs + `key`."""
    steps: list[str | int] = [key]
    while chain is not None:
        chain, step = chain
        steps.append(step)
    steps.reverse()
    return (*base, *steps)


@functools.lru_cache(maxsize=65536)
def reference_plan(text: str) -> tuple[tuple[tuple[Call, bool, str], ...], bool]:
    """`_reference_plan(text)`, and whether the text is free of copyIndex(). Memoised
    process-wide: the same expressions recur across the templates of a directory (the
    trees are the memoised, shared ones of `parse_expression`)."""
    return _reference_plan(text), "copyindex" not in text.lower()


def _reference_plan(text: str) -> tuple[tuple[Call, bool, str], ...]:
    """The calls of an expression that name a resource, in tree order: (call, True, id text)
    for a reference()/list*() with an argument, (call, False, id text) for a resourceId()-style
    call that is not the first argument of one of those (that one is read with its reference).
    The id text is the resourceId()-style call's own text (the argument's for a reference, ""
    when that is not such a call): the key its resolution is remembered by, made once here."""
    tree = parse_expression(text)
    if isinstance(tree, ExpressionError):
        return ()
    plan: list[tuple[Call, bool, str]] = []
    consumed: set[int] = set()
    for node in walk(tree):
        if not isinstance(node, Call):
            continue
        lower = node.lower
        if lower == "reference" or lower.startswith("list"):
            if node.args:
                first = node.args[0]
                if isinstance(first, Call) and first.lower in ID_FUNCTIONS:
                    consumed.add(id(first))
                    plan.append((node, True, text[first.offset : first.end]))
                else:
                    plan.append((node, True, ""))
        elif lower in ID_FUNCTIONS and id(node) not in consumed:
            plan.append((node, False, text[node.offset : node.end]))
    return tuple(plan)


def _split_id(text: str) -> tuple[str, str] | None:
    """(type lower, full name) of a resource id `.../providers/NS/type/name[/type/name]`."""
    tail = text.rsplit("/providers/", 1)[-1].lstrip("/").split("/")
    if len(tail) < 3 or len(tail) % 2 == 0:
        return None
    types = [tail[0], tail[1], *tail[3::2]]
    names = tail[2::2]
    return "/".join(types).lower(), "/".join(names)
