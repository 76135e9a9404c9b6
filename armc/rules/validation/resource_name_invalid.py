"""AZV012: resource names must follow Azure's naming rules for their type."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from armc.data import load
from armc.model.kinds import KINDS
from armc.rules.base import Finding, Rule
from armc.rules.provenance import origin
from armc.semantics.reader import known_text

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


@functools.cache
def _rules() -> dict[str, dict[str, Any]]:
    rules: dict[str, dict[str, Any]] = load("naming_rules.json")["resources"]
    return {key.lower(): {**spec, "re": re.compile(spec["pattern"])} for key, spec in rules.items()}


def problem(name: str, spec: dict[str, Any]) -> str | None:
    """Why `name` breaks `spec`, or None."""
    if not spec["min"] <= len(name) <= spec["max"]:
        return f"is {len(name)} characters long (allowed: {spec['min']}-{spec['max']})"
    if not spec["re"].match(name):
        return f"has characters Azure does not allow ({spec['chars']})"
    if name[:1] in spec.get("not_start", ""):
        return f"starts with '{name[0]}'"
    if name[-1:] in spec.get("not_end", ""):
        return f"ends with '{name[-1]}'"
    return None


class ResourceNameInvalid(Rule):
    id = "AZV012"
    name = "resource-name-invalid"
    category = "validation"
    default_severity = "error"
    summary = "Resource names must meet Azure's length and character rules for their type."
    rationale = (
        "Each resource type has its own name rules (length, allowed characters, first and "
        "last character); storage account names, for example, are 3-24 lower-case letters "
        "and digits. A name that breaks them is rejected at deployment. armc checks the "
        "evaluated name, so a name built from parameters and variables is checked with the "
        "values it gets."
    )
    equivalents = (
        "psrule:Azure.VM.Name",
        "psrule:Azure.VMSS.Name",
        "psrule:Azure.VNET.Name",
        "psrule:Azure.VNET.SubnetName",
        "psrule:Azure.NSG.Name",
        "psrule:Azure.NIC.Name",
        "psrule:Azure.PublicIP.Name",
        "psrule:Azure.LB.Name",
        "psrule:Azure.VM.ASName",
        "psrule:Azure.VM.DiskName",
        "psrule:Azure.Storage.Name",
        "psrule:Azure.KeyVault.Name",
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        rules = _rules()
        for resource in ctx.template.resources:
            spec = rules.get(resource.type_lower)
            if spec is None:
                continue
            name = known_text(ctx, resource, "name")
            if not name:
                continue  # unknown, or an empty placeholder default
            short = name.rsplit("/", 1)[-1] if resource.type_lower.count("/") > 1 else name
            why = problem(short, spec)
            if why is None:
                continue
            where = origin(ctx, resource, "name", value=name)
            yield Finding.at(
                resource,
                f"{KINDS.get(resource.type_lower, 'resource')} name '{short}'{where} {why}",
                "name",
            )
        for subnet_path, subnet_name, vnet in _inline_subnets(ctx):
            why = problem(subnet_name, rules["microsoft.network/virtualnetworks/subnets"])
            if why is not None:
                yield Finding.at(vnet, f"subnet name '{subnet_name}' {why}", *subnet_path)


def _inline_subnets(ctx: RuleContext) -> Iterator[tuple[tuple[str | int, ...], str, Any]]:
    for vnet in ctx.resources("Microsoft.Network/virtualNetworks"):
        subnets = ctx.value(vnet, "properties", "subnets")
        if not isinstance(subnets, list):
            continue
        for index in range(len(subnets)):
            path = ("properties", "subnets", index, "name")
            name = known_text(ctx, vnet, *path)
            if name is not None:
                yield path, name, vnet
