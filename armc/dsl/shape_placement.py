"""Shaping placement declarations: proximity placement groups (`ppg`), dedicated host groups
with their hosts (`host-group`), and the `spot` setting of a vm or vmss."""

from __future__ import annotations

from armc.dsl import ir
from armc.dsl.clause_reader import COMMON_CLAUSES, ClauseShaper, Settings

EVICTION_POLICIES = ("deallocate", "delete")
HOST_GROUP_CLAUSES = ("fault-domains", "automatic-placement", "host", "zone", "zones")


class PlacementShapes(ClauseShaper):
    def ppg(self, clause: ir.Clause) -> ir.PpgDecl | None:
        """`ppg NAME [zones(N)]`."""
        reader = self._reader(clause)
        name = reader.arg("a name")
        header = reader.rest()
        self._only_zones(header)
        settings = self._settings(clause, ("zone", "zones", *COMMON_CLAUSES), "ppg")
        common = self._common(clause, settings, name, "ppg")
        if common is None:
            return None
        return ir.PpgDecl(common, self._zones(settings, header))

    def host_group(self, clause: ir.Clause) -> ir.HostGroupDecl | None:
        """`host-group NAME [zones(N)] { fault-domains N, automatic-placement, host ... }`."""
        reader = self._reader(clause)
        name = reader.arg("a name")
        header = reader.rest()
        self._only_zones(header)
        settings = self._settings(clause, (*HOST_GROUP_CLAUSES, *COMMON_CLAUSES), "host-group")
        common = self._common(clause, settings, name, "host-group")
        hosts = tuple(
            host for host in (self._host(c) for c in settings.all("host")) if host is not None
        )
        if common is None:
            return None
        return ir.HostGroupDecl(
            common,
            self._zones(settings, header),
            self._single_word(settings, "fault-domains", "a number of fault domains (1-3)"),
            self._flag(settings, "automatic-placement"),
            hosts,
        )

    def _host(self, clause: ir.Clause) -> ir.DedicatedHost | None:
        """`host NAME SKU [fault-domain N]`."""
        self._no_block(clause)
        reader = self._reader(clause)
        name = reader.word("a host name")
        sku = reader.word("a dedicated host SKU such as DSv5-Type1")
        fault_domain: ir.Word | None = None
        if reader.peek_word() == "fault-domain":
            reader.arg("fault-domain")
            fault_domain = reader.word("a fault domain number")
        reader.finish()
        if name is None or sku is None:
            return None
        return ir.DedicatedHost(name.text, name.span, sku, fault_domain, clause.span)

    def spot(self, settings: Settings) -> ir.Spot | None:
        """`spot [deallocate|delete] [max-price N]` (a vm or vmss setting)."""
        clause = self._single(settings, "spot")
        if clause is None:
            return None
        self._no_block(clause)
        reader = self._reader(clause)
        eviction: ir.Word | None = None
        max_price: ir.Word | None = None
        if reader.peek_word() in EVICTION_POLICIES:
            eviction = reader.word("an eviction policy")
        if reader.peek_word() == "max-price":
            reader.arg("max-price")
            max_price = reader.word("a price in US dollars per hour, such as 0.05")
        reader.finish()
        return ir.Spot(eviction, max_price, clause.span)
