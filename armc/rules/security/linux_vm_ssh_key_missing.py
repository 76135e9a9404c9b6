"""AZS017: Linux VMs should have an SSH public key."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.alternatives import Alternative, is_unknown, member
from armc.rules.base import Finding, Rule
from armc.rules.provenance import label
from armc.rules.security.linux_login import linux_login_findings
from armc.semantics.compute import VM, VMSS, os_without_linux_configuration, profile

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext
    from armc.model.template import Resource


class LinuxVmSshKeyMissing(Rule):
    id = "AZS017"
    name = "linux-vm-ssh-key-missing"
    category = "security"
    default_severity = "warning"
    resource_types = (VM, VMSS)
    summary = "Linux VMs and scale sets should be given an SSH public key."
    rationale = (
        "Without `linuxConfiguration.ssh.publicKeys` the only way in is a password, which "
        "can be guessed. Give the machine an SSH public key (and then disable password "
        "authentication, see linux-password-authentication). A `linuxConfiguration` chosen by "
        "a parameter is checked for each allowed value, and the finding names the value that "
        "leaves the machine without a key. armc only checks Linux machines: checkov's "
        "CKV_AZURE_178 also fails Windows VMs, which cannot have SSH keys."
    )
    equivalents = ("CKV_AZURE_178",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        return linux_login_findings(ctx, _judge)


def _judge(
    ctx: RuleContext, resource: Resource, alt: Alternative, linux_elsewhere: bool
) -> Finding | None:
    linux = (*profile(resource), "osProfile", "linuxConfiguration")
    config = alt.value
    if is_unknown(ctx, config):
        return None
    if config is None:
        # no Linux settings at all (often `if(password, null(), ...)`): a Linux image then
        # means password-only login
        if not linux_elsewhere and os_without_linux_configuration(ctx, resource) != "linux":
            return None
        where = linux if alt.when else linux[:-1]
        return Finding.at(
            resource,
            f"{label(ctx, resource)} runs Linux without linuxConfiguration{alt.suffix()}, so it "
            "has no SSH public key",
            *where,
            hint="add linuxConfiguration.ssh.publicKeys with the key from a parameter",
        )
    if not isinstance(config, dict):
        return None
    keys = member(ctx, alt, "ssh", "publicKeys")
    if is_unknown(ctx, keys) or (isinstance(keys, list) and keys):
        return None
    return Finding.at(
        resource,
        f"{label(ctx, resource)} has no SSH public key{alt.suffix()}",
        *linux,
        hint="add linuxConfiguration.ssh.publicKeys with the key from a parameter",
    )
