"""AZR002: public IP addresses should use the Standard SKU."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, FixSpec, Rule
from armc.rules.provenance import label
from armc.rules.support import is_literal, raw_at

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


class PublicIpBasicSku(Rule):
    id = "AZR002"
    name = "public-ip-basic-sku"
    category = "reliability"
    default_severity = "warning"
    resource_types = ("Microsoft.Network/publicIPAddresses",)
    summary = "Public IP addresses should use the Standard SKU."
    rationale = (
        "The Basic SKU is retired: it has no availability zones, no SLA for zone redundancy "
        "and is open to inbound traffic by default. The Standard SKU is secure by default and "
        "zone-redundant. A public IP without a `sku` gets Basic."
    )
    equivalents = ("psrule:Azure.PublicIP.MigrateStandard", "psrule:Azure.PublicIP.StandardSKU")

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for ip in ctx.resources("Microsoft.Network/publicIPAddresses"):
            sku = ctx.value(ip, "sku", "name")
            if ctx.is_unknown(sku):
                continue
            if sku is None:
                yield Finding.at(
                    ip,
                    f"{label(ctx, ip)} has no SKU, so it gets the retired Basic SKU",
                    hint='add "sku": {"name": "Standard"} (with Static allocation)',
                )
            elif isinstance(sku, str) and sku.lower() == "basic":
                allocation = ctx.value(ip, "properties", "publicIPAllocationMethod")
                fix = None
                static = isinstance(allocation, str) and allocation.lower() == "static"
                if static and is_literal(raw_at(ip, "sku", "name")):
                    path = (*ip.path, "sku", "name")
                    fix = FixSpec("use the Standard SKU", path, "Standard")
                yield Finding.at(
                    ip,
                    f"{label(ctx, ip)} uses the retired Basic SKU",
                    "sku",
                    "name",
                    fix=fix,
                    hint="use the Standard SKU (it requires Static allocation)",
                )
