"""AZS006: management ports of a VM must not be reachable from the Internet."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, ClassVar

from armc.rules.base import Finding, Option, Rule
from armc.rules.provenance import label
from armc.semantics.compute import VM, VMSS
from armc.semantics.reachability import Exposure, exposures

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext

PORT_NAMES = {22: "SSH", 23: "Telnet", 3389: "RDP", 5985: "WinRM", 5986: "WinRM over HTTPS"}


def describe(exposure: Exposure, port: int | None = None) -> str:
    """`TCP 22 (SSH)` or `TCP 8000-8080`."""
    what = str(port) if port is not None else str(exposure.ports)
    if port is not None and port in PORT_NAMES:
        what += f" ({PORT_NAMES[port]})"
    return f"{exposure.protocol.upper()} {what}"


def entry_text(exposure: Exposure) -> str:
    front = exposure.frontend_port
    if front is not None and front != exposure.ports.low:
        return f"{exposure.entry} (frontend port {front})"
    return exposure.entry


def finding(ctx: RuleContext, exposure: Exposure, message: str) -> Finding:
    """A finding on the step that lets the traffic in (an NSG rule, or the entry), with the
    whole path as related locations (SARIF code flow)."""
    steps = exposure.steps
    decisive = next((s for s in reversed(steps[:-1]) if "NSG" in s[1]), steps[0])
    return Finding(
        message,
        decisive[0],
        exposure.vm.key,
        hint="restrict the NSG rule's sources, remove the public IP, or use Azure Bastion",
        related=tuple(steps),
    )


class VmManagementPortExposed(Rule):
    id = "AZS006"
    related_is_path: ClassVar[bool] = True
    """The related locations are the network path (SARIF renders a code flow)."""
    name = "vm-management-port-exposed"
    category = "security"
    default_severity = "error"
    resource_types = (VM, VMSS)
    summary = "VM management ports must not be reachable from the Internet."
    rationale = (
        "armc follows the traffic: from a public IP on the VM's NIC (or on each scale-set "
        "instance), or a public load balancer's rule, inbound NAT rule or NAT pool, through "
        "the subnet's NSG and the NIC's NSG (both must allow, each evaluated in priority "
        "order with Azure's default rules), to the VM. "
        "SSH, RDP and WinRM that the Internet can reach are scanned and brute-forced within "
        "minutes. Unlike a check of single NSG rules, this finds exposure through NAT rules "
        "and through Basic public IPs without any NSG, and stays silent when a NIC-level deny "
        "or the absence of a public path protects the VM. The finding lists the path. Ports "
        "that only may be reachable (an NSG outside the template, a source that is a "
        "parameter without a value) are reported with `include_uncertain`, and always by "
        "vm-internet-exposure."
    )
    options: ClassVar[Mapping[str, Option]] = {
        "ports": Option(list, [22, 23, 3389, 5985, 5986], "Ports that must stay private."),
        "include_uncertain": Option(
            bool,
            False,
            "Also report ports that may be reachable (an NSG outside the template, a rule "
            "whose values are only known at deployment).",
        ),
    }

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        ports = sorted({int(p) for p in self.settings["ports"]})
        for exposure in exposures(ctx):
            hit = [p for p in ports if exposure.ports.contains(p)]
            if not hit or exposure.protocol != "tcp":
                continue
            if not exposure.certain and not self.settings["include_uncertain"]:
                continue
            verb = ("are" if len(hit) > 1 else "is") + " reachable"
            if not exposure.certain:
                verb = "may be reachable"
            names = ", ".join(describe(exposure, p) for p in hit)
            message = (
                f"{label(ctx, exposure.vm)}: {names} {verb} from the Internet through "
                f"{entry_text(exposure)}"
            )
            yield finding(ctx, exposure, message)
