"""AZS007: every VM port the Internet can reach, with the path (an inventory)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar

from armc.rules.base import Finding, Rule
from armc.rules.provenance import label
from armc.rules.security.vm_management_port_exposed import describe, entry_text, finding
from armc.semantics.compute import VM, VMSS
from armc.semantics.reachability import exposures

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


class VmInternetExposure(Rule):
    id = "AZS007"
    related_is_path: ClassVar[bool] = True
    """The related locations are the network path (SARIF renders a code flow)."""
    name = "vm-internet-exposure"
    category = "security"
    default_severity = "info"
    resource_types = (VM, VMSS)
    summary = "Lists each VM port reachable from the Internet, with the path that reaches it."
    rationale = (
        "The effective inbound exposure of a deployment is what a reviewer needs to see: "
        "which VM ports the Internet reaches, through which public IP or load-balancer rule, "
        "and which NSG rules let the traffic in. armc evaluates the subnet and NIC NSGs in "
        "priority order (with Azure's default rules) for each public path and reports one "
        "finding per reachable port range, with the path as related locations (a SARIF code "
        "flow). Ports opened on purpose, such as 443 on a web tier, are expected here."
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for exposure in exposures(ctx):
            verb = "accepts" if exposure.certain else "may accept"
            message = (
                f"{label(ctx, exposure.vm)} {verb} {describe(exposure)} from the Internet "
                f"through {entry_text(exposure)}"
            )
            yield finding(ctx, exposure, message)
