"""AZP004: environment URLs should come from environment(), not literals."""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, ClassVar

from armc.model.template import Template
from armc.rules.base import Finding, Option, Rule
from armc.rules.support import declarations, walk_strings

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext

HOSTS = [
    "api.loganalytics.io",
    "asazure.windows.net",
    "azuredatalakeanalytics.net",
    "azuredatalakestore.net",
    "batch.core.windows.net",
    "core.windows.net",
    "database.windows.net",
    "datalake.azure.net",
    "gallery.azure.com",
    "graph.windows.net",
    "login.microsoftonline.com",
    "management.azure.com",
    "management.core.windows.net",
    "region.asazure.windows.net",
    "trafficmanager.net",
    "vault.azure.net",
]
EXCLUDED = ["schema.management.azure.com"]


class NoHardcodedEnvUrls(Rule):
    id = "AZP004"
    name = "no-hardcoded-env-urls"
    category = "practice"
    default_severity = "warning"
    summary = "Azure endpoint host names should come from environment(), not literals."
    rationale = (
        "Host names such as core.windows.net or login.microsoftonline.com differ between "
        "Azure clouds (public, US Government, China). A literal ties the template to one "
        "cloud; `environment().suffixes.storage` or `environment().authentication.loginEndpoint` "
        "work everywhere. Schema URLs are not reported."
    )
    equivalents = (
        "bicep:no-hardcoded-env-urls",
        "arm-ttk:DeploymentTemplate-Must-Not-Contain-Hardcoded-Uri",
    )
    options: ClassVar[Mapping[str, Option]] = {
        "hosts": Option(list, HOSTS, "Host names that must not be written literally."),
        "excluded": Option(list, EXCLUDED, "Host names that may be (schema hosts)."),
    }

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        # longest first (the most specific host is named), ties in text order: a set's order
        # varies with the hash seed, and a string may hold two hosts of one length
        hosts = sorted({str(h).lower() for h in self.settings["hosts"]}, key=lambda h: (-len(h), h))
        excluded = [str(h).lower() for h in self.settings["excluded"]]
        names = (*hosts, *excluded)
        if not _mentions(ctx.template, names):
            return  # no string holds any of the names: nothing to report
        owners = {r.path: r.key for r in ctx.template.resources}
        shortest = _shortest(names)
        for declaration in declarations(ctx.template):
            whole = "\n".join(declaration.texts).lower()
            if not any(map(whole.__contains__, shortest)):
                continue
            # a host in one of the strings is in their joined text too, unless removing an
            # excluded name made it: a string without one is searched for those hosts only
            candidates = [h for h in hosts if h in whole]
            for path, text in walk_strings(declaration.value, declaration.path):
                lowered = text.lower()
                if any(map(lowered.__contains__, excluded)):
                    for skip in excluded:
                        lowered = lowered.replace(skip, "")
                    host = next(filter(lowered.__contains__, hosts), None)
                else:
                    host = next(filter(lowered.__contains__, candidates), None)
                if host is None:
                    continue
                resource = next(
                    (owners[path[:n]] for n in range(len(path), 1, -1) if path[:n] in owners),
                    None,
                )
                yield Finding(
                    f"'{host}' is written literally; it differs between Azure clouds",
                    path,
                    resource,
                    hint="build it from environment(), e.g. environment().suffixes.storage",
                )


def _mentions(template: Template, names: tuple[str, ...]) -> bool:
    """Whether any string of the template contains one of `names` (lower-case, no newline):
    one search of all strings joined (each declaration's in C), case-folded once, for each
    name that does not contain another (where the longer is, the shorter is too)."""
    text = "\n".join(["\n".join(d.texts) for d in declarations(template)]).lower()
    return any(map(text.__contains__, _shortest(names)))


@functools.lru_cache(maxsize=8)
def _shortest(names: tuple[str, ...]) -> tuple[str, ...]:
    """`names` without those that contain another one (which would be found first)."""
    return tuple(
        name for name in names if not any(other != name and other in name for other in names)
    )
