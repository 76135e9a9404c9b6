"""AZV059: a Spot VM with an ephemeral OS disk must be evicted with Delete."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.rules.provenance import label
from armc.semantics.compute import VM, VMSS, profile
from armc.semantics.reader import known_text

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


class EphemeralOsDiskSpotDeallocate(Rule):
    id = "AZV059"
    name = "ephemeral-os-disk-spot-deallocate"
    category = "validation"
    default_severity = "error"
    resource_types = (VM, VMSS)
    summary = "A Spot VM with an ephemeral OS disk needs `evictionPolicy: Delete`."
    rationale = (
        "An ephemeral OS disk lives on the host's local storage and is lost when the VM leaves "
        "the host, so such a VM cannot be stopped-deallocated. Azure rejects a Spot VM that "
        "combines it with the (default) Deallocate eviction policy."
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for resource in ctx.resources(VM, VMSS):
            base = profile(resource)
            option = known_text(
                ctx, resource, *base, "storageProfile", "osDisk", "diffDiskSettings", "option"
            )
            priority = known_text(ctx, resource, *base, "priority")
            if option is None or option.lower() != "local":
                continue
            if priority is None or priority.lower() not in ("spot", "low"):
                continue
            policy = ctx.value(resource, *base, "evictionPolicy")
            if ctx.is_unknown(policy) or (isinstance(policy, str) and policy.lower() == "delete"):
                continue
            yield Finding(
                f"{label(ctx, resource)} is a Spot VM with an ephemeral OS disk and eviction "
                f"policy {policy or 'Deallocate (the default)'}",
                (*resource.path, *base, "evictionPolicy" if policy else "priority"),
                resource.key,
                hint="set evictionPolicy to Delete",
            )
