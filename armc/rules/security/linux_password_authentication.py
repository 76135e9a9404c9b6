"""AZS001: Linux VMs and scale sets should not allow SSH password authentication."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.alternatives import Alternative, is_unknown, member
from armc.rules.base import Finding, FixSpec, Rule
from armc.rules.provenance import label
from armc.rules.security.linux_login import linux_login_findings
from armc.rules.support import as_bool, is_literal, raw_at
from armc.semantics.compute import VM, VMSS, os_without_linux_configuration, profile

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext
    from armc.model.template import Resource


class LinuxPasswordAuthentication(Rule):
    id = "AZS001"
    name = "linux-password-authentication"
    category = "security"
    default_severity = "warning"
    resource_types = (VM, VMSS)
    summary = "Linux virtual machines should disable SSH password authentication."
    rationale = (
        "Passwords can be guessed or brute-forced; SSH public keys cannot. Set "
        "`osProfile.linuxConfiguration.disablePasswordAuthentication` to `true` and provide "
        "`ssh.publicKeys`. When the property is absent, or a Linux machine has no "
        "`linuxConfiguration` at all, Azure allows passwords. A `linuxConfiguration` chosen by "
        "a parameter (`if(equals(parameters('authenticationType'), 'password'), null(), ...)`) "
        "is checked for each allowed value of the parameter, and the finding names the value "
        "that enables passwords. armc judges Linux machines only: checkov's CKV_AZURE_1 and "
        "CKV_AZURE_49 also fail Windows machines whose image publisher is not a literal "
        "naming Windows or Microsoft."
    )
    equivalents = (
        "CKV_AZURE_1",
        "CKV_AZURE_49",
        "CKV_AZURE_149",
        "psrule:Azure.VM.PublicKey",
        "psrule:Azure.VMSS.PublicKey",
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        return linux_login_findings(ctx, self._judge)

    def _judge(
        self, ctx: RuleContext, resource: Resource, alt: Alternative, linux_elsewhere: bool
    ) -> Finding | None:
        os_profile = (*profile(resource), "osProfile")
        linux = alt.value
        if is_unknown(ctx, linux):
            return None  # not known before deployment
        if linux is None:
            if not linux_elsewhere and os_without_linux_configuration(ctx, resource) != "linux":
                return None  # Windows, or an OS armc cannot tell
            return Finding.at(
                resource,
                f"{label(ctx, resource)} runs Linux without linuxConfiguration"
                f"{alt.suffix()}, so SSH password authentication stays enabled",
                *os_profile,
                *(("linuxConfiguration",) if alt.when else ()),
                hint="set linuxConfiguration.disablePasswordAuthentication to true and use "
                "ssh.publicKeys",
            )
        if not isinstance(linux, dict):
            return None
        setting = member(ctx, alt, "disablePasswordAuthentication")
        if is_unknown(ctx, setting) or as_bool(setting) is True:
            return None
        if setting is None:
            return Finding.at(
                resource,
                f"{label(ctx, resource)} does not set disablePasswordAuthentication{alt.suffix()}, "
                "so SSH password authentication stays enabled",
                *os_profile,
                "linuxConfiguration",
                hint="set linuxConfiguration.disablePasswordAuthentication to true and use "
                "ssh.publicKeys",
            )
        path = (*os_profile, "linuxConfiguration", "disablePasswordAuthentication")
        fix = None
        if alt.when is None and is_literal(raw_at(resource, *path)):
            fix = FixSpec("disable password authentication", resource.path + path, True)
        at = path if alt.when is None else path[:-1]
        return Finding.at(
            resource,
            f"{label(ctx, resource)} enables SSH password authentication{alt.suffix()}",
            *at,
            fix=fix,
            hint="use ssh.publicKeys instead of a password",
        )
