"""AZV020: Azure Bastion must be placed in AzureBastionSubnet."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.rules.provenance import label
from armc.semantics.network import network_of, resolve
from armc.semantics.reader import known_list

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


class BastionSubnet(Rule):
    id = "AZV020"
    name = "bastion-subnet"
    category = "validation"
    default_severity = "error"
    resource_types = ("Microsoft.Network/bastionHosts",)
    summary = "A Bastion host's IP configuration must use the subnet named AzureBastionSubnet."
    rationale = (
        "Azure Bastion deploys only into a subnet called exactly AzureBastionSubnet (of /26 "
        "or larger, see platform-subnet-size); any other subnet makes the deployment fail."
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        network = network_of(ctx)
        for bastion in ctx.resources("Microsoft.Network/bastionHosts"):
            for path, _ in known_list(ctx, bastion, "properties", "ipConfigurations"):
                subnet_path = (*path, "properties", "subnet", "id")
                ref = resolve(ctx, network.by_name, bastion, subnet_path)
                names = ref.names if ref is not None else None
                name = names[-1] if names else None
                subnet = network.subnet(ref)
                name = subnet.name if subnet is not None and subnet.name else name
                if name is None or name.lower() == "azurebastionsubnet":
                    continue
                yield Finding.at(
                    bastion,
                    f"{label(ctx, bastion)} is placed in subnet '{name}', not AzureBastionSubnet",
                    *subnet_path,
                    hint="create a subnet named AzureBastionSubnet (/26 or larger) for Bastion",
                )
