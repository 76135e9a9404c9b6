"""AZR004: probes of web ports should be HTTP(S) probes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.rules.provenance import label
from armc.semantics.reader import known_list, known_text

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext

_WEB_PORTS = {80: "Http", 443: "Https"}


class LbProbeWebProtocol(Rule):
    id = "AZR004"
    name = "lb-probe-web-protocol"
    category = "reliability"
    default_severity = "warning"
    resource_types = ("Microsoft.Network/loadBalancers",)
    summary = "Load balancer probes on ports 80 and 443 should be HTTP(S) probes with a path."
    rationale = (
        "A TCP probe only checks that the port accepts connections: a web server that "
        "answers every request with an error still looks healthy and keeps receiving "
        "traffic. Probe a health endpoint with an HTTP or HTTPS probe and a `requestPath`."
    )
    equivalents = ("psrule:Azure.LB.Probe",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for lb in ctx.resources("Microsoft.Network/loadBalancers"):
            for path, _ in known_list(ctx, lb, "properties", "probes"):
                props = (*path, "properties")
                protocol = known_text(ctx, lb, *props, "protocol")
                port = known_text(ctx, lb, *props, "port")
                if protocol is None or port is None or not port.isdigit():
                    continue
                wanted = _WEB_PORTS.get(int(port))
                if wanted is None or protocol.lower() != "tcp":
                    continue
                name = known_text(ctx, lb, *path, "name") or "a probe"
                yield Finding.at(
                    lb,
                    f"{label(ctx, lb)} probe '{name}' checks port {port} over TCP",
                    *props,
                    "protocol",
                    hint=f"use protocol {wanted} with a requestPath such as '/health'",
                )
