"""Give clauses their meaning: top-level clauses of a `Program` become typed declarations.

Unknown keywords get a did-you-mean hint; missing and extra arguments are reported at the
clause. The result is a `Module` (before imports are merged) read by the passes and lowering.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from armc.diagnostics import Diagnostics, did_you_mean
from armc.dsl import ir
from armc.dsl.codes import Reporter, report
from armc.source import Span

COUNTABLE = ("vm", "pip", "disk", "resource")
RESOURCE_KINDS = ("vnet", "nsg", "pip", "avset", "disk", "lb", "vm", "vmss", "bastion", "resource")
TOP_LEVEL = ("location", "tags", *RESOURCE_KINDS)
COMMON_CLAUSES = ("location", "tags")
NSG_OPTIONS = ("from", "to", "priority", "name", "source-port", "description")
ON_OFF = {"on": True, "off": False, "true": True, "false": False, "yes": True, "no": False}
COMPUTE_CLAUSES = (
    "size",
    "image",
    "os",
    "subnet",
    "public-ip",
    "zone",
    "zones",
    "avset",
    "os-disk",
    "data-disk",
    "attach",
    "admin",
    "identity",
    "boot-diagnostics",
    "trusted-launch",
    "encryption-at-host",
    "accelerated-networking",
    "backend",
    "nsg",
    "extensions",
    *COMMON_CLAUSES,
)
VMSS_CLAUSES = (*COMPUTE_CLAUSES, "instances", "upgrade")

_T = TypeVar("_T")


def end_span(span: Span) -> Span:
    """A one-character span just after `span` (where a missing argument would go)."""
    return Span(span.file, span.end_line, span.end_column, span.end_line, span.end_column + 1)


@dataclass
class _Args:
    """Reads a clause's arguments left to right, reporting what is missing or extra."""

    clause: ir.Clause
    diagnostics: Diagnostics
    args: Sequence[ir.Arg]
    position: int = 0

    @property
    def done(self) -> bool:
        return self.position >= len(self.args)

    def peek(self) -> ir.Arg | None:
        return None if self.done else self.args[self.position]

    def peek_word(self) -> str | None:
        arg = self.peek()
        return arg.text if isinstance(arg, ir.Word) else None

    def _missing(self, what: str) -> None:
        last = self.args[self.position - 1].span if self.position else self.clause.keyword_span
        report(self.diagnostics, "DSL106", f"'{self.clause.keyword}' needs {what}", end_span(last))

    def arg(self, what: str) -> ir.Arg | None:
        if self.done:
            self._missing(what)
            return None
        arg = self.args[self.position]
        self.position += 1
        return arg

    def word(self, what: str) -> ir.Word | None:
        arg = self.arg(what)
        if arg is None or isinstance(arg, ir.Word):
            return arg
        report(self.diagnostics, "DSL311", f"'{self.clause.keyword}' expects {what} here", arg.span)
        return None

    def word_or_star(self, what: str) -> ir.Word | ir.Star | None:
        arg = self.arg(what)
        if arg is None or isinstance(arg, ir.Word | ir.Star):
            return arg
        report(self.diagnostics, "DSL311", f"'{self.clause.keyword}' expects {what} here", arg.span)
        return None

    def choice(self, what: str, choices: Sequence[str]) -> ir.Word | None:
        word = self.word(what)
        if word is not None and word.text.lower() not in choices:
            hint = did_you_mean(word.text, choices)
            report(
                self.diagnostics,
                "DSL311",
                f"'{word.text}' is not {what} (one of {', '.join(choices)})",
                word.span,
                hint=hint,
            )
            return None
        return word

    def rest(self) -> list[ir.Arg]:
        rest = list(self.args[self.position :])
        self.position = len(self.args)
        return rest

    def until(self, stop_words: Sequence[str]) -> list[ir.Arg]:
        taken: list[ir.Arg] = []
        while not self.done and self.peek_word() not in stop_words:
            taken.append(self.args[self.position])
            self.position += 1
        return taken

    def finish(self) -> None:
        if not self.done:
            extra = self.args[self.position]
            report(
                self.diagnostics,
                "DSL107",
                f"unexpected argument for '{self.clause.keyword}'",
                extra.span,
            )
            self.position = len(self.args)


@dataclass
class _Settings:
    """The clauses of a declaration (header options and block), by keyword, checked."""

    clauses: dict[str, list[ir.Clause]] = field(default_factory=dict)

    def all(self, keyword: str) -> list[ir.Clause]:
        return self.clauses.get(keyword, [])


class Shaper(Reporter):
    """Builds typed declarations from clauses; collects diagnostics."""

    def __init__(self, diagnostics: Diagnostics) -> None:
        self.diagnostics = diagnostics

    # ---- helpers ------------------------------------------------------------------------------

    def _reader(self, clause: ir.Clause, skip: int = 0) -> _Args:
        return _Args(clause, self.diagnostics, clause.args, skip)

    def _no_block(self, clause: ir.Clause) -> None:
        if clause.block is not None:
            self.report("DSL107", f"'{clause.keyword}' does not take a block", clause.block.span)

    def _no_condition(self, clause: ir.Clause) -> None:
        if clause.condition is not None:
            self.report(
                "DSL109",
                f"'{clause.keyword}' cannot have an 'if' condition",
                clause.condition.span,
            )

    def _settings(self, clause: ir.Clause, allowed: Sequence[str], kind: str) -> _Settings:
        settings = _Settings()
        if clause.block is None:
            return settings
        for item in clause.block.items:
            if isinstance(item, ir.Pair):
                self.report(
                    "DSL109",
                    f"'{item.key}: ...' is not a {kind} setting; expected a keyword "
                    f"such as {', '.join(allowed[:4])}",
                    item.key_span,
                )
                continue
            if item.keyword not in allowed:
                self.report(
                    "DSL105",
                    f"unknown {kind} setting '{item.keyword}'",
                    item.keyword_span,
                    hint=did_you_mean(item.keyword, allowed),
                )
                continue
            self._no_condition(item)
            settings.clauses.setdefault(item.keyword, []).append(item)
        return settings

    def _single(self, settings: _Settings, keyword: str) -> ir.Clause | None:
        found = settings.all(keyword)
        for extra in found[1:]:
            self.report("DSL110", f"'{keyword}' is given more than once", extra.keyword_span)
        return found[0] if found else None

    def _single_value(
        self, settings: _Settings, keyword: str, read: Callable[[_Args], _T]
    ) -> _T | None:
        """The one argument of a setting given at most once, read with `read`."""
        clause = self._single(settings, keyword)
        if clause is None:
            return None
        self._no_block(clause)
        reader = self._reader(clause)
        value = read(reader)
        reader.finish()
        return value

    def _single_arg(self, settings: _Settings, keyword: str, what: str) -> ir.Arg | None:
        return self._single_value(settings, keyword, lambda reader: reader.arg(what))

    def _single_word(self, settings: _Settings, keyword: str, what: str) -> ir.Word | None:
        return self._single_value(settings, keyword, lambda reader: reader.word(what))

    def _flag(self, settings: _Settings, keyword: str) -> ir.Setting | None:
        clause = self._single(settings, keyword)
        if clause is None:
            return None
        self._no_block(clause)
        reader = self._reader(clause)
        enabled = True
        if not reader.done:
            word = reader.choice("on or off", tuple(ON_OFF))
            enabled = ON_OFF[word.text.lower()] if word else True
        reader.finish()
        return ir.Setting(enabled, clause.span)

    def object_of(self, block: ir.Block) -> ir.ObjectExpr:
        """`{ key: value, nested { ... } }` as an object expression."""
        entries: list[ir.ObjectEntry] = []
        for item in block.items:
            if isinstance(item, ir.Pair):
                entries.append(ir.ObjectEntry(item.key, item.value, item.span))
            elif not item.args and item.block is not None and item.condition is None:
                entries.append(ir.ObjectEntry(item.keyword, self.object_of(item.block), item.span))
            else:
                self.report(
                    "DSL109",
                    f"expected 'key: value' inside this block, found '{item.keyword} ...'",
                    item.keyword_span,
                    hint=f"write '{item.keyword}: <value>'",
                )
        return ir.ObjectExpr(tuple(entries), block.span)

    def _object_clause(self, clause: ir.Clause) -> ir.ObjectExpr | None:
        """`tags { ... }` or `tags ({...})`."""
        if clause.block is not None:
            if clause.args:
                self.report(
                    "DSL107", f"unexpected argument for '{clause.keyword}'", clause.args[0].span
                )
            return self.object_of(clause.block)
        reader = self._reader(clause)
        arg = reader.arg("a { key: value } block")
        reader.finish()
        if isinstance(arg, ir.ValueArg) and isinstance(arg.expr, ir.ObjectExpr):
            return arg.expr
        if arg is not None:
            self.report("DSL311", f"'{clause.keyword}' expects a {{ key: value }} block", arg.span)
        return None

    def _zones(self, settings: _Settings, header: Sequence[ir.Arg]) -> tuple[ir.Arg, ...]:
        zones: list[ir.Arg] = []
        for arg in header:
            if isinstance(arg, ir.CallWord) and arg.name == "zones":
                zones.extend(ir.ValueArg(a, a.span) for a in arg.args)
        for keyword in ("zone", "zones"):
            clause = self._single(settings, keyword)
            if clause is not None:
                self._no_block(clause)
                zones.extend(clause.args)
                if not clause.args:
                    self.report(
                        "DSL106", f"'{keyword}' needs a zone number", end_span(clause.keyword_span)
                    )
        return tuple(zones)

    def _common(
        self, clause: ir.Clause, settings: _Settings, name_arg: ir.Arg | None, kind: str
    ) -> ir.Common | None:
        count: ir.Expr | None = None
        if isinstance(name_arg, ir.IndexedWord):
            if kind not in COUNTABLE:
                self.report(
                    "DSL107", f"a count is only allowed on {', '.join(COUNTABLE)}", name_arg.span
                )
            count = name_arg.index
            name, name_span = name_arg.text, name_arg.span
        elif isinstance(name_arg, ir.Word):
            name, name_span = name_arg.text, name_arg.span
        else:
            if name_arg is not None:
                self.report("DSL205", f"expected a name for this {kind}", name_arg.span)
            return None
        location = self._single_arg(settings, "location", "a location")
        tags_clause = self._single(settings, "tags")
        tags = self._object_clause(tags_clause) if tags_clause else None
        return ir.Common(name, name_span, count, clause.condition, location, tags, clause.span)

    # ---- entry point -------------------------------------------------------------------------

    def module(self, program: ir.Program) -> ir.Module:
        params: list[ir.ParamDecl] = []
        variables: list[ir.VarDecl] = []
        outputs: list[ir.OutputDecl] = []
        declarations: list[ir.Declaration] = []
        location: ir.Arg | None = None
        tags: ir.ObjectExpr | None = None
        shapers: dict[str, Callable[[ir.Clause], ir.Declaration | None]] = {
            "vnet": self.vnet,
            "nsg": self.nsg,
            "pip": self.pip,
            "avset": self.avset,
            "disk": self.disk,
            "lb": self.lb,
            "vm": self.compute,
            "vmss": self.compute,
            "bastion": self.bastion,
            "resource": self.resource,
        }
        for statement in program.statements:
            if isinstance(statement, ir.ParamDecl):
                params.append(statement)
            elif isinstance(statement, ir.VarDecl):
                variables.append(statement)
            elif isinstance(statement, ir.OutputDecl):
                outputs.append(statement)
            elif isinstance(statement, ir.ImportDecl):
                continue
            elif statement.keyword == "location":
                self._no_block(statement)
                self._no_condition(statement)
                if location is not None:
                    self.report(
                        "DSL110", "'location' is given more than once", statement.keyword_span
                    )
                reader = self._reader(statement)
                location = reader.arg("a location such as westeurope")
                reader.finish()
            elif statement.keyword == "tags":
                self._no_condition(statement)
                if tags is not None:
                    self.report("DSL110", "'tags' is given more than once", statement.keyword_span)
                tags = self._object_clause(statement)
            elif statement.keyword in shapers:
                declaration = shapers[statement.keyword](statement)
                if declaration is not None:
                    declarations.append(declaration)
            else:
                self.report(
                    "DSL105",
                    f"unknown keyword '{statement.keyword}'",
                    statement.keyword_span,
                    hint=did_you_mean(
                        statement.keyword, (*TOP_LEVEL, "param", "var", "output", "import")
                    ),
                )
        return ir.Module(
            file=program.file,
            params=tuple(params),
            variables=tuple(variables),
            outputs=tuple(outputs),
            declarations=tuple(declarations),
            location=location,
            tags=tags,
        )

    # ---- networking --------------------------------------------------------------------------

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
        while not reader.done:
            option = reader.choice("a subnet option", ("nsg",))
            if option is None:
                reader.rest()
                break
            nsg = reader.word("an NSG name")
        if name is None or prefix is None:
            return None
        return ir.SubnetDecl(name.text, name.span, prefix, nsg, clause.span)

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

    def _only_zones(self, header: Sequence[ir.Arg]) -> None:
        for arg in header:
            if not (isinstance(arg, ir.CallWord) and arg.name == "zones"):
                self.report(
                    "DSL107", "unexpected argument; only zones(...) may follow the name", arg.span
                )

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
        header_reader = _Args(clause, self.diagnostics, header)
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

    def avset(self, clause: ir.Clause) -> ir.AvsetDecl | None:
        reader = self._reader(clause)
        name = reader.arg("a name")
        reader.finish()
        settings = self._settings(
            clause, ("fault-domains", "update-domains", *COMMON_CLAUSES), "avset"
        )
        common = self._common(clause, settings, name, "avset")
        faults = self._single_arg(settings, "fault-domains", "a number")
        updates = self._single_arg(settings, "update-domains", "a number")
        return ir.AvsetDecl(common, faults, updates) if common else None

    def disk(self, clause: ir.Clause) -> ir.DiskDecl | None:
        reader = self._reader(clause)
        name = reader.arg("a name")
        sku = reader.word("a disk type (standard-hdd, standard-ssd, premium, premium-v2, ultra)")
        size = reader.arg("a size in GiB")
        header = reader.rest()
        self._only_zones(header)
        settings = self._settings(clause, ("zone", "zones", *COMMON_CLAUSES), "disk")
        common = self._common(clause, settings, name, "disk")
        if common is None or sku is None or size is None:
            return None
        return ir.DiskDecl(common, sku, size, self._zones(settings, header))

    def compute(self, clause: ir.Clause) -> ir.ComputeDecl | None:
        kind = clause.keyword
        reader = self._reader(clause)
        name = reader.arg("a name")
        reader.finish()
        allowed = VMSS_CLAUSES if kind == "vmss" else COMPUTE_CLAUSES
        settings = self._settings(clause, allowed, kind)
        common = self._common(clause, settings, name, kind)
        zones = self._zones(settings, ())
        zone_auto: Span | None = None
        if len(zones) == 1 and isinstance(zones[0], ir.Word) and zones[0].text == "auto":
            zone_auto, zones = zones[0].span, ()
        admin = self._admin(self._single(settings, "admin"))
        os_disk_clause = self._single(settings, "os-disk")
        os_disk = self._disk_spec(os_disk_clause, size_optional=True) if os_disk_clause else None
        data_disks = tuple(
            d for d in (self._disk_spec(c) for c in settings.all("data-disk")) if d is not None
        )
        attach: list[ir.Word] = []
        for attach_clause in settings.all("attach"):
            self._no_block(attach_clause)
            attach_reader = self._reader(attach_clause)
            while not attach_reader.done:
                word = attach_reader.word("a disk name")
                if word is not None:
                    attach.append(word)
        backends: list[ir.Word] = []
        for backend in settings.all("backend"):
            self._no_block(backend)
            backend_reader = self._reader(backend)
            word = backend_reader.word("a load balancer pool lb.pool")
            backend_reader.finish()
            if word is not None:
                backends.append(word)
        if common is None:
            return None
        return ir.ComputeDecl(
            kind=kind,
            common=common,
            size=self._single_arg(settings, "size", "a VM size such as Standard_D2s_v5"),
            image=self._single_arg(
                settings, "image", "an image alias or publisher:offer:sku:version"
            ),
            os=self._os(settings),
            subnet=self._single_word(settings, "subnet", "a subnet reference vnet.subnet"),
            public_ip=self._flag(settings, "public-ip"),
            zones=zones,
            zone_auto=zone_auto,
            avset=self._single_word(settings, "avset", "an availability set name"),
            os_disk=os_disk,
            data_disks=data_disks,
            attach=tuple(attach),
            admin=admin,
            identity=self._identity(settings),
            boot_diagnostics=self._flag(settings, "boot-diagnostics"),
            trusted_launch=self._flag(settings, "trusted-launch"),
            encryption_at_host=self._flag(settings, "encryption-at-host"),
            accelerated_networking=self._flag(settings, "accelerated-networking"),
            backends=tuple(backends),
            nsg=self._single_word(settings, "nsg", "an NSG name"),
            instances=self._single_arg(settings, "instances", "a number of instances"),
            upgrade=self._choice_setting(settings, "upgrade", ("manual", "automatic", "rolling")),
            allow_extensions=self._flag(settings, "extensions"),
            span=clause.span,
        )

    def _os(self, settings: _Settings) -> ir.Word | None:
        return self._choice_setting(settings, "os", ("linux", "windows"))

    def _identity(self, settings: _Settings) -> ir.Word | None:
        return self._choice_setting(settings, "identity", ("system", "none"))

    def _choice_setting(
        self, settings: _Settings, keyword: str, choices: Sequence[str]
    ) -> ir.Word | None:
        return self._single_value(
            settings, keyword, lambda reader: reader.choice(" or ".join(choices), choices)
        )

    def _disk_spec(self, clause: ir.Clause, size_optional: bool = False) -> ir.DataDisk | None:
        self._no_block(clause)
        reader = self._reader(clause)
        sku = reader.word("a disk type (standard-hdd, standard-ssd, premium, premium-zrs, ...)")
        size = None if size_optional and reader.done else reader.arg("a size in GiB")
        reader.finish()
        if sku is None:
            return None
        if size is None:
            size = ir.ValueArg(ir.Literal(None, clause.span), clause.span)
        return ir.DataDisk(sku, size, clause.span)

    def _admin(self, clause: ir.Clause | None) -> ir.Admin | None:
        """`admin USER ssh KEY` or `admin USER password SECRET`."""
        if clause is None:
            return None
        self._no_block(clause)
        reader = self._reader(clause)
        user = reader.arg("a user name")
        method = reader.choice("ssh or password", ("ssh", "password"))
        secret = reader.arg(
            "an SSH public key parameter"
            if method and method.text == "ssh"
            else "a secure parameter"
        )
        reader.finish()
        if user is None or method is None or secret is None:
            return None
        if method.text == "ssh":
            return ir.Admin(user, secret, None, clause.span)
        return ir.Admin(user, None, secret, clause.span)

    # ---- escape hatch ------------------------------------------------------------------------

    def resource(self, clause: ir.Clause) -> ir.RawResourceDecl | None:
        reader = self._reader(clause)
        type_arg = reader.arg('a "Type@apiVersion" string')
        name = reader.arg("a name")
        reader.finish()
        type_text = ""
        if type_arg is not None:
            if isinstance(type_arg, ir.ValueArg) and ir.literal_text(type_arg) is not None:
                type_text = ir.literal_text(type_arg) or ""
            else:
                self.report(
                    "DSL311", 'expected "Namespace/type@apiVersion" as a string', type_arg.span
                )
                return None
        resource_type, _, api = type_text.partition("@")
        if type_arg is not None and (not api or "/" not in resource_type):
            self.report(
                "DSL317",
                f"'{type_text}' is not \"Namespace/type@apiVersion\"",
                type_arg.span,
                hint='for example "Microsoft.Insights/actionGroups@2023-01-01"',
            )
            return None
        members: list[ir.Pair] = []
        depends: list[ir.Word] = []
        location: ir.Arg | None = None
        tags: ir.ObjectExpr | None = None
        if clause.block is not None:
            for item in clause.block.items:
                if isinstance(item, ir.Pair):
                    members.append(item)
                elif item.keyword == "location" and item.block is None:
                    location_reader = self._reader(item)
                    location = location_reader.arg("a location")
                    location_reader.finish()
                elif item.keyword == "tags":
                    tags = self._object_clause(item)
                elif item.keyword == "depends-on":
                    for arg in item.args:
                        if isinstance(arg, ir.Word):
                            depends.append(arg)
                        else:
                            self.report("DSL311", "expected a declaration name", arg.span)
                elif item.block is not None and not item.args:
                    value = self.object_of(item.block)
                    members.append(ir.Pair(item.keyword, item.keyword_span, value, item.span))
                elif len(item.args) == 1 and isinstance(item.args[0], ir.ValueArg):
                    members.append(
                        ir.Pair(item.keyword, item.keyword_span, item.args[0].expr, item.span)
                    )
                else:
                    self.report(
                        "DSL109",
                        f"expected 'key: value' or 'key {{ ... }}', found '{item.keyword} ...'",
                        item.keyword_span,
                        hint=f"write '{item.keyword}: <value>'",
                    )
        if name is None or type_arg is None:
            return None
        if not isinstance(name, ir.Word | ir.IndexedWord):
            self.report("DSL205", "expected a name for this resource", name.span)
            return None
        common = self._common(clause, _Settings(), name, "resource")
        if common is None:
            return None
        common = ir.Common(
            common.name,
            common.name_span,
            common.count,
            common.condition,
            location,
            tags,
            common.span,
        )
        return ir.RawResourceDecl(
            common, resource_type, api, type_arg.span, tuple(members), tuple(depends)
        )


def build_module(program: ir.Program, diagnostics: Diagnostics) -> ir.Module:
    return Shaper(diagnostics).module(program)
