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
        # A string reports the first host in its lower-cased self with the excluded names
        # removed (one after the other; nothing to remove is the string itself). With no
        # newline in an excluded name, removing them from newline-joined strings removes them
        # from each: a host is in a string's reduced text only if it is in the joined reduced
        # text of the template, then of the string's declaration, which are searched first.
        joinable = not any("\n" in name for name in excluded)
        if joinable:
            text = _reduced(_all_text(ctx.template), excluded)
            if not any(map(text.__contains__, _shortest(tuple(hosts)))):
                return  # no string holds any of the hosts: nothing to report
        owners = {r.path: r.key for r in ctx.template.resources}
        for declaration in declarations(ctx.template):
            candidates = hosts
            if joinable:
                reduced = _reduced("\n".join(declaration.texts).lower(), excluded)
                candidates = [h for h in hosts if h in reduced]
                if not candidates:
                    continue
            for path, text in walk_strings(declaration.value, declaration.path):
                host = next(filter(_reduced(text.lower(), excluded).__contains__, candidates), None)
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


def _all_text(template: Template) -> str:
    """Every string of the template, newline-joined (each declaration's in C), lower-cased."""
    return "\n".join(["\n".join(d.texts) for d in declarations(template)]).lower()


def _reduced(text: str, excluded: list[str]) -> str:
    """`text` without the excluded names, removed one after the other."""
    for name in excluded:
        text = text.replace(name, "")
    return text


@functools.lru_cache(maxsize=8)
def _shortest(names: tuple[str, ...]) -> tuple[str, ...]:
    """`names` without those that contain another one (which would be found first)."""
    return tuple(
        name for name in names if not any(other != name and other in name for other in names)
    )
