"""Lowering of placement: `ppg` (a proximity placement group), `host-group` (a dedicated host
group and its hosts) and what a vm or vmss says about them (`host`, `ppg`, `spot`)."""

from __future__ import annotations

from typing import Any

from armc.dsl import ir
from armc.dsl.lower_names import Pending, resource_id
from armc.dsl.lower_resources import ResourceLowering
from armc.dsl.passes.placement import fault_domain_count, max_price
from armc.dsl.values import Position
from armc.model.template import JsonPath

SPOT_DEFAULT_MAX_PRICE = -1  # ARM: pay up to the pay-as-you-go price, never evict for price


def lower_placement(
    resources: ResourceLowering, declaration: ir.PpgDecl | ir.HostGroupDecl
) -> None:
    from armc.dsl.lower import iter_instances

    for name, index in iter_instances(resources.lw, declaration):
        if isinstance(declaration, ir.PpgDecl):
            _ppg(resources, declaration, name, index)
        else:
            _host_group(resources, declaration, name, index)


def _ppg(resources: ResourceLowering, ppg: ir.PpgDecl, name: str, index: Position) -> None:
    pending, condition = resources.start_declaration("ppg", name, ppg, index)
    resources.zones(pending, ppg.zones, index)
    pending.body.set(("properties", "proximityPlacementGroupType"), "Standard", ppg.common.span)
    resources.finish_declaration(pending, ppg, condition)


def _host_group(
    resources: ResourceLowering, group: ir.HostGroupDecl, name: str, index: Position
) -> None:
    pending, condition = resources.start_declaration("host-group", name, group, index)
    resources.zones(pending, group.zones, index)
    body = pending.body
    body.set(
        ("properties", "platformFaultDomainCount"),
        fault_domain_count(group) or 1,
        group.fault_domains.span if group.fault_domains else group.common.span,
    )
    automatic = group.automatic_placement
    body.set(
        ("properties", "supportAutomaticPlacement"),
        automatic is not None and automatic.enabled,
        automatic.span if automatic else group.common.span,
    )
    resources.finish_declaration(pending, group, condition)
    for host in group.hosts:
        # rooted at the group's declaration, so `armc explain` shows hosts with their group
        host_pending = resources.lw.start("host", f"{name}/{host.name}", group.common.span)
        host_pending.body.span(("name",), host.name_span)
        host_pending.copy_index = index
        resources.lw.location_and_tags(host_pending, group.common, index)
        host_body = host_pending.body
        host_body.set(("sku",), {"name": resources.lw.json(host.sku, index)}, host.sku.span)
        fault_domain: Any = 0
        if host.fault_domain is not None:
            fault_domain = resources.lw.int_json(host.fault_domain, "a fault domain", index)
        host_body.set(
            ("properties", "platformFaultDomain"),
            fault_domain,
            host.fault_domain.span if host.fault_domain else host.span,
        )
        host_body.set(("properties", "autoReplaceOnFailure"), True, host.span)
        host_pending.depend(pending.key, host.span, ())
        resources.finish_declaration(host_pending, group, condition)


def placement(pending: Pending, compute: ir.ComputeDecl, base: JsonPath, profile: JsonPath) -> None:
    """`host`, `ppg` and `spot` of a vm (base and profile are `properties`) or a vmss (base is
    `properties`, profile its `virtualMachineProfile`)."""
    body = pending.body
    if compute.ppg is not None:
        path = (*base, "proximityPlacementGroup")
        body.set(path, {"id": resource_id("ppg", compute.ppg.text)}, compute.ppg.span)
        pending.depend(f"ppg:{compute.ppg.text}", compute.ppg.span, (*path, "id"))
    if compute.host is not None:
        group, dot, host = compute.host.text.partition(".")
        if dot:
            path = (*base, "host")
            body.set(path, {"id": resource_id("host", group, host)}, compute.host.span)
            pending.depend(f"host:{group}/{host}", compute.host.span, (*path, "id"))
        else:
            path = (*base, "hostGroup")
            body.set(path, {"id": resource_id("host-group", group)}, compute.host.span)
            pending.depend(f"host-group:{group}", compute.host.span, (*path, "id"))
    spot = compute.spot
    if spot is not None:
        body.set((*profile, "priority"), "Spot", spot.span)
        eviction = spot.eviction.text.capitalize() if spot.eviction else "Deallocate"
        body.set(
            (*profile, "evictionPolicy"),
            eviction,
            spot.eviction.span if spot.eviction else spot.span,
        )
        price = max_price(spot)
        body.set(
            (*profile, "billingProfile"),
            {"maxPrice": price if price is not None else SPOT_DEFAULT_MAX_PRICE},
            spot.max_price.span if spot.max_price else spot.span,
        )
