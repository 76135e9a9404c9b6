"""AZR009: an availability set should hold at least two VMs."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.rules.provenance import label
from armc.semantics.compute import VM
from armc.semantics.network import network_of, resolve

AVAILABILITY_SET = "Microsoft.Compute/availabilitySets"

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


class AvsetMinMembers(Rule):
    id = "AZR009"
    name = "avset-min-members"
    category = "reliability"
    default_severity = "warning"
    resource_types = (AVAILABILITY_SET,)
    summary = "Availability sets should hold at least two VMs."
    rationale = (
        "An availability set protects against a rack or host failure only by spreading "
        "several VMs over fault and update domains; with one VM it protects nothing, and the "
        "99.95% SLA needs two or more. Add a second VM or use availability zones. Copy-loop "
        "instances count one by one; nothing is reported when a VM's set is only known at "
        "deployment."
    )
    equivalents = ("psrule:Azure.VM.ASMinMembers",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        network = network_of(ctx)
        members: Counter[str] = Counter()
        for vm in ctx.resources(VM):
            ref = resolve(ctx, network.by_name, vm, ("properties", "availabilitySet", "id"))
            if ref is None:
                continue
            if ref.resource is None:
                return
            members[ref.resource.key] += 1
        for avset in ctx.resources(AVAILABILITY_SET):
            count = members[avset.key]
            if count < 2:
                yield Finding.at(
                    avset,
                    f"{label(ctx, avset)} holds {count} VM{'s' if count != 1 else ''}",
                    hint="put two or more VMs in it, or use availability zones",
                )
