"""Shaping private DNS: `dns-zone NAME { link VNET [registration], record NAME A IP... }`."""

from __future__ import annotations

from armc.dsl import ir
from armc.dsl.clause_reader import COMMON_CLAUSES, ClauseShaper

RECORD_TYPES = ("a",)


class DnsShapes(ClauseShaper):
    def dns_zone(self, clause: ir.Clause) -> ir.DnsZoneDecl | None:
        reader = self._reader(clause)
        name = reader.arg("a zone name such as contoso.internal")
        reader.finish()
        settings = self._settings(clause, ("link", "record", *COMMON_CLAUSES), "dns-zone")
        common = self._common(clause, settings, name, "dns-zone")
        links: list[ir.DnsLink] = []
        for link in settings.all("link"):
            self._no_block(link)
            link_reader = self._reader(link)
            vnet = link_reader.word("a vnet name")
            registration = None
            if link_reader.peek_word() == "registration":
                registration = link_reader.arg("registration")
            link_reader.finish()
            if vnet is not None:
                links.append(
                    ir.DnsLink(vnet, registration.span if registration else None, link.span)
                )
        records: list[ir.DnsRecord] = []
        for record in settings.all("record"):
            self._no_block(record)
            record_reader = self._reader(record)
            record_name = record_reader.word("a record name (@ is not a word: use the zone)")
            kind = record_reader.choice("a record type", RECORD_TYPES)
            addresses = record_reader.rest()
            if not addresses:
                self.report("DSL106", "'record' needs one or more IPv4 addresses", record.span)
            if record_name is not None and kind is not None and addresses:
                records.append(ir.DnsRecord(record_name, tuple(addresses), record.span))
        if common is None:
            return None
        return ir.DnsZoneDecl(common, tuple(links), tuple(records))
