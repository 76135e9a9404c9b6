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
}


def kind_of(resource_type: str) -> str:
    """The kind's name for messages: from the table, else the type's last segment."""
    return KINDS.get(resource_type.lower(), resource_type.rsplit("/", 1)[-1])


def named(resource_type: str, name: str) -> str:
    """ "VM 'web-0'" """
    return f"{kind_of(resource_type)} '{name}'"
