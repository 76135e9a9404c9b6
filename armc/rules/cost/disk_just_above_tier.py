"""AZC004: a managed disk a little larger than a tier boundary pays for the next tier."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from armc.rules.base import Finding, Option, Rule
from armc.rules.cost._money import REGION_OPTION, money, pricing_options

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext
    from armc.model.template import JsonPath, Resource


class DiskJustAboveTier(Rule):
    id = "AZC004"
    name = "disk-just-above-tier"
    category = "cost"
    default_severity = "info"
    resource_types = ("Microsoft.Compute/disks", "Microsoft.Compute/virtualMachines")
    summary = "Disk sizes just above a tier boundary pay for the whole next tier."
    rationale = (
        "Managed disks are billed by tier: 129 GiB on Premium SSD is a P15 (256 GiB) and "
        "costs about twice a P10 (128 GiB). A size a few percent above a boundary is usually "
        "a rounding accident (GB vs GiB)."
    )
    options: ClassVar[Mapping[str, Option]] = {
        "margin_percent": Option(int, 10, "How far above a boundary counts as 'just above'."),
        "region": REGION_OPTION,
    }

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for resource, path, account, size in _disks(ctx):
            yield from self._check(ctx, resource, path, account, size)

    def _check(
        self, ctx: RuleContext, resource: Resource, path: JsonPath, account: str, size: int
    ) -> Iterator[Finding]:
        from armc.cost import disks
        from armc.cost.estimate import resource_region

        kind = disks.ACCOUNT_TYPES.get(account.lower())
        if kind is None:
            return
        prefix, redundancy, label = kind
        below = disks.previous_tier(prefix, size)
        tier = disks.tier_for(prefix, size)
        if below is None or tier is None:
            return
        if size > below[1] * (100 + self.settings["margin_percent"]) / 100:
            return
        region = resource_region(ctx, resource, self.settings["region"])
        catalog = pricing_options(region).catalog
        now = catalog.find("disk", region, f"{tier[0]} {redundancy}")
        then = catalog.find("disk", region, f"{below[0]} {redundancy}")
        money_text = (
            f": {money(now.usd)} a month instead of {money(then.usd)} "
            f"(saves {money(now.usd - then.usd)})"
            if now is not None and then is not None
            else ""
        )
        yield Finding(
            f"{size} GiB is just above the {below[0]} boundary ({below[1]} GiB), so this "
            f"{label} disk is billed as {tier[0]} ({tier[1]} GiB){money_text}",
            path,
            resource.key,
            hint=f"use {below[1]} GiB if that is enough",
        )


def _disks(ctx: RuleContext) -> Iterator[tuple[Resource, JsonPath, str, int]]:
    """(resource, path of diskSizeGB, storage account type, size) of every sized disk."""
    for disk in ctx.resources("Microsoft.Compute/disks"):
        yield from _sized(
            disk,
            ("properties", "diskSizeGB"),
            ctx.value(disk, "sku", "name"),
            ctx.value(disk, "properties", "diskSizeGB"),
        )
    for vm in ctx.resources("Microsoft.Compute/virtualMachines"):
        profile = ("properties", "storageProfile")
        os_disk = ctx.value(vm, *profile, "osDisk")
        if isinstance(os_disk, dict):
            yield from _sized(
                vm, (*profile, "osDisk", "diskSizeGB"), _account(os_disk), os_disk.get("diskSizeGB")
            )
        data = ctx.value(vm, *profile, "dataDisks")
        for index, item in enumerate(data if isinstance(data, list) else []):
            if isinstance(item, dict):
                yield from _sized(
                    vm,
                    (*profile, "dataDisks", index, "diskSizeGB"),
                    _account(item),
                    item.get("diskSizeGB"),
                )


def _account(disk: dict[str, Any]) -> Any:
    managed = disk.get("managedDisk")
    return managed.get("storageAccountType") if isinstance(managed, dict) else None


def _sized(
    resource: Resource, sub: JsonPath, account: Any, size: Any
) -> Iterator[tuple[Resource, JsonPath, str, int]]:
    if isinstance(account, str) and isinstance(size, int) and not isinstance(size, bool):
        yield resource, (*resource.path, *sub), account, size
