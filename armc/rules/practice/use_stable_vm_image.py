"""AZP006: VMs should not use preview images."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.rules.provenance import label, origin
from armc.semantics.compute import VM, VMSS, image_reference
from armc.semantics.reader import known_text

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


class UseStableVmImage(Rule):
    id = "AZP006"
    name = "use-stable-vm-image"
    category = "practice"
    default_severity = "warning"
    resource_types = (VM, VMSS)
    summary = "VM images should not be previews."
    rationale = (
        "Preview images (an offer, SKU or version containing 'preview') are not supported "
        "for production, can change without notice and are removed from the marketplace, "
        "which breaks redeployments and scale-outs. Use the generally available image."
    )
    equivalents = ("bicep:use-stable-vm-image", "arm-ttk:Virtual-Machines-Should-Not-Be-Preview")

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for resource in ctx.resources(VM, VMSS):
            ref = image_reference(ctx, resource)
            for field in ("offer", "sku", "version"):
                value = known_text(ctx, resource, *ref, field)
                if value is None or "preview" not in value.lower():
                    continue
                where = origin(ctx, resource, *ref, field, value=value)
                yield Finding.at(
                    resource,
                    f"{label(ctx, resource)} uses the preview image {field} '{value}'{where}",
                    *ref,
                    field,
                    hint="use the generally available image",
                )
