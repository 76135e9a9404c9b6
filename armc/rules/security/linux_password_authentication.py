"""AZS001: Linux VMs and scale sets should not allow SSH password authentication."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, FixSpec, Rule
from armc.rules.support import as_bool, is_literal, raw_at

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext

_PROFILES: dict[str, tuple[str, ...]] = {
    "microsoft.compute/virtualmachines": ("properties", "osProfile"),
    "microsoft.compute/virtualmachinescalesets": (
        "properties",
        "virtualMachineProfile",
        "osProfile",
    ),
}


class LinuxPasswordAuthentication(Rule):
    id = "AZS001"
    name = "linux-password-authentication"
    category = "security"
    default_severity = "warning"
    summary = "Linux virtual machines should disable SSH password authentication."
    rationale = (
        "Passwords can be guessed or brute-forced; SSH public keys cannot. Set "
        "`osProfile.linuxConfiguration.disablePasswordAuthentication` to `true` and provide "
        "`ssh.publicKeys`. When the property is absent Azure allows passwords."
    )
    equivalents = (
        "CKV_AZURE_1",
        "CKV_AZURE_49",
        "CKV_AZURE_149",
        "psrule:Azure.VM.PublicKey",
        "psrule:Azure.VMSS.PublicKey",
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for resource in ctx.resources(*_PROFILES):
            profile = _PROFILES[resource.type_lower]
            linux = ctx.value(resource, *profile, "linuxConfiguration")
            if linux is None or ctx.is_unknown(linux):
                continue  # not a Linux machine, or not known before deployment
            setting = ctx.value(
                resource, *profile, "linuxConfiguration", "disablePasswordAuthentication"
            )
            if ctx.is_unknown(setting):
                continue
            disabled = as_bool(setting)
            if disabled is True:
                continue
            if setting is None:
                yield Finding.at(
                    resource,
                    f"'{resource.key}' does not set disablePasswordAuthentication, so SSH "
                    "password authentication stays enabled",
                    *profile,
                    "linuxConfiguration",
                    hint="set linuxConfiguration.disablePasswordAuthentication to true and "
                    "use ssh.publicKeys",
                )
            else:
                path = (*profile, "linuxConfiguration", "disablePasswordAuthentication")
                fix = None
                if is_literal(raw_at(resource, *path)):
                    fix = FixSpec("disable password authentication", resource.path + path, True)
                yield Finding.at(
                    resource,
                    f"'{resource.key}' enables SSH password authentication",
                    *path,
                    fix=fix,
                    hint="use ssh.publicKeys instead of a password",
                )
