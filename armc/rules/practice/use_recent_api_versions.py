"""AZP005: apiVersions should be recent."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, ClassVar

from armc.data import api_versions_by_lower_type, load
from armc.rules.base import Finding, FixSpec, Option, Rule
from armc.rules.provenance import label

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


def _date(version: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(version[:10])
    except ValueError:
        return None


class UseRecentApiVersions(Rule):
    id = "AZP005"
    name = "use-recent-api-versions"
    category = "practice"
    default_severity = "warning"
    summary = "Resource apiVersions should be less than two years older than the current one."
    rationale = (
        "Old apiVersions miss properties (Trusted Launch, deletion options, new SKUs) and "
        "default insecurely (storage accounts before 2019-04-01 allow HTTP), and Azure "
        "eventually retires them. A preview apiVersion can change or disappear. armc compares "
        "each apiVersion with the current stable one in its dated catalogue "
        "(`armc/data/api_versions.json`); the age is counted from the catalogue's date, so "
        "the result does not drift from day to day."
    )
    equivalents = ("bicep:use-recent-api-versions", "arm-ttk:apiVersions-Should-Be-Recent")
    options: ClassVar[Mapping[str, Option]] = {
        "max_age_days": Option(int, 730, "How much older than the catalogue's date is allowed."),
    }

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        current = api_versions_by_lower_type()
        as_of = _as_of()
        limit = as_of - dt.timedelta(days=int(self.settings["max_age_days"]))
        for resource in ctx.template.resources:
            latest = current.get(resource.type_lower)
            version = resource.body.get("apiVersion")
            if latest is None or not isinstance(version, str) or version.startswith("["):
                continue
            written = _date(version)
            if written is None or version == latest:
                continue
            preview = "preview" in version.lower()
            if not preview and written >= limit:
                continue
            why = "a preview" if preview else f"more than {self.settings['max_age_days']} days old"
            fix = FixSpec(f"use apiVersion {latest}", (*resource.path, "apiVersion"), latest)
            yield Finding.at(
                resource,
                f"{label(ctx, resource)} uses apiVersion {version}, {why}; the current one "
                f"is {latest}",
                "apiVersion",
                fix=fix if not preview else None,
                hint="check the resource's properties against the newer apiVersion",
            )


@functools.cache
def _as_of() -> dt.date:
    return dt.date.fromisoformat(load("api_versions.json")["as_of"])
