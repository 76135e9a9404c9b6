"""AZR001: virtual machines should use managed disks."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.rules.provenance import label

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


class VmUnmanagedDisks(Rule):
    id = "AZR001"
    name = "vm-unmanaged-disks"
    category = "reliability"
    default_severity = "warning"
    resource_types = ("Microsoft.Compute/virtualMachines",)
    summary = "Virtual machines should use managed disks, not VHDs in storage accounts."
    rationale = (
        "Unmanaged disks are page blobs in a storage account you manage: they share the "
        "account's throughput limits, are not placed in separate fault domains with the "
        "availability set, and are being retired. Managed disks give availability-set "
        "alignment, snapshots and encryption at rest by default."
    )
    equivalents = ("CKV_AZURE_92", "psrule:Azure.VM.UseManagedDisks")

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for vm in ctx.resources("Microsoft.Compute/virtualMachines"):
            storage = ("properties", "storageProfile")
            if ctx.value(vm, *storage, "osDisk", "vhd") is not None:
                yield Finding.at(
                    vm,
                    f"the OS disk of {label(ctx, vm)} is an unmanaged VHD",
                    *storage,
                    "osDisk",
                    "vhd",
                    hint="remove osDisk.vhd and set osDisk.managedDisk.storageAccountType",
                )
            disks = ctx.value(vm, *storage, "dataDisks")
            if not isinstance(disks, list):
                continue
            for index in range(len(disks)):
                if ctx.value(vm, *storage, "dataDisks", index, "vhd") is not None:
                    yield Finding.at(
                        vm,
                        f"data disk {index} of {label(ctx, vm)} is an unmanaged VHD",
                        *storage,
                        "dataDisks",
                        index,
                        "vhd",
                        hint="use a managed data disk (managedDisk.storageAccountType)",
                    )
