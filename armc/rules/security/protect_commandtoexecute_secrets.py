"""AZS012: custom script commands that use secrets belong in protectedSettings."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.model.template import JsonPath, Resource
from armc.rules.base import Finding, Rule
from armc.rules.provenance import label
from armc.rules.support import (
    calls_list_function,
    parameter_references,
    raw_at,
    secure_parameters,
    walk_strings,
)
from armc.semantics.compute import EXTENSIONS, VMSS, extensions

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext

_COMMANDS = ("commandtoexecute", "script")
"""The settings that run: a SAS token in `fileUris` is the documented quickstart pattern
(`_artifactsLocationSasToken`) that the Bicep linter and arm-ttk accept too."""


class ProtectCommandToExecuteSecrets(Rule):
    id = "AZS012"
    name = "protect-commandtoexecute-secrets"
    category = "security"
    default_severity = "error"
    resource_types = (*EXTENSIONS, VMSS)
    summary = "A script extension's command that uses secrets must be in protectedSettings."
    rationale = (
        "An extension's `settings` are stored in clear text and returned by the VM's "
        "instance view; only `protectedSettings` are encrypted and never returned. A "
        "`commandToExecute` (or `script`) in `settings` that uses a secure parameter or a "
        "list*() function such as listKeys() leaks the secret to anyone who can read the VM."
    )
    equivalents = (
        "bicep:protect-commandtoexecute-secrets",
        "arm-ttk:CommandToExecute-Must-Use-ProtectedSettings-For-Secrets",
        "psrule:Azure.VM.ScriptExtensions",
        "psrule:Azure.VMSS.ScriptExtensions",
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        secure = secure_parameters(ctx)
        for resource, base in extensions(ctx):
            yield from self._settings(ctx, resource, base, secure)

    def _settings(
        self, ctx: RuleContext, resource: Resource, base: JsonPath, secure: dict[str, str]
    ) -> Iterator[Finding]:
        settings = raw_at(resource, *base, "settings")
        if not isinstance(settings, dict):
            return
        for subpath, text in walk_strings(settings):
            if not subpath or str(subpath[0]).lower() not in _COMMANDS:
                continue
            leaked = [secure[p] for p in parameter_references(text) if p in secure]
            if not leaked and not calls_list_function(text):
                continue
            what = f"secure parameter '{leaked[0]}'" if leaked else "a list*() function"
            field = ".".join(str(s) for s in subpath)
            yield Finding.at(
                resource,
                f"{label(ctx, resource)} puts {what} in settings.{field}, which is stored "
                "in clear text",
                *base,
                "settings",
                *subpath,
                hint="move the value (or the whole commandToExecute) to protectedSettings",
            )
