"""What lowering needs to name things: ARM types per DSL kind, resource names (including the
copy-loop form `web-{0}` -> `format('web-{0}', copyIndex())`), resource ids, and `Pending`, a
resource being built."""

from __future__ import annotations

from dataclasses import dataclass, field

from armc.dsl.body import Body
from armc.dsl.values import Arm, Const, Position, Value, arm_string
from armc.model.template import DependencyKind, JsonPath
from armc.source import Span

SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"
LOCATION = "[parameters('location')]"
MAX_COUNT = 800  # ARM: a copy loop has at most 800 instances, a template 800 resources

TYPES = {
    "vnet": "Microsoft.Network/virtualNetworks",
    "subnet": "Microsoft.Network/virtualNetworks/subnets",
    "nsg": "Microsoft.Network/networkSecurityGroups",
    "pip": "Microsoft.Network/publicIPAddresses",
    "nic": "Microsoft.Network/networkInterfaces",
    "lb": "Microsoft.Network/loadBalancers",
    "bastion": "Microsoft.Network/bastionHosts",
    "avset": "Microsoft.Compute/availabilitySets",
    "disk": "Microsoft.Compute/disks",
    "vm": "Microsoft.Compute/virtualMachines",
    "vmss": "Microsoft.Compute/virtualMachineScaleSets",
    "ppg": "Microsoft.Compute/proximityPlacementGroups",
    "host-group": "Microsoft.Compute/hostGroups",
    "host": "Microsoft.Compute/hostGroups/hosts",
    "natgw": "Microsoft.Network/natGateways",
    "peering": "Microsoft.Network/virtualNetworks/virtualNetworkPeerings",
    "vpn-gateway": "Microsoft.Network/virtualNetworkGateways",
    "local-gateway": "Microsoft.Network/localNetworkGateways",
    "connection": "Microsoft.Network/connections",
    "ext": "Microsoft.Compute/virtualMachines/extensions",
    "schedule": "Microsoft.DevTestLab/schedules",
    "dcr": "Microsoft.Insights/dataCollectionRules",
    "dcra": "Microsoft.Insights/dataCollectionRuleAssociations",
    "des": "Microsoft.Compute/diskEncryptionSets",
    "des-grant": "Microsoft.Resources/deployments",
    "dns-zone": "Microsoft.Network/privateDnsZones",
    "dns-link": "Microsoft.Network/privateDnsZones/virtualNetworkLinks",
    "dns-a": "Microsoft.Network/privateDnsZones/A",
    "backup-vault": "Microsoft.RecoveryServices/vaults",
    "backup-policy": "Microsoft.RecoveryServices/vaults/backupPolicies",
    "backup-item": (
        "Microsoft.RecoveryServices/vaults/backupFabrics/protectionContainers/protectedItems"
    ),
}
ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "vm": ("id", "name", "private_ip", "public_ip", "principal_id"),
    "vmss": ("id", "name", "principal_id"),
    "pip": ("id", "name", "public_ip", "fqdn"),
    "lb": ("id", "name", "public_ip"),
    "bastion": ("id", "name", "public_ip"),
    "natgw": ("id", "name", "public_ip"),
    "vpn-gateway": ("id", "name", "public_ip"),
    "peering": ("name",),
    "des": ("id", "name", "principal_id"),
}
PROTOCOLS = {
    "tcp": "Tcp",
    "udp": "Udp",
    "icmp": "Icmp",
    "esp": "Esp",
    "ah": "Ah",
    "any": "*",
    "all": "All",
    "http": "Http",
    "https": "Https",
}


LOOP_MARK = "{0}"
"""In the name of an instance of an ARM copy loop, where `copyIndex()` goes: `web-{0}-nic`."""


def arm_name(name: str) -> str:
    """A resource name as an ARM expression argument: a literal, or in a copy loop
    `format('web-{0}', copyIndex())`."""
    if LOOP_MARK in name:
        return f"format({arm_string(name)}, copyIndex())"
    return arm_string(name)


def name_json(name: str) -> str:
    """A resource name as a template value."""
    return f"[{arm_name(name)}]" if LOOP_MARK in name else name


def name_value(name: str) -> Value:
    return Arm(arm_name(name), "string") if LOOP_MARK in name else Const(name)


def resource_id(kind: str, *names: str) -> str:
    """`[resourceId('Microsoft.Network/...', 'a', 'b')]`."""
    args = ", ".join(arm_name(n) for n in names)
    return f"[resourceId({arm_string(TYPES[kind])}, {args})]"


def instance_names(name: str, count: int) -> list[tuple[str, Position]]:
    return [(f"{name}-{i}", i) for i in range(count)]


@dataclass
class Pending:
    """A resource being built: its body, spans and dependencies (paths relative to the body)."""

    key: str
    kind: str
    name: str
    body: Body
    span: Span
    dependencies: list[tuple[str, DependencyKind, Span | None, JsonPath]] = field(
        default_factory=list
    )
    copy_index: Position = None  # an int for an unrolled instance
    type_name: str = ""
    api_version: str = ""

    def depend(
        self, target: str, span: Span | None, path: JsonPath, kind: DependencyKind = "implicit"
    ) -> None:
        self.dependencies.append((target, kind, span, path))
