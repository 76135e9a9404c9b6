"""AZV060: a managed disk is attached to no more VMs than its maxShares."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.model.template import JsonPath, Resource
from armc.rules.base import Finding, Rule
from armc.semantics.compute import VM
from armc.semantics.network import parse_resource_id, parse_resource_id_call
from armc.semantics.reader import display_name, known_list

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext

DISK = "microsoft.compute/disks"


class SharedDiskAttachLimit(Rule):
    id = "AZV060"
    name = "shared-disk-attach-limit"
    category = "validation"
    default_severity = "error"
    resource_types = (DISK,)
    summary = "A managed disk cannot be attached to more VMs than its `maxShares` (default 1)."
    rationale = (
        "A managed disk attaches to one VM unless it is a shared disk: `maxShares` says how "
        "many VMs may mount it at once (clustered applications coordinate the writes). A "
        "second attachment of an unshared disk fails the deployment."
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        disks = {display_name(ctx, d).lower(): d for d in ctx.resources(DISK)}
        uses: dict[str, list[tuple[Resource, JsonPath]]] = {}
        for vm in ctx.resources(VM):
            data_disks = ("properties", "storageProfile", "dataDisks")
            for path, _ in known_list(ctx, vm, *data_disks):
                reference = ctx.value(vm, *path, "managedDisk", "id")
                if not isinstance(reference, str) or ctx.is_unknown(reference):
                    continue
                parsed = (
                    parse_resource_id_call(reference)
                    if reference.startswith("[")
                    else parse_resource_id(reference)
                )
                if parsed is None or parsed[0] != DISK or len(parsed[1]) != 1:
                    continue
                uses.setdefault(parsed[1][0].lower(), []).append((vm, path))
        for name, attachments in uses.items():
            disk = disks.get(name)
            if disk is None:
                continue
            shares = ctx.value(disk, "properties", "maxShares")
            if shares is None:
                shares = 1
            if not isinstance(shares, int) or isinstance(shares, bool):
                continue
            if len(attachments) <= shares:
                continue
            vm, path = attachments[shares]
            yield Finding(
                f"disk '{display_name(ctx, disk)}' is attached to {len(attachments)} VMs but "
                f"maxShares is {shares}",
                (*vm.path, *path, "managedDisk", "id"),
                vm.key,
                hint=f"set maxShares to {len(attachments)} (a shared disk) or attach it once",
                related=(((*disk.path, "properties"), "the disk"),),
            )
