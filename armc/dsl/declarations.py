"""Give clauses their meaning: top-level clauses of a `Program` become typed declarations.

Unknown keywords get a did-you-mean hint; missing and extra arguments are reported at the
clause. The result is a `Module` (before imports are merged) read by the passes and lowering.
"""

from __future__ import annotations

from collections.abc import Callable

from armc.diagnostics import Diagnostics, did_you_mean
from armc.dsl import ir
from armc.dsl.clause_reader import Settings
from armc.dsl.shape_backup import BackupShapes
from armc.dsl.shape_compute import ComputeShapes
from armc.dsl.shape_dns import DnsShapes
from armc.dsl.shape_network import NetworkShapes

RESOURCE_KINDS = (
    "vnet",
    "nsg",
    "pip",
    "avset",
    "disk",
    "lb",
    "vm",
    "vmss",
    "bastion",
    "ppg",
    "host-group",
    "natgw",
    "peering",
    "vpn-gateway",
    "local-gateway",
    "connection",
    "dcr",
    "des",
    "backup-vault",
    "dns-zone",
    "resource",
)
TOP_LEVEL = ("location", "tags", *RESOURCE_KINDS)
LITERALS = ("true", "false", "null")


class Shaper(NetworkShapes, ComputeShapes, BackupShapes, DnsShapes):
    """Builds typed declarations from clauses; collects diagnostics."""

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
            "ppg": self.ppg,
            "host-group": self.host_group,
            "natgw": self.natgw,
            "peering": self.peering,
            "vpn-gateway": self.vpn_gateway,
            "local-gateway": self.local_gateway,
            "connection": self.connection,
            "dcr": self.dcr,
            "des": self.des,
            "backup-vault": self.backup_vault,
            "dns-zone": self.dns_zone,
            "resource": self.resource,
        }
        for statement in program.statements:
            if isinstance(statement, ir.ParamDecl | ir.VarDecl) and statement.name in LITERALS:
                # a reference to it would read the literal: `var true = "x"` then `true`
                message = f"'{statement.name}' is a literal, not a name"
                self.report("DSL205", message, statement.name_span)
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
        tags: ir.Expr | None = None
        if clause.block is not None:
            for item in clause.block.items:
                if isinstance(item, ir.Pair):
                    members.append(item)
                elif item.keyword == "location" and item.block is None:
                    location_reader = self._reader(item)
                    location = location_reader.arg("a location")
                    location_reader.finish()
                elif item.keyword == "tags":
                    tags = self._tags_clause(item)
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
        common = self._common(clause, Settings(), name, "resource")
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
