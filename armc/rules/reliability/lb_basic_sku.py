"""AZR003: load balancers should use the Standard SKU (Basic is retired)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.data import load
from armc.rules.base import Finding, FixSpec, Rule
from armc.rules.provenance import label, origin
from armc.rules.support import is_literal, raw_at

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext

_TYPE = "Microsoft.Network/loadBalancers"


class LbBasicSku(Rule):
    id = "AZR003"
    name = "lb-basic-sku"
    category = "reliability"
    default_severity = "warning"
    resource_types = (_TYPE,)
    summary = "Load balancers should use the Standard SKU; Basic is retired."
    rationale = (
        "The Basic load balancer was retired on 30 September 2025: it has no SLA, no "
        "availability zones, no HTTPS probes and is open by default. A load balancer without "
        "`sku` gets Basic. Use Standard (with Standard public IPs and NSGs that allow the "
        "traffic, since Standard is closed by default)."
    )
    equivalents = ("psrule:Azure.LB.StandardSKU",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        retired = load("retired_skus.json")["retired"][_TYPE]
        skus = {s.lower() for s in retired["sku"]}
        for lb in ctx.resources(_TYPE):
            sku = ctx.value(lb, "sku", "name")
            if ctx.is_unknown(sku):
                continue
            if sku is None:
                yield Finding.at(
                    lb,
                    f"{label(ctx, lb)} has no SKU, so it gets the retired Basic SKU "
                    f"(retired {retired['retired_on']})",
                    hint='add "sku": {"name": "Standard"}',
                )
            elif isinstance(sku, str) and sku.lower() in skus:
                fix = None
                if is_literal(raw_at(lb, "sku", "name")):
                    fix = FixSpec("use the Standard SKU", (*lb.path, "sku", "name"), "Standard")
                where = origin(ctx, lb, "sku", "name", value=sku)
                yield Finding.at(
                    lb,
                    f"{label(ctx, lb)} uses the {sku} SKU{where}, retired {retired['retired_on']}",
                    "sku",
                    "name",
                    fix=fix,
                    hint="use Standard; Standard public IPs and NSG rules must go with it",
                )
