"""AZR006: VMs must not use the retired Basic sizes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.data import load
from armc.rules.base import Finding, Rule
from armc.rules.provenance import label, origin
from armc.semantics.compute import VM, VMSS, size_of, size_path

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


class VmBasicSize(Rule):
    id = "AZR006"
    name = "vm-basic-size"
    category = "reliability"
    default_severity = "error"
    resource_types = (VM, VMSS)
    summary = "VMs must not use Basic_A sizes, which are retired."
    rationale = (
        "The Basic A-series sizes (Basic_A0 to Basic_A4) were retired on 31 August 2024; "
        "a deployment that asks for one fails. They also had no load balancing, no "
        "autoscale and no premium storage. Use a current size such as Standard_B2s_v2."
    )
    equivalents = ("psrule:Azure.VM.BasicSku",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        retired = load("retired_skus.json")["retired"]["Microsoft.Compute/virtualMachines"]
        prefixes = tuple(p.lower() for p in retired["size_prefix"])
        for resource in ctx.resources(VM, VMSS):
            name, _ = size_of(ctx, resource)
            if name is None or not name.lower().startswith(prefixes):
                continue
            where = origin(ctx, resource, *size_path(resource), value=name)
            yield Finding.at(
                resource,
                f"{label(ctx, resource)} uses the retired size {name}{where} (retired "
                f"{retired['retired_on']})",
                *size_path(resource),
                hint=f"use {retired['replacement']}",
            )
