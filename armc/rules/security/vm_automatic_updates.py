"""AZS026: Windows VMs should install updates automatically."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.rules.provenance import label
from armc.rules.support import as_bool
from armc.semantics.compute import VM, VMSS, profile

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


class VmAutomaticUpdates(Rule):
    id = "AZS026"
    name = "vm-automatic-updates"
    category = "security"
    default_severity = "warning"
    resource_types = (VM, VMSS)
    summary = "Windows VMs should not turn automatic updates off."
    rationale = (
        "With `windowsConfiguration.enableAutomaticUpdates` false, a VM only gets security "
        "patches when someone installs them. Leave it on (the default), or manage patching "
        "with `patchSettings` (AutomaticByPlatform or Azure Update Manager)."
    )
    equivalents = ("psrule:Azure.VM.Updates",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for resource in ctx.resources(VM, VMSS):
            windows = (*profile(resource), "osProfile", "windowsConfiguration")
            path = (*windows, "enableAutomaticUpdates")
            if as_bool(ctx.value(resource, *path)) is not False:
                continue
            mode = ctx.value(resource, *windows, "patchSettings", "patchMode")
            if isinstance(mode, str) and mode.lower() == "automaticbyplatform":
                continue
            yield Finding.at(
                resource,
                f"{label(ctx, resource)} turns automatic updates off",
                *path,
                hint="enable automatic updates or set patchSettings.patchMode",
            )
