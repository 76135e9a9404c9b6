"""AZR005: VMs should not run operating systems past their end of life."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, ClassVar

from armc.rules.base import Finding, Option, Rule
from armc.rules.provenance import label, origin
from armc.semantics.compute import VM, VMSS, image_of, image_reference, lifecycle_as_of

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


class VmEndOfLifeImage(Rule):
    id = "AZR005"
    name = "vm-end-of-life-image"
    category = "reliability"
    default_severity = "warning"
    resource_types = (VM, VMSS)
    summary = "VMs should not use images whose OS is past (or near) its end of life."
    rationale = (
        "After its end of life an OS gets no security updates, and Azure removes its images "
        "from the marketplace, so new deployments and scale-outs fail. armc knows the "
        "lifecycle of common marketplace images (`armc/data/image_lifecycle.json`, dated) and "
        "compares it with that file's date, so results do not change from day to day; with "
        "`warn_days` it also reports images that reach their end of life soon after."
    )
    options: ClassVar[Mapping[str, Option]] = {
        "warn_days": Option(int, 0, "Also report images that reach end of life this soon."),
    }

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        today = dt.date.fromisoformat(lifecycle_as_of())
        horizon = today + dt.timedelta(days=int(self.settings["warn_days"]))
        for resource in ctx.resources(VM, VMSS):
            image = image_of(ctx, resource)
            if image is None or image.end_of_life is None:
                continue
            end = dt.date.fromisoformat(image.end_of_life)
            if end > horizon:
                continue
            sku_path = (*image_reference(ctx, resource), "sku")
            where = origin(ctx, resource, *sku_path, value=image.sku)
            state = "reached its end of life on" if end <= today else "reaches its end of life on"
            yield Finding.at(
                resource,
                f"{label(ctx, resource)} uses {image.name} ({image.offer}:{image.sku}{where}), "
                f"which {state} {end.isoformat()}",
                *sku_path,
                hint="move to a supported release (for example Ubuntu 24.04 LTS or Windows "
                "Server 2022)",
            )
