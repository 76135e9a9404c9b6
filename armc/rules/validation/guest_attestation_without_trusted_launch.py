"""AZV056: the guest attestation extension needs a Trusted Launch (or confidential) VM."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.rules.provenance import label
from armc.semantics.compute import VM
from armc.semantics.reader import display_name, known_text

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext

EXTENSION = "microsoft.compute/virtualmachines/extensions"
SECURE_TYPES = ("trustedlaunch", "confidentialvm")


class GuestAttestationWithoutTrustedLaunch(Rule):
    id = "AZV056"
    name = "guest-attestation-without-trusted-launch"
    category = "validation"
    default_severity = "error"
    resource_types = (EXTENSION,)
    summary = "The GuestAttestation extension only works on Trusted Launch or confidential VMs."
    rationale = (
        "Guest attestation measures the boot chain with the VM's virtual TPM and secure boot. "
        "On a VM without `securityProfile.securityType` TrustedLaunch (or ConfidentialVM) "
        "there is nothing to attest: the extension fails to provision and the deployment "
        "fails with it."
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        vms = {display_name(ctx, vm).lower(): vm for vm in ctx.resources(VM)}
        for extension in ctx.resources(EXTENSION):
            kind = known_text(ctx, extension, "properties", "type")
            if kind is None or kind.lower() != "guestattestation":
                continue
            parent, slash, _ = display_name(ctx, extension).partition("/")
            vm = vms.get(parent.lower()) if slash else None
            if vm is None:
                continue
            security = ctx.value(vm, "properties", "securityProfile", "securityType")
            if ctx.is_unknown(security):
                continue
            if isinstance(security, str) and security.lower() in SECURE_TYPES:
                continue
            yield Finding(
                f"extension '{display_name(ctx, extension)}' attests the boot of "
                f"{label(ctx, vm)}, which is not a Trusted Launch VM",
                (*extension.path, "properties", "type"),
                extension.key,
                hint="set securityProfile.securityType to TrustedLaunch with secure boot and "
                "vTPM, or remove the extension",
                related=(((*vm.path, "properties"), "the VM"),),
            )
