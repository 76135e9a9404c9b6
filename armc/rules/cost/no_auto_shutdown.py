"""AZC003: a dev/test VM without an auto-shutdown schedule (Microsoft.DevTestLab/schedules)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, ClassVar

from armc.rules.base import Finding, Option, Rule
from armc.rules.cost._money import REGION_OPTION, money, non_production, price, total

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


class NoAutoShutdown(Rule):
    id = "AZC003"
    name = "no-auto-shutdown"
    category = "cost"
    default_severity = "warning"
    resource_types = ("Microsoft.Compute/virtualMachines",)
    summary = "Dev/test VMs should have an auto-shutdown schedule."
    rationale = (
        "A VM that only serves working hours but runs 730 hours a month pays for the nights "
        "and weekends. A `Microsoft.DevTestLab/schedules` resource (`shutdown-computevm-<vm>`, "
        "with `targetResourceId` the VM) stops it every evening. The environment comes from "
        "an `environment`/`env`/`stage` tag or parameter."
    )
    equivalents = ("psrule:Azure.VM.ShutdownSchedule",)
    options: ClassVar[Mapping[str, Option]] = {
        "running_hours": Option(int, 50, "Hours a week a dev/test VM is needed (for savings)."),
        "region": REGION_OPTION,
    }

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        schedules = [
            json.dumps(s.body).lower() + " " + str(s.name).lower()
            for s in ctx.resources("Microsoft.DevTestLab/schedules")
        ]
        for vm in ctx.resources("Microsoft.Compute/virtualMachines"):
            env = non_production(ctx, vm)
            name = vm.name if isinstance(vm.name, str) else None
            if env is None or name is None or name.startswith("["):
                continue
            if any(f"'{name.lower()}'" in s or f"computevm-{name.lower()}" in s for s in schedules):
                continue
            cost = price(ctx, vm, self.settings["region"])
            compute = total(line for line in cost.lines if line.unit == "hours")
            if not compute:
                continue
            hours = Decimal(min(self.settings["running_hours"], 168))
            saving = compute * (1 - hours / Decimal(168))
            yield Finding.at(
                vm,
                f"'{name}' is in '{env}' and runs all month without an auto-shutdown "
                f"schedule: {money(compute)} a month of compute; running "
                f"{self.settings['running_hours']} hours a week would save about {money(saving)}",
                hint="add a Microsoft.DevTestLab/schedules resource named "
                f"'shutdown-computevm-{name}'",
            )
