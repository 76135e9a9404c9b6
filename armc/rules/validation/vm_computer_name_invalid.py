"""AZV013: VM computer names must fit the OS's limits."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.data import load
from armc.rules.base import Finding, Rule
from armc.rules.provenance import origin
from armc.semantics.compute import VM, VMSS, os_kind, profile
from armc.semantics.reader import known_text

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


class VmComputerNameInvalid(Rule):
    id = "AZV013"
    name = "vm-computer-name-invalid"
    category = "validation"
    default_severity = "error"
    resource_types = (VM, VMSS)
    summary = "Computer names must fit the OS: Windows at most 15 characters, Linux 64."
    rationale = (
        "A Windows computer name (NetBIOS) has at most 15 characters, letters, digits and "
        "hyphens, and is not only digits; a Linux host name has at most 64. When "
        "`osProfile.computerName` is absent Azure uses the VM name, so a long VM name fails "
        "a Windows deployment. Scale sets use `computerNamePrefix`, which for Windows is at "
        "most 9 characters."
    )
    equivalents = ("psrule:Azure.VM.ComputerName", "psrule:Azure.VMSS.ComputerName")

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        limits = load("naming_rules.json")["computer_name"]
        for resource in ctx.resources(VM, VMSS):
            kind = os_kind(ctx, resource)
            if kind is None:
                continue
            spec = limits[kind]
            scale_set = resource.type_lower == VMSS
            field = "computerNamePrefix" if scale_set else "computerName"
            path = (*profile(resource), "osProfile", field)
            name = known_text(ctx, resource, *path)
            if name is None and not scale_set:
                if ctx.value(resource, *path) is not None:
                    continue
                path = ("name",)
                name = known_text(ctx, resource, "name")
            if not name:
                continue
            limit = 9 if scale_set and kind == "windows" else int(spec["max"])
            where = origin(ctx, resource, *path, value=name)
            what = f"{kind.capitalize()} computer name{' prefix' if scale_set else ''}"
            if len(name) > limit:
                yield Finding.at(
                    resource,
                    f"{what} '{name}'{where} is {len(name)} characters long (at most {limit})",
                    *path,
                    hint="set osProfile.computerName to a shorter name",
                )
            elif not scale_set and not re.match(spec["pattern"], name):
                yield Finding.at(resource, f"{what} '{name}'{where}: {spec['chars']}", *path)
