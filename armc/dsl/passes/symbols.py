"""The symbol table of a module: every declared name by namespace, with duplicate detection."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from armc.diagnostics import Diagnostics, Related, did_you_mean
from armc.dsl import ir
from armc.dsl.codes import report
from armc.source import Span

NAME_PATTERN = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_-]*$")
# a `resource` of a child type is named `parent/child`, and ARM names may hold dots
RESOURCE_NAME_PATTERN = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*(/[A-Za-z0-9_][A-Za-z0-9_.-]*)*$")

KIND_NAMES: dict[type, str] = {
    ir.VnetDecl: "vnet",
    ir.NsgDecl: "nsg",
    ir.PipDecl: "pip",
    ir.AvsetDecl: "avset",
    ir.DiskDecl: "disk",
    ir.LbDecl: "lb",
    ir.BastionDecl: "bastion",
    ir.PpgDecl: "ppg",
    ir.HostGroupDecl: "host-group",
    ir.NatGatewayDecl: "natgw",
    ir.PeeringDecl: "peering",
    ir.VpnGatewayDecl: "vpn-gateway",
    ir.LocalGatewayDecl: "local-gateway",
    ir.ConnectionDecl: "connection",
    ir.DcrDecl: "dcr",
    ir.DesDecl: "des",
    ir.BackupVaultDecl: "backup-vault",
    ir.DnsZoneDecl: "dns-zone",
    ir.RawResourceDecl: "resource",
}

# order in which an expression such as `web.id` looks a bare resource name up
EXPRESSION_LOOKUP_ORDER = (
    "vm",
    "vmss",
    "pip",
    "lb",
    "bastion",
    "vnet",
    "nsg",
    "disk",
    "avset",
    "ppg",
    "host-group",
    "natgw",
    "vpn-gateway",
    "local-gateway",
    "connection",
    "peering",
    "dcr",
    "des",
    "backup-vault",
    "dns-zone",
    "resource",
)


def kind_of(declaration: ir.Declaration) -> str:
    if isinstance(declaration, ir.ComputeDecl):
        return declaration.kind
    return KIND_NAMES[type(declaration)]


@dataclass
class Symbols:
    params: dict[str, ir.ParamDecl] = field(default_factory=dict)
    variables: dict[str, ir.VarDecl] = field(default_factory=dict)
    outputs: dict[str, ir.OutputDecl] = field(default_factory=dict)
    by_kind: dict[str, dict[str, ir.Declaration]] = field(default_factory=dict)
    subnets: dict[str, dict[str, ir.SubnetDecl]] = field(default_factory=dict)

    @property
    def resource_names(self) -> frozenset[str]:
        return frozenset(name for names in self.by_kind.values() for name in names)

    def declaration(self, kind: str, name: str) -> ir.Declaration | None:
        return self.by_kind.get(kind, {}).get(name)

    def all_declarations(self, name: str) -> list[ir.Declaration]:
        """Every declaration called `name`, in EXPRESSION_LOOKUP_ORDER."""
        found = (self.declaration(kind, name) for kind in EXPRESSION_LOOKUP_ORDER)
        return [d for d in found if d is not None]

    def any_declaration(self, name: str) -> ir.Declaration | None:
        for kind in EXPRESSION_LOOKUP_ORDER:
            found = self.declaration(kind, name)
            if found is not None:
                return found
        return None


def _duplicate(diagnostics: Diagnostics, what: str, name: str, span: Span, first: Span) -> None:
    report(
        diagnostics,
        "DSL202",
        f"{what} '{name}' is declared twice",
        span,
        related=[Related(first, "first declared here")],
    )


def _check_name(diagnostics: Diagnostics, kind: str, name: str, span: Span) -> None:
    """Declaration names become ARM names and `a.b` references: letters, digits, `-`, `_`."""
    if kind in ("resource", "dns-zone") and RESOURCE_NAME_PATTERN.match(name):
        return
    if not NAME_PATTERN.match(name):
        report(
            diagnostics,
            "DSL205",
            f"'{name}' is not a valid {kind} name: use letters, digits, '-' and '_'",
            span,
        )


def build_symbols(module: ir.Module, diagnostics: Diagnostics) -> Symbols:
    symbols = Symbols()
    values: dict[str, Span] = {}
    for param in module.params:
        if param.name in values:
            _duplicate(diagnostics, "name", param.name, param.name_span, values[param.name])
            continue
        values[param.name] = param.name_span
        symbols.params[param.name] = param
    for variable in module.variables:
        if variable.name in values:
            _duplicate(
                diagnostics, "name", variable.name, variable.name_span, values[variable.name]
            )
            continue
        values[variable.name] = variable.name_span
        symbols.variables[variable.name] = variable
    if "index" in values:
        report(
            diagnostics,
            "DSL205",
            "'index' is reserved for the position in a counted declaration",
            values["index"],
        )
    for output in module.outputs:
        if output.name in symbols.outputs:
            _duplicate(
                diagnostics,
                "output",
                output.name,
                output.name_span,
                symbols.outputs[output.name].name_span,
            )
            continue
        symbols.outputs[output.name] = output
    for declaration in module.declarations:
        kind = kind_of(declaration)
        names = symbols.by_kind.setdefault(kind, {})
        common = declaration.common
        _check_name(diagnostics, kind, common.name, common.name_span)
        if isinstance(declaration, ir.VnetDecl):
            for subnet in declaration.subnets:
                _check_name(diagnostics, "subnet", subnet.name, subnet.name_span)
        if isinstance(declaration, ir.HostGroupDecl):
            for host in declaration.hosts:
                _check_name(diagnostics, "host", host.name, host.name_span)
        if common.name in names:
            _duplicate(
                diagnostics,
                kind,
                common.name,
                common.name_span,
                names[common.name].common.name_span,
            )
            continue
        names[common.name] = declaration
        if isinstance(declaration, ir.VnetDecl):
            subnets = symbols.subnets.setdefault(common.name, {})
            for subnet in declaration.subnets:
                if subnet.name in subnets:
                    _duplicate(
                        diagnostics,
                        "subnet",
                        subnet.name,
                        subnet.name_span,
                        subnets[subnet.name].name_span,
                    )
                    continue
                subnets[subnet.name] = subnet
    return symbols


def undefined(
    diagnostics: Diagnostics, what: str, name: str, span: Span, candidates: list[str]
) -> None:
    report(
        diagnostics,
        "DSL201",
        f"undefined {what} '{name}'",
        span,
        hint=did_you_mean(name, candidates),
    )
