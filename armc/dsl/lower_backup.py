"""Lowering of backup: the Recovery Services vault, its VM backup policies (daily, with
long-term retention) and the protected item of each VM that names `backup VAULT.POLICY`."""

from __future__ import annotations

from typing import Any

from armc.dsl import ir
from armc.dsl.lower import Lowering
from armc.dsl.lower_names import LOOP_MARK, Pending, resource_id
from armc.dsl.lower_resources import ResourceLowering
from armc.dsl.passes.backup import DEFAULT_INSTANT_RESTORE, DEFAULT_RETAIN_DAYS, DEFAULT_TIME
from armc.dsl.values import Position
from armc.source import Span

RUN_DATE = "2024-01-01"  # the date part of a schedule time is ignored by Azure Backup


def lower_backup_vault(
    resources: ResourceLowering, vault: ir.BackupVaultDecl, name: str, index: Position
) -> None:
    lowering = resources.lw
    pending, condition = resources.start_declaration("backup-vault", name, vault, index)
    pending.body.set(("sku",), {"name": "RS0", "tier": "Standard"}, vault.common.span)
    pending.body.set(("properties",), {}, vault.common.span)
    resources.finish_declaration(pending, vault, condition)
    for policy in vault.policies:
        item = lowering.start("backup-policy", f"{name}/{policy.name}", vault.common.span)
        item.copy_index = index
        lowering.location_and_tags(item, vault.common, index)
        item.body.span(("name",), policy.name_span)
        item.body.set(("properties",), _policy(lowering, policy, index), policy.span)
        item.depend(pending.key, policy.name_span, ())
        resources.finish_declaration(item, vault, condition)


def _number(lowering: Lowering, word: ir.Word | None, default: int, index: Position) -> Any:
    return default if word is None else lowering.int_json(word, "a number", index)


def _policy(lowering: Lowering, policy: ir.BackupPolicy, index: Position) -> dict[str, Any]:
    time = policy.time.text if policy.time is not None else DEFAULT_TIME
    run = f"{RUN_DATE}T{time[:2]}:{time[2:]}:00Z"
    retention: dict[str, Any] = {
        "retentionPolicyType": "LongTermRetentionPolicy",
        "dailySchedule": {
            "retentionTimes": [run],
            "retentionDuration": {
                "count": _number(lowering, policy.retain_days, DEFAULT_RETAIN_DAYS, index),
                "durationType": "Days",
            },
        },
    }
    if policy.retain_weeks is not None:
        retention["weeklySchedule"] = {
            "daysOfTheWeek": ["Sunday"],
            "retentionTimes": [run],
            "retentionDuration": {
                "count": lowering.int_json(policy.retain_weeks, "a number", index),
                "durationType": "Weeks",
            },
        }
    if policy.retain_months is not None:
        retention["monthlySchedule"] = {
            "retentionScheduleFormatType": "Weekly",
            "retentionScheduleWeekly": {"daysOfTheWeek": ["Sunday"], "weeksOfTheMonth": ["First"]},
            "retentionTimes": [run],
            "retentionDuration": {
                "count": lowering.int_json(policy.retain_months, "a number", index),
                "durationType": "Months",
            },
        }
    if policy.retain_years is not None:
        retention["yearlySchedule"] = {
            "retentionScheduleFormatType": "Weekly",
            "monthsOfYear": ["January"],
            "retentionScheduleWeekly": {"daysOfTheWeek": ["Sunday"], "weeksOfTheMonth": ["First"]},
            "retentionTimes": [run],
            "retentionDuration": {
                "count": lowering.int_json(policy.retain_years, "a number", index),
                "durationType": "Years",
            },
        }
    timezone: Any = "UTC"
    if policy.timezone is not None:
        timezone = lowering.json(policy.timezone, index)
    return {
        "backupManagementType": "AzureIaasVM",
        "instantRpRetentionRangeInDays": _number(
            lowering, policy.instant_restore, DEFAULT_INSTANT_RESTORE, index
        ),
        "schedulePolicy": {
            "schedulePolicyType": "SimpleSchedulePolicy",
            "scheduleRunFrequency": "Daily",
            "scheduleRunTimes": [run],
        },
        "retentionPolicy": retention,
        "timeZone": timezone,
    }


def protect_vm(
    lowering: Lowering,
    compute: ir.ComputeDecl,
    vm: Pending,
    name: str,
    index: Position,
    condition: Any,
    condition_span: Span | None,
) -> None:
    """The protected item of the VM `name` in the policy `backup VAULT.POLICY`."""
    assert compute.backup is not None
    vault, _, policy = compute.backup.text.partition(".")
    container = "iaasvmcontainer;iaasvmcontainerv2"
    literal = f"{vault}/Azure/{container};RG;{name}/vm;iaasvmcontainerv2;RG;{name}"
    pending = lowering.start("backup-item", literal, compute.common.span)
    pending.copy_index = index
    if LOOP_MARK in name:
        lowering.report(
            "DSL107",
            "backup of a vm counted at deployment is not supported; use a compile-time count",
            compute.backup.span,
        )
        return
    # Azure names the item after the resource group: known only at deployment
    expression = (
        f"[concat('{vault}/Azure/{container};', resourceGroup().name, ';{name}"
        f"/vm;iaasvmcontainerv2;', resourceGroup().name, ';{name}')]"
    )
    pending.name = expression
    pending.body.set(("name",), expression, compute.backup.span)
    pending.body.set(
        ("properties",),
        {
            "protectedItemType": "Microsoft.Compute/virtualMachines",
            "policyId": resource_id("backup-policy", vault, policy),
            "sourceResourceId": resource_id("vm", name),
        },
        compute.backup.span,
    )
    pending.depend(
        f"backup-policy:{vault}/{policy}", compute.backup.span, ("properties", "policyId")
    )
    pending.depend(vm.key, compute.backup.span, ("properties", "sourceResourceId"))
    lowering.finish(pending, condition, condition_span)
