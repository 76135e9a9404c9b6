"""AZV017: the admin user name must not be one Azure reserves."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.data import load
from armc.rules.base import Finding, Rule
from armc.rules.provenance import label, origin
from armc.semantics.compute import VM, VMSS, os_kind, profile
from armc.semantics.reader import known_text

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


class ReservedAdminUsername(Rule):
    id = "AZV017"
    name = "reserved-admin-username"
    category = "validation"
    default_severity = "error"
    resource_types = (VM, VMSS)
    summary = "The admin user name must not be reserved ('admin', 'root', 'administrator'...)."
    rationale = (
        "Azure refuses a VM whose `osProfile.adminUsername` is one of a list of reserved or "
        "common names such as admin, administrator, root, user1 or test (the list is in "
        "`armc/data/reserved_usernames.json`, from the Compute API reference), or longer than "
        "20 characters on Windows (64 on Linux). The deployment fails after the network is "
        "created. These names are also the first ones attackers try. armc checks the "
        "evaluated value, so a parameter's default or a parameters file value is checked too."
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        data = load("reserved_usernames.json")
        reserved = {name.lower() for name in data["reserved"]}
        for resource in ctx.resources(VM, VMSS):
            path = (*profile(resource), "osProfile", "adminUsername")
            name = known_text(ctx, resource, *path)
            if name is None:
                continue
            where = origin(ctx, resource, *path, value=name)
            if name.lower() in reserved:
                yield Finding.at(
                    resource,
                    f"{label(ctx, resource)} uses the reserved admin user name '{name}'{where}",
                    *path,
                    hint="choose a name Azure does not reserve, for example 'azureuser'",
                )
                continue
            kind = os_kind(ctx, resource)
            limit = int(data["max_length"][kind]) if kind is not None else None
            if limit is not None and len(name) > limit:
                yield Finding.at(
                    resource,
                    f"{label(ctx, resource)} admin user name '{name}'{where} is longer than "
                    f"{limit} characters",
                    *path,
                )
