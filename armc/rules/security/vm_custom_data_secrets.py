"""AZS014: VM custom data must not carry credentials."""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.rules.provenance import label
from armc.semantics.compute import VM, VMSS, profile

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext

_PATTERNS = (
    ("a private key", re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----")),
    ("an AWS access key", re.compile(r"\bAKIA[0-9A-Z]{16}\b")),
    ("a storage account key", re.compile(r"AccountKey=[A-Za-z0-9+/=]{20,}")),
    ("a SAS token", re.compile(r"[?&]sig=[A-Za-z0-9%+/=]{20,}")),
    (
        "a password",
        re.compile(r"(password|passwd|pwd|secret)\s*[:=]\s*['\"]?[^\s'\"$]{4,}", re.IGNORECASE),
    ),
)


def _decoded(text: str) -> str:
    """The text of custom data: base64-decoded when it is base64, else as written."""
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return text
    return raw.decode("utf-8", errors="replace")


class VmCustomDataSecrets(Rule):
    id = "AZS014"
    name = "vm-custom-data-secrets"
    category = "security"
    default_severity = "error"
    resource_types = (VM, VMSS)
    summary = "VM custom data must not contain credentials."
    rationale = (
        "`osProfile.customData` is stored with the VM and readable on the VM by every process "
        "(and through the instance metadata service); a key or password in it is no secret. "
        "Fetch secrets at boot from Key Vault with the VM's managed identity. armc decodes "
        "base64 custom data and looks for private keys, access keys, SAS signatures and "
        "password assignments."
    )
    equivalents = ("CKV_AZURE_45",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for resource in ctx.resources(VM, VMSS):
            path = (*profile(resource), "osProfile", "customData")
            value = ctx.value(resource, *path)
            if not isinstance(value, str) or ctx.is_unknown(value):
                continue
            text = _decoded(value)
            found = next((what for what, pattern in _PATTERNS if pattern.search(text)), None)
            if found is None:
                continue
            yield Finding.at(
                resource,
                f"{label(ctx, resource)} custom data contains {found}",
                *path,
                hint="read secrets at boot from Key Vault with a managed identity",
            )
