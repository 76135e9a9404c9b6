"""AZV057: custom data is base64 of at most 64 KiB."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.rules.provenance import label
from armc.semantics.compute import VM, VMSS, profile
from armc.semantics.reader import known_text

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext

MAX_BYTES = 65535


class CustomDataTooLarge(Rule):
    id = "AZV057"
    name = "custom-data-invalid"
    category = "validation"
    default_severity = "error"
    resource_types = (VM, VMSS)
    summary = "`osProfile.customData` must be base64 that decodes to at most 65,535 bytes."
    rationale = (
        "Azure passes custom data (cloud-init, scripts) to the VM as a base64 string whose "
        "decoded form is at most 64 KiB; longer data or text that is not base64 is rejected "
        "(`InvalidParameter`). Compress it, or fetch the bulk from storage at boot."
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for resource in ctx.resources(VM, VMSS):
            path = (*profile(resource), "osProfile", "customData")
            text = known_text(ctx, resource, *path)
            if text is None or text.startswith("["):
                continue
            try:
                size = len(base64.b64decode(text, validate=True))
            except (binascii.Error, ValueError):
                yield Finding(
                    f"{label(ctx, resource)} has customData that is not base64",
                    (*resource.path, *path),
                    resource.key,
                    hint="encode it with base64() or armc's 'custom-data FILE'",
                )
                continue
            if size > MAX_BYTES:
                yield Finding(
                    f"{label(ctx, resource)} has {size} bytes of customData; Azure takes at "
                    f"most {MAX_BYTES}",
                    (*resource.path, *path),
                    resource.key,
                    hint="gzip it (cloud-init reads gzip), or download the bulk at boot",
                )
