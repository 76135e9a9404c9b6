"""AZV019: accelerated networking needs a size that supports it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.rules.provenance import label
from armc.rules.support import as_bool
from armc.semantics.compute import VM, size_of
from armc.semantics.network import network_of, resolve

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


class AcceleratedNetworkingSize(Rule):
    id = "AZV019"
    name = "accelerated-networking-size"
    category = "validation"
    default_severity = "error"
    resource_types = (VM,)
    summary = "A NIC with accelerated networking must belong to a VM size that supports it."
    rationale = (
        "Accelerated networking (SR-IOV) needs hardware support: burstable B-series sizes "
        "(before v2) and A-series sizes do not have it, and a VM whose NIC enables it fails "
        "to start. Sizes come from armc's dated catalogue; sizes not in it are not checked."
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        network = network_of(ctx)
        for vm in ctx.resources(VM):
            name, size = size_of(ctx, vm)
            if size is None or size.accelerated_networking:
                continue
            nics = ctx.value(vm, "properties", "networkProfile", "networkInterfaces")
            if not isinstance(nics, list):
                continue
            for index in range(len(nics)):
                path = ("properties", "networkProfile", "networkInterfaces", index, "id")
                ref = resolve(ctx, network.by_name, vm, path)
                nic = ref.resource if ref is not None else None
                if nic is None:
                    continue
                flag = ("properties", "enableAcceleratedNetworking")
                if as_bool(ctx.value(nic, *flag)) is not True:
                    continue
                yield Finding(
                    f"{label(ctx, nic)} enables accelerated networking but {label(ctx, vm)} "
                    f"has size {name}, which does not support it",
                    nic.path + flag,
                    nic.key,
                    hint="disable accelerated networking or choose a size that supports it",
                    related=(((*vm.path, "properties", "hardwareProfile", "vmSize"), "the size"),),
                )
