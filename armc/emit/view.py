"""View models: what a back-end needs to know about each resource, computed once from the
template model and its graph (so the ARM JSON and Bicep back-ends agree)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from armc.emit.json_text import is_expression
from armc.model.template import Resource, Template

# ARM's conventional order for a resource's top-level members; others follow in model order.
HEADER_ORDER = (
    "condition",
    "type",
    "apiVersion",
    "name",
    "location",
    "extendedLocation",
    "tags",
    "zones",
    "sku",
    "kind",
    "plan",
    "identity",
    "copy",
)
# Members that come after `properties` (dependsOn is added by the emitter, last).
TRAILER_ORDER = ("scope",)
SKIPPED = frozenset({"dependsOn", "resources", "properties"})

# Resource kinds with a template of their own: lower-cased type -> template stem.
KIND_TEMPLATES = {
    "microsoft.compute/virtualmachines": "virtualMachines",
    "microsoft.compute/virtualmachinescalesets": "virtualMachineScaleSets",
    "microsoft.network/networkinterfaces": "networkInterfaces",
    "microsoft.network/networksecuritygroups": "networkSecurityGroups",
    "microsoft.network/virtualnetworks": "virtualNetworks",
    "microsoft.network/loadbalancers": "loadBalancers",
}


@dataclass(frozen=True)
class ResourceView:
    """One resource as a back-end lays it out."""

    key: str
    kind: str
    type: str
    header: tuple[tuple[str, Any], ...]
    properties: dict[str, Any] | None
    trailer: tuple[tuple[str, Any], ...]
    depends_on: tuple[str, ...]


def reference_expression(resource: Resource) -> str:
    """What another resource's dependsOn writes to name `resource`: the copy loop's name for a
    loop, else `resourceId(type, name segments...)`."""
    copy = resource.copy
    if copy is not None and isinstance(copy.get("name"), str):
        return str(copy["name"])
    return f"[{resource_id_call(resource)}]"


def resource_id_call(resource: Resource) -> str:
    """`resourceId('Type', 'seg', ...)` as an expression body (without brackets)."""
    name = resource.name
    if is_expression(name):
        segments = [str(name)[1:-1]]
    else:
        literal = str(name)
        if literal.startswith("[[") and literal.endswith("]"):
            literal = literal[1:]
        segments = [_quote(part) for part in literal.split("/")]
    return f"resourceId({_quote(resource.type)}, {', '.join(segments)})"


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def resource_view(resource: Resource, depends_on: list[str]) -> ResourceView:
    body = resource.body
    header = [(key, body[key]) for key in HEADER_ORDER if key in body]
    trailer = [(key, body[key]) for key in TRAILER_ORDER if key in body]
    known = set(HEADER_ORDER) | set(TRAILER_ORDER) | SKIPPED
    extra = [(key, value) for key, value in body.items() if key not in known]
    properties = body.get("properties")
    return ResourceView(
        key=resource.key,
        kind=KIND_TEMPLATES.get(resource.type_lower, "resource"),
        type=resource.type,
        header=tuple(header + extra),
        properties=properties if isinstance(properties, dict) else None,
        trailer=tuple(trailer),
        depends_on=tuple(depends_on),
    )


def views(template: Template, dependencies: dict[str, list[str]]) -> list[ResourceView]:
    """View models of every resource, with dependsOn written as reference expressions."""
    by_key = {resource.key: resource for resource in template.resources}
    result = []
    for resource in template.resources:
        refs = sorted({reference_expression(by_key[k]) for k in dependencies.get(resource.key, [])})
        result.append(resource_view(resource, refs))
    return result
