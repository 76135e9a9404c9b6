"""`armc explain FILE --dependency A B` and `armc explain FILE --resource NAME`.

Why an edge of the dependency graph exists (every reference behind it, with the property path
and the source line), and what a DSL declaration expands to (each resource, each value, and
whether the user wrote it or armc's default supplied it)."""

from __future__ import annotations

import json
from typing import Any

from armc.diagnostics import did_you_mean
from armc.graph_export import json_path_text
from armc.model.template import Dependency, JsonPath, Resource, Template
from armc.source import SourceFile, SourceRegistry, Span


class ExplainError(ValueError):
    """A name that matches no resource (the message carries a did-you-mean hint)."""


def resolve(template: Template, name: str, names: dict[str, str] | None = None) -> list[str]:
    """Resource keys that `name` designates: a key (`vm:web`, `Microsoft.X/y/name`), a DSL
    declaration name (`web` gives `vm:web` and the `nic:web-nic` it expands to only when no
    resource is called `web`), or an ARM resource name (raw, or evaluated as in `names`)."""
    evaluated = names or {}
    keys = [r.key for r in template.resources]
    if name in keys:
        return [name]
    exact = [
        r.key
        for r in template.resources
        if r.key.split(":", 1)[-1] == name
        or r.name == name
        or evaluated.get(r.key) == name
        or r.key.endswith("/" + name)
    ]
    if exact:
        return exact
    choices = sorted({k.split(":", 1)[-1] for k in keys} | set(keys) | set(evaluated.values()))
    hint = did_you_mean(name, choices)
    raise ExplainError(f"no resource '{name}'" + (f"; {hint}" if hint else ""))


class _Lines:
    def __init__(self, sources: SourceRegistry) -> None:
        self.sources = sources

    def text(self, span: Span) -> str | None:
        source = self.sources.get(span.file)
        if source is None:
            try:
                source = SourceFile.read(span.file)
            except (OSError, UnicodeDecodeError):
                return None
            self.sources.add(source)
        if span.line > source.line_count:
            return None
        return source.line_text(span.line)

    def quote(self, span: Span, indent: str = "    ") -> list[str]:
        line = self.text(span)
        if line is None:
            return []
        width = max(1, (span.end_column - span.column) if span.end_line == span.line else 1)
        caret = " " * (span.column - 1) + "^" * width
        return [f"{indent}{span.line:>4} | {line}", f"{indent}     | {caret}"]


def explain_dependency(
    template: Template,
    graph: Any,
    first: str,
    second: str,
    sources: SourceRegistry,
    names: dict[str, str] | None = None,
) -> str:
    """Why resource(s) `first` depend on `second`: each reference, or the shortest chain."""
    import networkx as nx

    lines_of = _Lines(sources)
    sources_keys, targets = resolve(template, first, names), resolve(template, second, names)
    out: list[str] = []
    for source in sources_keys:
        for target in targets:
            if graph.has_edge(source, target):
                refs: list[Dependency] = graph.edges[source, target]["refs"]
                out.append(f"{source} depends on {target} directly:")
                for dep in sorted(refs, key=_dep_key):
                    where = str(dep.span) if dep.span else template.file
                    path = json_path_text(_relative(template, source, dep.path))
                    what = {
                        "explicit": "dependsOn",
                        "implicit": "reference",
                        "parent": "parent/child",
                    }
                    line = f"  {where}: {what.get(dep.kind, dep.kind)} at {path or '(resource)'}"
                    out.append(line)
                    if dep.span is not None:
                        out.extend(lines_of.quote(dep.span))
            elif source in graph and target in graph and nx.has_path(graph, source, target):
                chain = nx.shortest_path(graph, source, target)
                out.append(f"{source} depends on {target} indirectly: " + " -> ".join(chain))
                out.append("  (run `armc explain FILE --dependency A B` on each step)")
            elif source in graph and target in graph and nx.has_path(graph, target, source):
                out.append(f"{source} does not depend on {target}; {target} depends on {source}")
            else:
                out.append(f"{source} does not depend on {target}, directly or indirectly")
    return "\n".join(out) + "\n"


def _dep_key(dep: Dependency) -> tuple[Any, ...]:
    span = dep.span
    return ((span.line, span.column) if span else (0, 0), [str(p) for p in dep.path])


def _relative(template: Template, key: str, path: JsonPath) -> JsonPath:
    resource = template.resource(key)
    if resource is not None and path[: len(resource.path)] == resource.path:
        return path[len(resource.path) :]
    return path


def explain_resource(
    template: Template, name: str, sources: SourceRegistry, names: dict[str, str] | None = None
) -> str:
    """What a declaration expands to: for every resource it produced, each value and where it
    came from (a line of the source, or armc's default)."""
    lines_of = _Lines(sources)
    keys = resolve(template, name, names)
    roots = {template.span(r.path) for r in template.resources if r.key in keys}
    produced = [r for r in template.resources if template.span(r.path) in roots]
    out: list[str] = []
    for root in sorted(s for s in roots if s is not None):
        line = lines_of.text(root)
        out.append(f"{root}: {line.strip() if line else name}")
    out.append(f"expands to {len(produced)} resource(s):")
    for resource in produced:
        out.append("")
        out.extend(_describe(template, resource, lines_of))
    return "\n".join(out) + "\n"


def _describe(template: Template, resource: Resource, lines_of: _Lines) -> list[str]:
    root = template.span(resource.path)
    out = [f"{resource.key}  ({resource.type}@{resource.api_version})"]
    defaults = 0
    for path, value in _leaves(resource.body, ()):
        full = (*resource.path, *path)
        span = template.span(full)
        shown = json.dumps(value, ensure_ascii=False)
        if len(shown) > 60:
            shown = shown[:57] + "..."
        if span is None or span == root or template.origin != "dsl":
            origin = "default" if template.origin == "dsl" else (str(span) if span else "")
            defaults += template.origin == "dsl"
        else:
            text = lines_of.text(span)
            origin = f"line {span.line}: {text.strip()}" if text else str(span)
        out.append(f"  {json_path_text(path)} = {shown}" + (f"    <- {origin}" if origin else ""))
    for dep in resource.dependencies:
        out.append(f"  depends on {dep.target} ({dep.kind})")
    for note in template.notes.get(resource.key, ()):
        out.append(f"  why {note}")
    if template.origin == "dsl":
        out.append(f"  {defaults} value(s) from armc's defaults")
    return out


def _leaves(value: Any, path: JsonPath) -> list[tuple[JsonPath, Any]]:
    if isinstance(value, dict) and value:
        found: list[tuple[JsonPath, Any]] = []
        for key, item in value.items():
            found.extend(_leaves(item, (*path, key)))
        return found
    if isinstance(value, list) and value:
        found = []
        for index, item in enumerate(value):
            found.extend(_leaves(item, (*path, index)))
        return found
    return [(path, value)]
