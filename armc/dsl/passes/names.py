"""Name resolution for clause references: subnets, NSGs, pools, availability sets, disks."""

from __future__ import annotations

from armc.diagnostics import Diagnostics
from armc.dsl import ir
from armc.dsl.codes import report
from armc.dsl.passes.symbols import Symbols, undefined


def resolve_subnet(
    symbols: Symbols, reference: ir.Word, diagnostics: Diagnostics
) -> tuple[str, str] | None:
    """`core.web` -> ("core", "web"), reporting what does not resolve."""
    vnet, dot, subnet = reference.text.partition(".")
    if not dot or "." in subnet:
        report(
            diagnostics,
            "DSL201",
            f"'{reference.text}' is not a subnet reference; write vnet.subnet",
            reference.span,
            hint=_subnet_hint(symbols),
        )
        return None
    if vnet not in symbols.subnets:
        undefined(diagnostics, "vnet", vnet, reference.span, list(symbols.subnets))
        return None
    if subnet not in symbols.subnets[vnet]:
        undefined(
            diagnostics,
            f"subnet of vnet '{vnet}'",
            subnet,
            reference.span,
            list(symbols.subnets[vnet]),
        )
        return None
    return vnet, subnet


def _subnet_hint(symbols: Symbols) -> str | None:
    for vnet, subnets in symbols.subnets.items():
        for subnet in subnets:
            return f"for example '{vnet}.{subnet}'"
    return None


def resolve(symbols: Symbols, kind: str, reference: ir.Word, diagnostics: Diagnostics) -> bool:
    if symbols.declaration(kind, reference.text) is not None:
        return True
    undefined(
        diagnostics, kind, reference.text, reference.span, list(symbols.by_kind.get(kind, {}))
    )
    return False


def resolve_pool(symbols: Symbols, reference: ir.Word, diagnostics: Diagnostics) -> bool:
    lb_name, dot, pool = reference.text.partition(".")
    lb = symbols.declaration("lb", lb_name)
    if not dot:
        report(
            diagnostics,
            "DSL201",
            f"'{reference.text}' is not a pool reference; write lb.pool",
            reference.span,
        )
        return False
    if not isinstance(lb, ir.LbDecl):
        undefined(diagnostics, "lb", lb_name, reference.span, list(symbols.by_kind.get("lb", {})))
        return False
    pools = [p.text for p in lb.pools]
    if pool not in pools:
        undefined(diagnostics, f"pool of lb '{lb_name}'", pool, reference.span, pools)
        return False
    return True


def check_names(module: ir.Module, symbols: Symbols, diagnostics: Diagnostics) -> None:
    for declaration in module.declarations:
        if isinstance(declaration, ir.VnetDecl):
            for subnet in declaration.subnets:
                if subnet.nsg is not None:
                    resolve(symbols, "nsg", subnet.nsg, diagnostics)
        elif isinstance(declaration, ir.ComputeDecl):
            if declaration.subnet is not None:
                resolve_subnet(symbols, declaration.subnet, diagnostics)
            if declaration.avset is not None:
                resolve(symbols, "avset", declaration.avset, diagnostics)
            if declaration.nsg is not None:
                resolve(symbols, "nsg", declaration.nsg, diagnostics)
            for disk in declaration.attach:
                if resolve(symbols, "disk", disk, diagnostics):
                    attached = symbols.declaration("disk", disk.text)
                    if attached is not None and attached.common.count is not None:
                        report(
                            diagnostics,
                            "DSL107",
                            f"disk '{disk.text}' is counted; 'attach' takes a single disk",
                            disk.span,
                        )
            for backend in declaration.backends:
                resolve_pool(symbols, backend, diagnostics)
        elif isinstance(declaration, ir.BastionDecl):
            resolve_subnet(symbols, declaration.subnet, diagnostics)
        elif isinstance(declaration, ir.LbDecl):
            _check_lb(declaration, symbols, diagnostics)
        elif isinstance(declaration, ir.RawResourceDecl):
            for dependency in declaration.depends_on:
                if symbols.any_declaration(dependency.text) is None:
                    undefined(
                        diagnostics,
                        "resource",
                        dependency.text,
                        dependency.span,
                        sorted(symbols.resource_names),
                    )


def _check_lb(lb: ir.LbDecl, symbols: Symbols, diagnostics: Diagnostics) -> None:
    if lb.subnet is not None:
        resolve_subnet(symbols, lb.subnet, diagnostics)
    pools = [p.text for p in lb.pools]
    probes = [p.name for p in lb.probes]
    for names, what in ((pools, "pool"), (probes, "probe")):
        seen: set[str] = set()
        for name in names:
            if name in seen:
                report(
                    diagnostics,
                    "DSL202",
                    f"{what} '{name}' is declared twice in lb '{lb.common.name}'",
                    lb.common.span,
                )
            seen.add(name)
    rule_names: set[str] = set()
    for rule in lb.rules:
        if rule.name in rule_names:
            report(
                diagnostics,
                "DSL202",
                f"rule '{rule.name}' is declared twice; name one of them (rule NAME tcp ...)",
                rule.span,
            )
        rule_names.add(rule.name)
        if rule.pool is not None and rule.pool.text not in pools:
            undefined(
                diagnostics, f"pool of lb '{lb.common.name}'", rule.pool.text, rule.pool.span, pools
            )
        if rule.probe is not None and rule.probe.text not in probes:
            undefined(
                diagnostics,
                f"probe of lb '{lb.common.name}'",
                rule.probe.text,
                rule.probe.span,
                probes,
            )
