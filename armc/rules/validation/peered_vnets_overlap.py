"""AZV055: peered virtual networks must not have overlapping address spaces."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.semantics.network import parse_resource_id, parse_resource_id_call, vnet_prefixes
from armc.semantics.reader import display_name

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext

VNET = "microsoft.network/virtualnetworks"
PEERING = "microsoft.network/virtualnetworks/virtualnetworkpeerings"


class PeeredVnetsOverlap(Rule):
    id = "AZV055"
    name = "peered-vnets-overlap"
    category = "validation"
    default_severity = "error"
    resource_types = (PEERING,)
    summary = "Two peered virtual networks cannot have overlapping address spaces."
    rationale = (
        "Peering joins two address spaces into one routing domain; Azure rejects a peering "
        "whose remote network overlaps the local one, since packets could not be routed."
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        vnets = {display_name(ctx, v).lower(): v for v in ctx.resources(VNET)}
        for peering in ctx.resources(PEERING):
            local_name, slash, _ = display_name(ctx, peering).partition("/")
            remote_id = ctx.value(peering, "properties", "remoteVirtualNetwork", "id")
            if not slash or not isinstance(remote_id, str) or ctx.is_unknown(remote_id):
                continue
            parsed = (
                parse_resource_id_call(remote_id)
                if remote_id.startswith("[")
                else parse_resource_id(remote_id)
            )
            if parsed is None or parsed[0] != VNET:
                continue
            local, remote = vnets.get(local_name.lower()), vnets.get(parsed[1][0].lower())
            if local is None or remote is None:
                continue
            mine, theirs = vnet_prefixes(ctx, local), vnet_prefixes(ctx, remote)
            overlap = next(
                (
                    (a, b)
                    for a in mine or []
                    for b in theirs or []
                    if a.version == b.version and a.overlaps(b)
                ),
                None,
            )
            if overlap is None:
                continue
            yield Finding(
                f"peering '{display_name(ctx, peering)}' joins overlapping address spaces "
                f"{overlap[0]} and {overlap[1]}",
                (*peering.path, "properties", "remoteVirtualNetwork", "id"),
                peering.key,
                hint="re-address one of the networks before peering them",
            )
