"""Small hand-built template models for back-end tests (no front-end involved)."""

from __future__ import annotations

from typing import Any

from armc.model.template import Dependency, Parameter, Resource, Template

SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"


def template() -> Template:
    return Template("sample.armc", "dsl", header={"$schema": SCHEMA, "contentVersion": "1.0.0.0"})


def add_parameter(t: Template, name: str, body: dict[str, Any]) -> Parameter:
    parameter = Parameter(name, body, ("parameters", name))
    t.parameters[name] = parameter
    return parameter


def add_resource(
    t: Template,
    key: str,
    type_: str,
    name: str,
    properties: dict[str, Any] | None = None,
    depends: list[str] = (),  # type: ignore[assignment]
    **extra: Any,
) -> Resource:
    body: dict[str, Any] = {"type": type_, "apiVersion": "2024-05-01", "name": name}
    body.update(extra)
    if properties is not None:
        body["properties"] = properties
    resource = Resource(
        key,
        type_,
        "2024-05-01",
        name,
        body,
        ("resources", len(t.resources)),
        [Dependency(d, "implicit") for d in depends],
    )
    t.resources.append(resource)
    return resource


def network_chain() -> Template:
    """vnet <- nsg-less nic <- vm, with a redundant vm -> vnet edge."""
    t = template()
    add_parameter(t, "location", {"type": "string", "defaultValue": "westeurope"})
    add_resource(
        t,
        "vnet",
        "Microsoft.Network/virtualNetworks",
        "core",
        {"addressSpace": {"addressPrefixes": ["10.0.0.0/16"]}},
        location="[parameters('location')]",
    )
    add_resource(t, "nic", "Microsoft.Network/networkInterfaces", "vm1-nic", {}, ["vnet"])
    add_resource(t, "vm", "Microsoft.Compute/virtualMachines", "vm1", {}, ["nic", "vnet"])
    return t
