"""Run the passes over a merged module and lower it."""

from __future__ import annotations

from armc.diagnostics import Diagnostics
from armc.dsl import ir
from armc.dsl.lower import Lowering
from armc.dsl.passes.backup import check_backup
from armc.dsl.passes.bootstrap import check_bootstrap
from armc.dsl.passes.compute import plan_compute
from armc.dsl.passes.connectivity import check_connectivity
from armc.dsl.passes.disks import check_disks
from armc.dsl.passes.dns import check_dns
from armc.dsl.passes.names import check_names
from armc.dsl.passes.network import check_network
from armc.dsl.passes.params import check_params
from armc.dsl.passes.placement import check_placement
from armc.dsl.passes.symbols import build_symbols
from armc.model.template import Template


def compile_module(
    module: ir.Module, diagnostics: Diagnostics, syntax_ok: bool = True
) -> Template | None:
    """The template of a module, or None when an earlier error stops lowering.

    Passes run even after errors so that one run reports as much as it can; lowering runs only
    when the passes found no error in names it relies on."""
    symbols = build_symbols(module, diagnostics)
    check_names(module, symbols, diagnostics)
    check_network(module, symbols, diagnostics)
    check_placement(module, symbols, diagnostics)
    check_connectivity(module, symbols, diagnostics)
    check_disks(module, symbols, diagnostics)
    check_backup(module, symbols, diagnostics)
    check_dns(module, symbols, diagnostics)
    plans = plan_compute(module, symbols, diagnostics)
    files = check_bootstrap(module, symbols, plans, diagnostics)
    lowering = Lowering(module, symbols, plans, diagnostics, module.file)
    lowering.files = files
    evaluator = lowering.evaluator
    lowering.param_bodies = check_params(module.params, evaluator, diagnostics)
    for variable in module.variables:  # every variable, used or not, is checked once
        evaluator.eval(ir.NameRef(variable.name, variable.name_span))
    if diagnostics.has_errors:
        return None  # lowering assumes resolved names and valid values
    return lowering.run()
