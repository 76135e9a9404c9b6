"""AZS017: Linux VMs should have an SSH public key."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.rules.provenance import label
from armc.semantics.compute import VM, VMSS, os_kind, profile

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


class LinuxVmSshKeyMissing(Rule):
    id = "AZS017"
    name = "linux-vm-ssh-key-missing"
    category = "security"
    default_severity = "warning"
    summary = "Linux VMs and scale sets should be given an SSH public key."
    rationale = (
        "Without `linuxConfiguration.ssh.publicKeys` the only way in is a password, which "
        "can be guessed. Give the machine an SSH public key (and then disable password "
        "authentication, see linux-password-authentication). armc only checks Linux "
        "machines: checkov's CKV_AZURE_178 also fails Windows VMs, which cannot have SSH keys."
    )
    equivalents = ("CKV_AZURE_178",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for resource in ctx.resources(VM, VMSS):
            linux = (*profile(resource), "osProfile", "linuxConfiguration")
            config = ctx.value(resource, *linux)
            if ctx.is_unknown(config):
                continue
            if config is None:
                # no Linux settings at all (often `if(password, null(), ...)`): a Linux
                # image then means password-only login
                if (
                    os_kind(ctx, resource) != "linux"
                    or ctx.value(resource, *profile(resource), "osProfile") is None
                ):
                    continue
                yield Finding.at(
                    resource,
                    f"{label(ctx, resource)} runs Linux without linuxConfiguration, so it has no "
                    "SSH public key",
                    *profile(resource),
                    "osProfile",
                    hint="add linuxConfiguration.ssh.publicKeys with the key from a parameter",
                )
                continue
            if not isinstance(config, dict):
                continue
            keys = ctx.value(resource, *linux, "ssh", "publicKeys")
            if ctx.is_unknown(keys) or (isinstance(keys, list) and keys):
                continue
            yield Finding.at(
                resource,
                f"{label(ctx, resource)} has no SSH public key",
                *linux,
                hint="add linuxConfiguration.ssh.publicKeys with the key from a parameter",
            )
