"""Shared by the Linux login rules (AZS001, AZS017): each VM and scale set judged once per
value its `linuxConfiguration` can take. No rules here."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from armc.rules.alternatives import Alternative, alternatives
from armc.semantics.compute import VM, VMSS, profile

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext
    from armc.model.template import Resource
    from armc.rules.base import Finding

Judge = Callable[["RuleContext", "Resource", Alternative, bool], "Finding | None"]
"""(context, resource, one alternative of its linuxConfiguration, whether any alternative is
a Linux configuration) -> the finding about that alternative, if any."""


def linux_login_findings(ctx: RuleContext, judge: Judge) -> Iterator[Finding]:
    """For each VM and scale set that configures a login (an osProfile, known), the first
    finding `judge` makes among the alternatives of its linuxConfiguration."""
    for resource, choices, linux in _logins(ctx):
        for alternative in choices:
            finding = judge(ctx, resource, alternative, linux)
            if finding is not None:
                yield finding
                break


def _logins(ctx: RuleContext) -> list[tuple[Resource, list[Alternative], bool]]:
    """(resource, the alternatives of its linuxConfiguration, whether one is a Linux
    configuration) for each VM and scale set that configures a login: found once per run
    (both login rules judge them; evaluating the alternatives is the costly part)."""
    found: list[tuple[Resource, list[Alternative], bool]] | None = ctx.memo.get("logins")
    if found is not None:
        return found
    found = []
    for resource in ctx.resources(VM, VMSS):
        os_profile = (*profile(resource), "osProfile")
        settings = ctx.value(resource, *os_profile)
        if settings is None or ctx.is_unknown(settings):
            continue  # an attached OS disk: no login is configured here
        choices = alternatives(ctx, resource, *os_profile, "linuxConfiguration")
        linux = any(isinstance(choice.value, dict) for choice in choices)
        found.append((resource, choices, linux))
    ctx.memo["logins"] = found  # kept once whole (a rule that crashes here crashes alone)
    return found
