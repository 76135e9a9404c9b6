"""AZV011: Trusted Launch and Confidential VMs need a generation 2 image."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.rules.provenance import label, origin
from armc.semantics.compute import VM, VMSS, image_of, image_reference, profile, size_of

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


class TrustedLaunchImageGeneration(Rule):
    id = "AZV011"
    name = "trusted-launch-image-generation"
    category = "validation"
    default_severity = "error"
    resource_types = (VM, VMSS)
    summary = "Trusted Launch needs a generation 2 image and a size that supports it."
    rationale = (
        "`securityProfile.securityType` TrustedLaunch (or ConfidentialVM) boots with UEFI, "
        "secure boot and a vTPM, which only generation 2 images have. With a generation 1 "
        "image (for example Canonical UbuntuServer 18.04-LTS or WindowsServer "
        "2019-Datacenter) or a size without generation 2 support the deployment fails. Use "
        "the image's gen2 SKU."
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for resource in ctx.resources(VM, VMSS):
            base = profile(resource)
            kind = ctx.value(resource, *base, "securityProfile", "securityType")
            if not isinstance(kind, str) or ctx.is_unknown(kind):
                continue
            if kind.lower() not in ("trustedlaunch", "confidentialvm"):
                continue
            image = image_of(ctx, resource)
            if image is not None and image.generation == "V1":
                sku_path = (*image_reference(ctx, resource), "sku")
                where = origin(ctx, resource, *sku_path, value=image.sku)
                yield Finding.at(
                    resource,
                    f"{label(ctx, resource)} uses {kind} with the generation 1 image "
                    f"{image.offer}:{image.sku}{where}",
                    *sku_path,
                    hint="use the generation 2 SKU of the image",
                )
            name, size = size_of(ctx, resource)
            if size is not None and "V2" not in size.generations:
                yield Finding.at(
                    resource,
                    f"{label(ctx, resource)} uses {kind} but size {name} has no generation 2 "
                    "support",
                    *base,
                    "securityProfile",
                    "securityType",
                )
