"""AZP009: the VM size should be a parameter."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.rules.provenance import label
from armc.rules.support import is_literal, raw_at
from armc.semantics.compute import VM

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


class VmSizeShouldBeParameter(Rule):
    id = "AZP009"
    name = "vm-size-should-be-parameter"
    category = "practice"
    default_severity = "off"
    resource_types = (VM,)
    summary = "A VM's size should come from a parameter."
    rationale = (
        "Sizes are what changes between environments and regions (capacity, quota, cost). "
        "A literal vmSize forces an edit of the template to deploy a smaller test VM or to "
        "move to a region where the size is not offered. Take it from a parameter with a "
        "sensible default (and `allowedValues` if you must restrict it). Off by default (it is "
        "guidance for published templates): select it by name to use it."
    )
    equivalents = ("arm-ttk:VM-Size-Should-Be-A-Parameter",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for vm in ctx.resources(VM):
            path = ("properties", "hardwareProfile", "vmSize")
            raw = raw_at(vm, *path)
            if not is_literal(raw):
                continue
            yield Finding.at(
                vm,
                f"{label(ctx, vm)} has the literal size '{raw}'",
                *path,
                hint="add a 'vmSize' parameter and use [parameters('vmSize')]",
            )
