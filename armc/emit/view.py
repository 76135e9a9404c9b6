"""View models: what a back-end needs to know about each resource, computed once from the
template model and its graph (so the ARM JSON and Bicep back-ends agree)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from armc.emit.environment import ordered
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

# Resource kinds with a layout of their own (PROPERTY_ORDER): lower-cased type -> kind.
# Every kind renders through the one resource template of each back-end; what differs
# between kinds lives in the view model, so ARM JSON and Bicep lay a kind out alike.
KINDS = {
    "microsoft.compute/virtualmachines": "virtualMachines",
    "microsoft.compute/virtualmachinescalesets": "virtualMachineScaleSets",
    "microsoft.network/networkinterfaces": "networkInterfaces",
    "microsoft.network/networksecuritygroups": "networkSecurityGroups",
    "microsoft.network/virtualnetworks": "virtualNetworks",
    "microsoft.network/loadbalancers": "loadBalancers",
}

# The conventional order of `properties` members per kind (both back-ends write it); members
# not named keep their model order after these.
PROPERTY_ORDER: dict[str, tuple[str, ...]] = {
    "virtualMachines": (
        "availabilitySet",
        "virtualMachineScaleSet",
        "proximityPlacementGroup",
        "host",
        "hostGroup",
        "priority",
        "evictionPolicy",
        "billingProfile",
        "licenseType",
        "hardwareProfile",
        "storageProfile",
        "osProfile",
        "networkProfile",
        "securityProfile",
        "diagnosticsProfile",
        "additionalCapabilities",
        "userData",
    ),
    "virtualMachineScaleSets": (
        "orchestrationMode",
        "platformFaultDomainCount",
        "singlePlacementGroup",
        "overprovision",
        "upgradePolicy",
        "automaticRepairsPolicy",
        "scaleInPolicy",
        "proximityPlacementGroup",
        "hostGroup",
        "virtualMachineProfile",
    ),
    "networkInterfaces": (
        "ipConfigurations",
        "networkSecurityGroup",
        "enableAcceleratedNetworking",
        "enableIPForwarding",
        "dnsSettings",
    ),
    "networkSecurityGroups": ("securityRules",),
    "virtualNetworks": (
        "addressSpace",
        "dhcpOptions",
        "subnets",
        "virtualNetworkPeerings",
        "enableDdosProtection",
    ),
    "loadBalancers": (
        "frontendIPConfigurations",
        "backendAddressPools",
        "probes",
        "loadBalancingRules",
        "inboundNatRules",
        "outboundRules",
    ),
}


@dataclass(frozen=True)
class ResourceView:
    """One resource as a back-end lays it out."""

    key: str
    kind: str
    type: str
    header: tuple[tuple[str, Any], ...]
    properties: dict[str, Any] | str | None  # a string is one ARM expression
    trailer: tuple[tuple[str, Any], ...]
    depends_on: tuple[str, ...]

    @property
    def ordered_properties(self) -> dict[str, Any] | str | None:
        """`properties` with the kind's conventional members first (see PROPERTY_ORDER)."""
        if not isinstance(self.properties, dict):
            return self.properties
        return ordered(self.properties, PROPERTY_ORDER.get(self.kind, ()))


def reference_expression(resource: Resource) -> str:
    """What another resource's dependsOn writes to name `resource`: the copy loop's name for a
    loop, else `resourceId(type, name segments...)`."""
    copy = resource.copy
    if copy is not None and isinstance(copy.get("name"), str):
        return str(copy["name"])
    if _other_scope(resource) and not is_expression(resource.name):
        return str(resource.name)
    return f"[{resource_id_call(resource)}]"


def _other_scope(resource: Resource) -> bool:
    """A nested deployment to another resource group or subscription: `resourceId(type,
    name)` would name a deployment in this resource group, which ARM does not match, so
    dependsOn names it by its name (unique in the template)."""
    body = resource.body
    return resource.type_lower == "microsoft.resources/deployments" and (
        "resourceGroup" in body or "subscriptionId" in body
    )


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
        kind=KINDS.get(resource.type_lower, "resource"),
        type=resource.type,
        header=tuple(header + extra),
        properties=properties if isinstance(properties, dict | str) else None,
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
