"""AZS032: VMs with generation 2 images should use Trusted Launch."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.rules.provenance import label
from armc.semantics.compute import VM, VMSS, image_of, profile, size_of

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


class VmTrustedLaunch(Rule):
    id = "AZS032"
    name = "vm-trusted-launch"
    category = "security"
    default_severity = "info"
    resource_types = (VM, VMSS)
    summary = "VMs on generation 2 images should use Trusted Launch."
    rationale = (
        "Trusted Launch (secure boot and a virtual TPM) protects against boot kits and "
        "rootkits and enables measured boot and guest attestation, at no extra cost. armc "
        "suggests it when the image is a known generation 2 image and the size supports "
        "generation 2 (see trusted-launch-image-generation for the opposite mistake)."
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for resource in ctx.resources(VM, VMSS):
            base = profile(resource)
            security = ctx.value(resource, *base, "securityProfile", "securityType")
            if security is not None:
                continue
            image = image_of(ctx, resource)
            _, size = size_of(ctx, resource)
            if image is None or image.generation != "V2":
                continue
            if size is not None and "V2" not in size.generations:
                continue
            yield Finding.at(
                resource,
                f"{label(ctx, resource)} runs the generation 2 image {image.name} without "
                "Trusted Launch",
                *base,
                hint='set securityProfile to {"securityType": "TrustedLaunch", "uefiSettings": '
                '{"secureBootEnabled": true, "vTpmEnabled": true}}',
            )
