"""How messages name a kind of resource ("VM", "NIC", "public IP"): one table for the rules and
the front-ends, so that every diagnostic says "VM 'web-0'" the same way."""

from __future__ import annotations

KINDS = {
    "microsoft.compute/virtualmachines": "VM",
    "microsoft.compute/virtualmachinescalesets": "scale set",
    "microsoft.compute/availabilitysets": "availability set",
    "microsoft.compute/disks": "disk",
    "microsoft.compute/virtualmachines/extensions": "VM extension",
    "microsoft.compute/virtualmachinescalesets/extensions": "scale set extension",
    "microsoft.network/networkinterfaces": "NIC",
    "microsoft.network/networksecuritygroups": "NSG",
    "microsoft.network/virtualnetworks": "VNet",
    "microsoft.network/virtualnetworks/subnets": "subnet",
    "microsoft.network/publicipaddresses": "public IP",
    "microsoft.network/loadbalancers": "load balancer",
    "microsoft.network/bastionhosts": "Bastion host",
    "microsoft.storage/storageaccounts": "storage account",
    "microsoft.keyvault/vaults": "key vault",
    "microsoft.resources/deployments": "deployment",
    "microsoft.compute/hostgroups": "host group",
    "microsoft.compute/hostgroups/hosts": "dedicated host",
    "microsoft.compute/proximityplacementgroups": "proximity placement group",
    "microsoft.compute/diskencryptionsets": "disk encryption set",
    "microsoft.network/networksecuritygroups/securityrules": "NSG rule",
    "microsoft.network/natgateways": "NAT gateway",
    "microsoft.network/virtualnetworkgateways": "virtual network gateway",
    "microsoft.network/localnetworkgateways": "local network gateway",
    "microsoft.network/connections": "connection",
    "microsoft.network/virtualnetworks/virtualnetworkpeerings": "peering",
    "microsoft.network/privatednszones": "private DNS zone",
    "microsoft.network/privatednszones/virtualnetworklinks": "private DNS zone link",
    "microsoft.network/applicationsecuritygroups": "application security group",
    "microsoft.network/routetables": "route table",
    "microsoft.recoveryservices/vaults": "Recovery Services vault",
    "microsoft.recoveryservices/vaults/backuppolicies": "backup policy",
    "microsoft.insights/datacollectionrules": "data collection rule",
    "microsoft.managedidentity/userassignedidentities": "managed identity",
    "microsoft.authorization/roleassignments": "role assignment",
    "microsoft.keyvault/vaults/accesspolicies": "access policy",
}


def kind_of(resource_type: str) -> str:
    """The kind's name for messages: from the table, else the type's last segment."""
    return KINDS.get(resource_type.lower(), resource_type.rsplit("/", 1)[-1])


def named(resource_type: str, name: str) -> str:
    """ "VM 'web-0'" """
    return f"{kind_of(resource_type)} '{name}'"
