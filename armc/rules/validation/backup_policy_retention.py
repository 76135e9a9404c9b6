"""AZV063: a VM backup policy's retention is within Azure Backup's limits."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.semantics.reader import display_name

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext

POLICY = "microsoft.recoveryservices/vaults/backuppolicies"
LIMITS = {  # schedule: (duration type, min, max)
    "dailySchedule": ("Days", 7, 9999),
    "weeklySchedule": ("Weeks", 1, 5163),
    "monthlySchedule": ("Months", 1, 1188),
    "yearlySchedule": ("Years", 1, 99),
}
INSTANT_RESTORE = (1, 5)


class BackupPolicyRetention(Rule):
    id = "AZV063"
    name = "backup-policy-retention"
    category = "validation"
    default_severity = "error"
    resource_types = (POLICY,)
    summary = "VM backup retention counts and instant-restore days must be within Azure's limits."
    rationale = (
        "Azure Backup keeps a VM's daily recovery points 7 to 9999 days, weekly ones 1 to "
        "5163 weeks, monthly 1 to 1188 months and yearly 1 to 99 years, and its instant "
        "restore snapshots 1 to 5 days (standard policy). A policy outside these limits is "
        "rejected, so nothing is backed up."
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for policy in ctx.resources(POLICY):
            kind = ctx.value(policy, "properties", "backupManagementType")
            if not isinstance(kind, str) or kind.lower() != "azureiaasvm":
                continue
            name = display_name(ctx, policy)
            for schedule, (unit, low, high) in LIMITS.items():
                path = ("properties", "retentionPolicy", schedule, "retentionDuration", "count")
                count = ctx.value(policy, *path)
                if not isinstance(count, int) or isinstance(count, bool) or low <= count <= high:
                    continue
                yield Finding(
                    f"backup policy '{name}' keeps {schedule.removesuffix('Schedule')} points "
                    f"{count} {unit.lower()}; Azure takes {low} to {high}",
                    (*policy.path, *path),
                    policy.key,
                )
            instant = ctx.value(policy, "properties", "instantRpRetentionRangeInDays")
            low, high = INSTANT_RESTORE
            if (
                isinstance(instant, int)
                and not isinstance(instant, bool)
                and not low <= instant <= high
            ):
                yield Finding(
                    f"backup policy '{name}' keeps instant restore snapshots {instant} "
                    f"days; Azure takes {low} to {high}",
                    (*policy.path, "properties", "instantRpRetentionRangeInDays"),
                    policy.key,
                )
