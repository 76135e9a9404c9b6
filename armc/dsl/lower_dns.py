"""Lowering of private DNS: the zone (location global), a virtual network link per `link`
(`NAME/VNET-link`, with auto-registration when asked) and an A record set per `record`."""

from __future__ import annotations

from armc.dsl import ir
from armc.dsl.lower_names import resource_id
from armc.dsl.lower_resources import ResourceLowering
from armc.dsl.values import Position

GLOBAL = "global"  # private DNS zones and their children are global resources
RECORD_TTL = 3600


def lower_dns_zone(
    resources: ResourceLowering, zone: ir.DnsZoneDecl, name: str, index: Position
) -> None:
    lowering = resources.lw
    pending, condition = resources.start_declaration("dns-zone", name, zone, index)
    pending.body.set(("location",), GLOBAL, zone.common.span)
    pending.body.set(("properties",), {}, zone.common.span)
    resources.finish_declaration(pending, zone, condition)
    for link in zone.links:
        child = lowering.start("dns-link", f"{name}/{link.vnet.text}-link", zone.common.span)
        child.copy_index = index
        lowering.location_and_tags(child, zone.common, index)
        child.body.set(("location",), GLOBAL, link.span)
        child.body.set(
            ("properties",),
            {
                "virtualNetwork": {"id": resource_id("vnet", link.vnet.text)},
                "registrationEnabled": link.registration is not None,
            },
            link.span,
        )
        child.depend(pending.key, link.span, ())
        child.depend(
            f"vnet:{link.vnet.text}", link.vnet.span, ("properties", "virtualNetwork", "id")
        )
        resources.finish_declaration(child, zone, condition)
    for record in zone.records:
        child = lowering.start("dns-a", f"{name}/{record.name.text}", zone.common.span)
        child.copy_index = index
        child.body.set(
            ("properties",),
            {
                "ttl": RECORD_TTL,
                "aRecords": [
                    {"ipv4Address": lowering.json(address, index)} for address in record.addresses
                ],
            },
            record.span,
        )
        child.depend(pending.key, record.span, ())
        resources.finish_declaration(child, zone, condition)
