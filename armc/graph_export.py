"""The dependency graph as text: Graphviz dot, Mermaid, JSON and SVG (`armc graph`).

A `GraphView` is built once from a template and its graph (`armc.model.graph.build_graph`) and
rendered by one function per format. Nodes carry the resource kind, the monthly cost when
`armc.cost` is installed and can price the file, and the Internet exposure (a public IP, a
public load balancer, an NSG rule that admits the Internet). Output is deterministic: nodes in
template order, edges sorted.
"""

from __future__ import annotations

import importlib
import json
import shutil
import subprocess
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from armc.model.template import Dependency, Resource, Template

if TYPE_CHECKING:
    import networkx as nx

FORMATS = ("dot", "mermaid", "json", "svg")
INTERNET_SOURCES = frozenset({"*", "internet", "any", "0.0.0.0/0", "::/0"})
GRAPHVIZ_PACKAGE = "graphviz"


class GraphvizMissing(RuntimeError):
    """`dot` is not installed: SVG cannot be drawn."""


@dataclass(frozen=True)
class NodeView:
    key: str
    type: str
    name: str
    kind: str
    conditional: bool = False
    monthly_usd: Decimal | None = None
    cost_complete: bool = True
    """False when some part of the resource could not be priced (the figure is a minimum)."""
    exposure: str | None = None

    @property
    def label_lines(self) -> list[str]:
        lines = [self.name, self.kind + (" (if)" if self.conditional else "")]
        if self.monthly_usd is not None:
            at_least = "" if self.cost_complete else "at least "
            lines.append(f"{at_least}${self.monthly_usd:.2f}/month")
        if self.exposure:
            lines.append(f"Internet: {self.exposure}")
        return lines


@dataclass(frozen=True)
class EdgeView:
    source: str
    target: str
    kinds: tuple[str, ...]
    refs: tuple[Dependency, ...] = ()


@dataclass
class GraphView:
    file: str
    nodes: list[NodeView] = field(default_factory=list)
    edges: list[EdgeView] = field(default_factory=list)
    costs_included: bool = False


# ---- building the view --------------------------------------------------------------------


def graph_view(
    template: Template,
    graph: nx.DiGraph,
    costs: dict[tuple[str, str], tuple[Decimal, bool]] | None = None,
    *,
    names: dict[str, str] | None = None,
) -> GraphView:
    """The annotated view of `graph` (resources keyed as in `template`); `names` are evaluated
    resource names by key (an ARM template's `[concat(...)]` names), used where given."""
    exposure = internet_exposure(template, graph, names)
    view = GraphView(template.file, costs_included=costs is not None)
    for resource in template.resources:
        name = (names or {}).get(resource.key) or display_name(resource, template.origin)
        cost = None if costs is None else costs.get((resource.type_lower, name))
        view.nodes.append(
            NodeView(
                resource.key,
                resource.type,
                name,
                resource.type.rsplit("/", 1)[-1],
                conditional=resource.condition is not None,
                monthly_usd=None if cost is None else cost[0],
                cost_complete=True if cost is None else cost[1],
                exposure=exposure.get(resource.key),
            )
        )
    for source, target in sorted(graph.edges):
        data = graph.edges[source, target]
        refs = tuple(sorted(data["refs"], key=_ref_key))
        view.edges.append(EdgeView(source, target, tuple(sorted(data["kinds"])), refs))
    return view


def _ref_key(dep: Dependency) -> tuple[Any, ...]:
    span = dep.span
    return (
        (span.file, span.line, span.column) if span else ("", 0, 0),
        [str(p) for p in dep.path],
    )


def display_name(resource: Resource, origin: str = "arm") -> str:
    """The resource's name; for a DSL copy loop, the name pattern of its key (`web-{0}`)."""
    name = resource.name
    if isinstance(name, str) and not name.startswith("["):
        return name
    if origin == "dsl" and ":" in resource.key:
        return resource.key.split(":", 1)[1]
    return name if isinstance(name, str) else resource.key


def internet_exposure(
    template: Template, graph: nx.DiGraph, names: dict[str, str] | None = None
) -> dict[str, str]:
    """Why each resource can be reached from the Internet, by resource key (only the exposed).

    Public IPs are exposed; a resource that uses one (a NIC, a load balancer, a Bastion host)
    is exposed through it; a NIC in the backend pool of an exposed load balancer, and a VM or
    scale set using an exposed NIC or load balancer, are exposed through those; a scale set
    with a per-instance public IP configuration is exposed; an NSG is exposed when an inbound
    Allow rule admits the Internet (`*`, `Internet`, `0.0.0.0/0`)."""
    by_key = {r.key: r for r in template.resources}
    reasons: dict[str, str] = {}
    for resource in template.resources:
        kind = resource.type_lower
        if kind == "microsoft.network/publicipaddresses":
            reasons[resource.key] = "public IP"
        elif kind == "microsoft.network/networksecuritygroups":
            ports = _internet_ports(resource)
            if ports:
                reasons[resource.key] = "inbound allowed on " + ", ".join(ports)
        elif kind == "microsoft.compute/virtualmachinescalesets" and _contains_key(
            resource.body, "publicipaddressconfiguration"
        ):
            reasons[resource.key] = "public IP per instance"
    order = ("public IP", "load balancer", "NIC")
    origin = template.origin

    def name_of(resource: Resource) -> str:
        return (names or {}).get(resource.key) or display_name(resource, origin)

    for step in order:
        for resource in template.resources:
            if resource.key in reasons or resource.key not in graph:
                continue
            for target in sorted(graph.successors(resource.key)):
                used = by_key.get(target)
                if used is None or target not in reasons:
                    continue
                if step == "public IP" and used.type_lower.endswith("/publicipaddresses"):
                    if not resource.type_lower.endswith("/networksecuritygroups"):
                        reasons[resource.key] = f"public IP {name_of(used)}"
                        break
                elif step == "load balancer" and used.type_lower.endswith("/loadbalancers"):
                    reasons[resource.key] = f"through load balancer {name_of(used)}"
                    break
                elif step == "NIC" and used.type_lower.endswith("/networkinterfaces"):
                    reasons[resource.key] = f"through NIC {name_of(used)}"
                    break
    return reasons


def _internet_ports(nsg: Resource) -> list[str]:
    rules = nsg.properties.get("securityRules")
    ports: list[str] = []
    for rule in rules if isinstance(rules, list) else []:
        props = rule.get("properties") if isinstance(rule, dict) else None
        if not isinstance(props, dict):
            continue
        if str(props.get("access", "")).lower() != "allow":
            continue
        if str(props.get("direction", "")).lower() != "inbound":
            continue
        sources = [props.get("sourceAddressPrefix"), *(props.get("sourceAddressPrefixes") or [])]
        if not any(isinstance(s, str) and s.lower() in INTERNET_SOURCES for s in sources):
            continue
        ranges = [props.get("destinationPortRange"), *(props.get("destinationPortRanges") or [])]
        ports.extend(str(r) for r in ranges if isinstance(r, str | int))
    return list(dict.fromkeys(ports))


def _contains_key(value: Any, wanted: str) -> bool:
    if isinstance(value, dict):
        return any(k.lower() == wanted or _contains_key(v, wanted) for k, v in value.items())
    if isinstance(value, list):
        return any(_contains_key(item, wanted) for item in value)
    return False


def monthly_costs(path: Path) -> dict[tuple[str, str], tuple[Decimal, bool]] | None:
    """(monthly cost, whether every part was priced) by (lower-case type, name), through
    `armc.cost` when it is installed and can price the file; None otherwise (the graph then has
    no cost annotations)."""
    try:
        catalog_module: Any = importlib.import_module("armc.cost.catalog")
        estimate_module: Any = importlib.import_module("armc.cost.estimate")
    except ImportError:
        return None
    try:
        estimate = estimate_module.estimate_files([path], catalog_module.default_catalog())
    except (estimate_module.LoadError, catalog_module.CatalogError):
        return None
    costs: dict[tuple[str, str], tuple[Decimal, bool]] = {}
    for resource in estimate.resources:
        if resource.lines:
            key = (str(resource.type).lower(), str(resource.name))
            amount, complete = costs.get(key, (Decimal(0), True))
            costs[key] = (
                amount + Decimal(resource.monthly_usd),
                complete and not resource.unpriced,
            )
    return costs


# ---- rendering ----------------------------------------------------------------------------


def render(view: GraphView, fmt: str) -> str:
    if fmt == "dot":
        return to_dot(view)
    if fmt == "mermaid":
        return to_mermaid(view)
    if fmt == "json":
        return to_json(view)
    if fmt == "svg":
        return to_svg(view)
    raise ValueError(f"unknown graph format {fmt!r}")


_EDGE_STYLE = {"explicit": "solid", "implicit": "dashed", "parent": "bold"}


def _dot_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_dot(view: GraphView) -> str:
    lines = [
        f"// dependency graph of {view.file}: an edge A -> B means A depends on B",
        "digraph armc {",
        "  rankdir=LR;",
        '  node [shape=box, style="rounded,filled", fillcolor="#f5f5f5", fontname="Helvetica"];',
        '  edge [fontname="Helvetica", fontsize=10];',
    ]
    for node in view.nodes:
        label = "\\n".join(
            line.replace("\\", "\\\\").replace('"', '\\"') for line in node.label_lines
        )
        attrs = [f'label="{label}"']
        if node.exposure:
            attrs.append('color="#c62828", fillcolor="#ffebee"')
        if node.conditional:
            attrs.append('style="rounded,filled,dashed"')
        lines.append(f"  {_dot_quote(node.key)} [{', '.join(attrs)}];")
    for edge in view.edges:
        style = _EDGE_STYLE.get(edge.kinds[0], "solid") if len(edge.kinds) == 1 else "solid"
        label = ", ".join(edge.kinds)
        lines.append(
            f'  {_dot_quote(edge.source)} -> {_dot_quote(edge.target)} [label="{label}", '
            f"style={style}];"
        )
    lines.append("}")
    return "\n".join(lines) + "\n"


def _mermaid_text(text: str) -> str:
    """Text safe inside a Mermaid quoted label."""
    replacements = {'"': "#quot;", "<": "#lt;", ">": "#gt;", "[": "#91;", "]": "#93;"}
    return "".join(replacements.get(char, char) for char in text)


def to_mermaid(view: GraphView) -> str:
    """A `flowchart` in a ```mermaid fence: it pastes into a GitHub comment as it is."""
    ids = {node.key: f"n{index}" for index, node in enumerate(view.nodes)}
    lines = ["```mermaid", "flowchart LR"]
    for node in view.nodes:
        label = "<br/>".join(_mermaid_text(line) for line in node.label_lines)
        lines.append(f'  {ids[node.key]}["{label}"]')
    for edge in view.edges:
        if edge.source not in ids or edge.target not in ids:
            continue
        arrow = "-.->" if edge.kinds == ("implicit",) else "-->"
        lines.append(f"  {ids[edge.source]} {arrow}|{', '.join(edge.kinds)}| {ids[edge.target]}")
    exposed = [ids[node.key] for node in view.nodes if node.exposure]
    if exposed:
        lines.append("  classDef internet stroke:#c62828,stroke-width:2px")
        lines.append(f"  class {','.join(exposed)} internet")
    lines.append("```")
    return "\n".join(lines) + "\n"


def to_json(view: GraphView) -> str:
    nodes: list[dict[str, Any]] = []
    for node in view.nodes:
        entry: dict[str, Any] = {
            "id": node.key,
            "type": node.type,
            "name": node.name,
            "kind": node.kind,
            "conditional": node.conditional,
            "internet_exposure": node.exposure,
        }
        if view.costs_included:
            entry["monthly_usd"] = None if node.monthly_usd is None else f"{node.monthly_usd:.2f}"
            entry["monthly_usd_complete"] = node.monthly_usd is not None and node.cost_complete
        nodes.append(entry)
    edges = [
        {
            "from": edge.source,
            "to": edge.target,
            "kinds": list(edge.kinds),
            "references": [_reference_json(dep) for dep in edge.refs],
        }
        for edge in view.edges
    ]
    document = {"file": view.file, "direction": "from depends on to", "nodes": nodes}
    document["edges"] = edges
    return json.dumps(document, indent=2) + "\n"


def _reference_json(dep: Dependency) -> dict[str, Any]:
    entry: dict[str, Any] = {"kind": dep.kind, "path": json_path_text(dep.path)}
    if dep.span is not None:
        entry["file"] = dep.span.file
        entry["line"] = dep.span.line
        entry["column"] = dep.span.column
    return entry


def json_path_text(path: tuple[str | int, ...]) -> str:
    """`resources[2].properties.osProfile` for a JSON path."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def to_svg(view: GraphView) -> str:
    """SVG through Graphviz's `dot`; raises GraphvizMissing when it is not installed."""
    program = shutil.which("dot")
    if program is None:
        raise GraphvizMissing(
            "SVG output needs Graphviz's `dot` program, which is not installed; install the "
            f"Debian package '{GRAPHVIZ_PACKAGE}' (apt-get install {GRAPHVIZ_PACKAGE}), or use "
            "--format dot and render it elsewhere"
        )
    completed = subprocess.run(
        [program, "-Tsvg"],
        input=to_dot(view),
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        raise GraphvizMissing(f"dot failed: {completed.stderr.strip()}")
    return completed.stdout
