"""AZP014: NICs should be attached to a VM."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.rules.provenance import label
from armc.semantics.network import NIC, VM, network_of, resolve

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


class NicAttached(Rule):
    id = "AZP014"
    name = "nic-attached"
    category = "practice"
    default_severity = "info"
    resource_types = (NIC,)
    summary = "Network interfaces should be attached to a VM."
    rationale = (
        "A NIC that no VM uses still takes an address of its subnet (and may hold a public "
        "IP). It usually means a renamed or removed VM. armc looks at the VMs of the same "
        "template (a template without VMs is not checked); nothing is reported when a VM's "
        "NIC reference is only known at deployment."
    )
    equivalents = ("psrule:Azure.NIC.Attached",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        if not ctx.resources(VM):
            return  # a template of NICs only: another deployment attaches them
        network = network_of(ctx)
        used: set[str] = set()
        for vm in ctx.resources(VM):
            nics = ctx.value(vm, "properties", "networkProfile", "networkInterfaces")
            if ctx.is_unknown(nics):
                return
            for index in range(len(nics) if isinstance(nics, list) else 0):
                path = ("properties", "networkProfile", "networkInterfaces", index, "id")
                ref = resolve(ctx, network.by_name, vm, path)
                if ref is not None and ref.resource is None and ref.type in (None, NIC):
                    return  # a reference armc cannot place: stay silent
                if ref is not None and ref.resource is not None:
                    used.add(ref.resource.key)
        for nic in ctx.resources(NIC):
            if nic.key not in used:
                yield Finding.at(nic, f"{label(ctx, nic)} is not attached to any VM")
