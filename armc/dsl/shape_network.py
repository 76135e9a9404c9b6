"""Shaping network declarations: vnet (with subnets), nsg (with rules), pip, lb, bastion."""

from __future__ import annotations

from collections.abc import Sequence

from armc.diagnostics import did_you_mean
from armc.dsl import ir
from armc.dsl.clause_reader import COMMON_CLAUSES, ArgReader, ClauseShaper, end_span

NSG_OPTIONS = ("from", "to", "priority", "name", "source-port", "description")


class NetworkShapes(ClauseShaper):
    def vnet(self, clause: ir.Clause) -> ir.VnetDecl | None:
        reader = self._reader(clause)
        name = reader.arg("a name")
        prefixes = [a for a in reader.rest()]
        settings = self._settings(clause, ("subnet", "address", "dns", *COMMON_CLAUSES), "vnet")
        common = self._common(clause, settings, name, "vnet")
        for extra in settings.all("address"):
            self._no_block(extra)
            prefixes.extend(extra.args)
        words: list[ir.Word] = []
        for prefix in prefixes:
            if isinstance(prefix, ir.Word):
                words.append(prefix)
            else:
                self.report("DSL302", "expected an address prefix such as 10.0.0.0/16", prefix.span)
        if not words and common is not None:
            self.report(
                "DSL106",
                "'vnet' needs an address prefix such as 10.0.0.0/16",
                end_span(common.name_span),
            )
        subnets = tuple(s for s in map(self.subnet, settings.all("subnet")) if s is not None)
        dns: list[ir.Arg] = []
        for dns_clause in settings.all("dns"):
            dns.extend(dns_clause.args)
        if common is None:
            return None
        return ir.VnetDecl(common, tuple(words), subnets, tuple(dns))

    def subnet(self, clause: ir.Clause) -> ir.SubnetDecl | None:
        self._no_block(clause)
        reader = self._reader(clause)
        name = reader.word("a subnet name")
        prefix = reader.word("an address prefix such as 10.0.1.0/24")
        nsg: ir.Word | None = None
        nat: ir.Word | None = None
        while not reader.done:
            option = reader.choice("a subnet option", ("nsg", "nat"))
            if option is None:
                reader.rest()
                break
            if option.text == "nat":
                nat = reader.word("a NAT gateway name")
            else:
                nsg = reader.word("an NSG name")
        if name is None or prefix is None:
            return None
        return ir.SubnetDecl(name.text, name.span, prefix, nsg, clause.span, nat)

    def nsg(self, clause: ir.Clause) -> ir.NsgDecl | None:
        reader = self._reader(clause)
        name = reader.arg("a name")
        reader.finish()
        settings = self._settings(clause, ("allow", "deny", *COMMON_CLAUSES), "nsg")
        common = self._common(clause, settings, name, "nsg")
        rule_clauses = sorted([*settings.all("allow"), *settings.all("deny")], key=lambda c: c.span)
        rules = tuple(r for r in map(self.nsg_rule, rule_clauses) if r is not None)
        return ir.NsgDecl(common, rules) if common else None

    def nsg_rule(self, clause: ir.Clause) -> ir.NsgRule | None:
        self._no_block(clause)
        reader = self._reader(clause)
        direction = reader.choice("a direction", ("in", "out"))
        protocol = reader.word_or_star("a protocol (tcp, udp, icmp or *)")
        if isinstance(protocol, ir.Word) and protocol.text.lower() not in (
            "tcp",
            "udp",
            "icmp",
            "any",
            "esp",
            "ah",
        ):
            self.report(
                "DSL311",
                f"'{protocol.text}' is not a protocol (tcp, udp, icmp, esp, ah or *)",
                protocol.span,
                hint=did_you_mean(protocol.text, ("tcp", "udp", "icmp")),
            )
            protocol = None
        ports = self._ports(reader.until(NSG_OPTIONS))
        sources: list[ir.Arg] = []
        destinations: list[ir.Arg] = []
        source_ports: list[ir.Word | ir.Star] = []
        priority: ir.Word | None = None
        rule_name: str | None = None
        description: str | None = None
        while not reader.done:
            option = reader.choice("a rule option", NSG_OPTIONS)
            if option is None:
                reader.rest()
                break
            keyword = option.text.lower()
            if keyword == "from":
                sources.extend(reader.until(NSG_OPTIONS))
            elif keyword == "to":
                destinations.extend(reader.until(NSG_OPTIONS))
            elif keyword == "source-port":
                source_ports.extend(self._ports(reader.until(NSG_OPTIONS)))
            elif keyword == "priority":
                priority = reader.word("a priority between 100 and 4096")
            elif keyword == "name":
                word = reader.word("a rule name")
                rule_name = word.text if word else None
            else:
                text = reader.arg("a description string")
                if isinstance(text, ir.ValueArg) and isinstance(text.expr, ir.Literal):
                    description = str(text.expr.value)
        for option_name, values in (("from", sources), ("to", destinations)):
            given = [w.text for w in clause.args if isinstance(w, ir.Word)]
            if option_name in given and not values:
                self.report("DSL106", f"'{option_name}' needs a CIDR or service tag", clause.span)
        if priority is None:
            self.report(
                "DSL106",
                f"'{clause.keyword}' needs 'priority N' (100-4096)",
                end_span(clause.span),
                hint="every NSG rule states its priority explicitly",
            )
            return None
        if direction is None or protocol is None:
            return None
        return ir.NsgRule(
            access="Allow" if clause.keyword == "allow" else "Deny",
            direction="Inbound" if direction.text.lower() == "in" else "Outbound",
            protocol=protocol,
            ports=tuple(ports),
            sources=tuple(sources),
            destinations=tuple(destinations),
            source_ports=tuple(source_ports),
            priority=priority,
            name=rule_name,
            description=description,
            span=clause.span,
        )

    def _ports(self, args: Sequence[ir.Arg]) -> list[ir.Word | ir.Star]:
        ports: list[ir.Word | ir.Star] = []
        for arg in args:
            if isinstance(arg, ir.Word | ir.Star):
                ports.append(arg)
            else:
                self.report(
                    "DSL304", "expected a port, a port range such as 8000-8080, or *", arg.span
                )
        return ports

    def pip(self, clause: ir.Clause) -> ir.PipDecl | None:
        reader = self._reader(clause)
        name = reader.arg("a name")
        header = reader.rest()
        settings = self._settings(clause, ("zone", "zones", "dns", *COMMON_CLAUSES), "pip")
        self._only_zones(header)
        common = self._common(clause, settings, name, "pip")
        dns = self._single_arg(settings, "dns", "a DNS label")
        zones = self._zones(settings, header)
        return ir.PipDecl(common, zones, dns) if common else None

    def lb(self, clause: ir.Clause) -> ir.LbDecl | None:
        reader = self._reader(clause)
        name = reader.arg("a name")
        visibility = reader.choice("public or private", ("public", "private"))
        header = reader.rest()
        self._only_zones(header)
        settings = self._settings(
            clause,
            ("pool", "probe", "rule", "subnet", "ip", "zone", "zones", *COMMON_CLAUSES),
            "lb",
        )
        common = self._common(clause, settings, name, "lb")
        public = visibility is None or visibility.text.lower() == "public"
        subnet = self._single_word(settings, "subnet", "a subnet reference vnet.subnet")
        private_ip = self._single_word(settings, "ip", "a private IP address")
        if not public and subnet is None and common is not None:
            self.report(
                "DSL106", "a private 'lb' needs 'subnet vnet.subnet'", end_span(common.name_span)
            )
        if public and subnet is not None:
            self.report("DSL107", "a public 'lb' takes no subnet", subnet.span)
        pools: list[ir.Word] = []
        for pool in settings.all("pool"):
            self._no_block(pool)
            pool_reader = self._reader(pool)
            word = pool_reader.word("a pool name")
            pool_reader.finish()
            if word is not None:
                pools.append(word)
        probes = tuple(p for p in map(self.lb_probe, settings.all("probe")) if p is not None)
        rules = tuple(r for r in map(self.lb_rule, settings.all("rule")) if r is not None)
        if common is None:
            return None
        zones = self._zones(settings, header)
        return ir.LbDecl(common, public, subnet, private_ip, zones, tuple(pools), probes, rules)

    def lb_probe(self, clause: ir.Clause) -> ir.LbProbe | None:
        """`probe NAME PROTO PORT ["/path"]` or `probe PROTO PORT ["/path"]` (named after PROTO)."""
        self._no_block(clause)
        reader = self._reader(clause)
        first = reader.word("a probe name or protocol")
        if first is None:
            return None
        second = reader.peek_word()
        protocol: ir.Word | None = first
        name = first.text
        if second is None or not second.isdigit():
            protocol = reader.choice("a probe protocol", ("tcp", "http", "https"))
        port = reader.word("a port")
        path = reader.arg("a request path") if not reader.done else None
        reader.finish()
        if protocol is None or port is None:
            return None
        if protocol.text.lower() not in ("tcp", "http", "https"):
            self.report(
                "DSL311",
                f"'{protocol.text}' is not a probe protocol (tcp, http, https)",
                protocol.span,
            )
            return None
        return ir.LbProbe(name, protocol, port, path, clause.span)

    def lb_rule(self, clause: ir.Clause) -> ir.LbRule | None:
        """`rule [NAME] PROTO FRONT [-> BACK] [pool P] [probe Q]`."""
        self._no_block(clause)
        reader = self._reader(clause)
        first = reader.word("a protocol (tcp, udp)")
        if first is None:
            return None
        protocol: ir.Word | None = first
        rule_name: str | None = None
        if first.text.lower() not in ("tcp", "udp", "all"):
            rule_name = first.text
            protocol = reader.choice("a protocol", ("tcp", "udp", "all"))
        front = reader.word("a frontend port")
        back = front
        if isinstance(reader.peek(), ir.Arrow):
            reader.arg("->")
            back = reader.word("a backend port")
        pool: ir.Word | None = None
        probe: ir.Word | None = None
        while not reader.done:
            option = reader.choice("a rule option", ("pool", "probe"))
            if option is None:
                reader.rest()
                break
            if option.text == "pool":
                pool = reader.word("a pool name")
            else:
                probe = reader.word("a probe name")
        if protocol is None or front is None or back is None:
            return None
        name = rule_name or f"{protocol.text.lower()}-{front.text}"
        return ir.LbRule(name, protocol, front, back, pool, probe, clause.span)

    def bastion(self, clause: ir.Clause) -> ir.BastionDecl | None:
        reader = self._reader(clause)
        name = reader.arg("a name")
        header = reader.rest()
        settings = self._settings(clause, ("subnet", "sku", *COMMON_CLAUSES), "bastion")
        subnet: ir.Word | None = None
        header_reader = ArgReader(clause, self.diagnostics, header)
        while not header_reader.done:
            option = header_reader.choice("a bastion option", ("subnet", "sku"))
            if option is None:
                header_reader.rest()
                break
            value = header_reader.word(f"a value for '{option.text}'")
            if option.text == "subnet":
                subnet = value
            elif value is not None:
                settings.clauses.setdefault("sku", []).append(
                    ir.Clause("sku", option.span, (value,), None, None, option.span)
                )
        subnet = subnet or self._single_word(settings, "subnet", "a subnet reference")
        sku = self._single_word(settings, "sku", "a SKU (basic, standard)")
        common = self._common(clause, settings, name, "bastion")
        if common is None:
            return None
        if subnet is None:
            self.report(
                "DSL106",
                "'bastion' needs 'subnet vnet.AzureBastionSubnet'",
                end_span(common.name_span),
            )
            return None
        return ir.BastionDecl(common, subnet, sku)

    # ---- compute -----------------------------------------------------------------------------
