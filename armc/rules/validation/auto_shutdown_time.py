"""AZV058: an auto-shutdown schedule's time is HHMM."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.semantics.reader import display_name, known_text

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext

SCHEDULE = "microsoft.devtestlab/schedules"
HHMM = re.compile(r"^([01][0-9]|2[0-3])[0-5][0-9]$")


class AutoShutdownTime(Rule):
    id = "AZV058"
    name = "auto-shutdown-time"
    category = "validation"
    default_severity = "error"
    resource_types = (SCHEDULE,)
    summary = "A shutdown schedule's `dailyRecurrence.time` is a 24-hour time HHMM."
    rationale = (
        "DevTest Labs schedules (the VM auto-shutdown) take the time of day as four digits, "
        "`1900` for 7 pm in `timeZoneId`; `19:00`, `7pm` or `2400` are rejected."
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for schedule in ctx.resources(SCHEDULE):
            path = ("properties", "dailyRecurrence", "time")
            time = known_text(ctx, schedule, *path)
            if time is None or HHMM.match(time):
                continue
            yield Finding(
                f"schedule '{display_name(ctx, schedule)}' has time '{time}', not HHMM",
                (*schedule.path, *path),
                schedule.key,
                hint="write the time as four digits, for example 1900",
            )
