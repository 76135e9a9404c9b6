"""AZP013: NSGs should be associated with a subnet or a NIC."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.rules.provenance import label
from armc.semantics.network import NIC, SUBNET, VMSS, VNET, network_of
from armc.semantics.nsg import NSG

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


class NsgAssociated(Rule):
    id = "AZP013"
    name = "nsg-associated"
    category = "practice"
    default_severity = "info"
    resource_types = (NSG,)
    summary = "Network security groups should be associated with a subnet or a NIC."
    rationale = (
        "An NSG that no subnet or NIC uses filters nothing; its rules suggest a protection "
        "that is not there. Associate it, or remove it. armc looks at the subnets and NICs "
        "of the same template (a template without any is not checked); an NSG meant for "
        "resources deployed elsewhere can be suppressed with that reason."
    )
    equivalents = ("psrule:Azure.NSG.Associated",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        if not ctx.resources(VNET, SUBNET, NIC, VMSS):
            return  # a template of NSGs only: another deployment associates them
        network = network_of(ctx)
        refs = [s.nsg for s in network.subnets] + list(network.nic_nsg.values())
        if any(ref is not None and ref.resource is None for ref in refs):
            return  # some association is only known at deployment
        used = {ref.resource.key for ref in refs if ref is not None and ref.resource is not None}
        for nsg in ctx.resources(NSG):
            if nsg.key not in used:
                yield Finding.at(nsg, f"{label(ctx, nsg)} is not associated with a subnet or NIC")
