"""The Bicep back-end: template model + graph -> `<stem>.bicep` and `<stem>.bicepparam`.

The same view models as the ARM JSON back-end feed Jinja2 templates under `templates/bicep/`;
values are translated by `bicep_values` / `bicep_expressions`. What Bicep cannot express
becomes a compile error (`BICEP001`), never a silently different file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from armc import __version__
from armc.diagnostics import CompileError, Diagnostic, Severity
from armc.emit import environment as env
from armc.emit.bicep_code import TranslationError
from armc.emit.bicep_declarations import (
    Assignment,
    Declaration,
    assignment,
    output,
    parameter,
    variables,
)
from armc.emit.bicep_expressions import Translator
from armc.emit.bicep_names import Names, resource_stem
from armc.emit.bicep_references import Scope
from armc.emit.bicep_resources import BicepResource, resource, resource_index, symbols
from armc.emit.bicep_text import quote
from armc.emit.bicep_values import property_loops
from armc.emit.view import views
from armc.model.graph import build_graph, cycle_diagnostics
from armc.model.template import Template

if TYPE_CHECKING:
    import networkx as nx

UNSUPPORTED_CODE = "BICEP001"
UNSUPPORTED_NAME = "bicep-unsupported"


@dataclass(frozen=True)
class BicepOutput:
    """The files of one Bicep build, as text: the template, its parameters file and the
    JSON templates of its modules (file name, text) that the template names."""

    template: str
    parameters: str
    modules: tuple[tuple[str, str], ...] = ()


def emit_bicep(template: Template, stem: str) -> BicepOutput:
    """Render `template` as `<stem>.bicep` and its `.bicepparam`. Raises CompileError for a
    dependency cycle or a construct Bicep cannot express."""
    graph = build_graph(template)
    cycles = cycle_diagnostics(template, graph)
    if cycles:
        raise CompileError(cycles)
    try:
        return _emit(template, stem, graph)
    except TranslationError as error:
        span = template.span(())
        raise CompileError(
            [
                Diagnostic(
                    UNSUPPORTED_CODE,
                    UNSUPPORTED_NAME,
                    Severity.ERROR,
                    f"cannot write Bicep: {error}",
                    span,
                    hint="build with --target arm",
                )
            ]
        ) from None


def _emit(template: Template, stem: str, graph: nx.DiGraph) -> BicepOutput:
    names = Names()
    params = {name: names.claim(name) for name in template.parameters}
    var_names = {name: names.claim(name) for name in _variable_names(template)}
    resource_names = {r.key: names.claim(resource_stem(r)) for r in template.resources}
    by_key = symbols(template, resource_names)
    scope = Scope(
        parameters={k.lower(): v for k, v in params.items()},
        variables={k.lower(): v for k, v in var_names.items()},
        resources=resource_index(template, by_key),
        declared=frozenset(names.taken),
    )
    translator = Translator(scope)
    parameter_views = [parameter(params[n], p, translator) for n, p in template.parameters.items()]
    variable_views = variables(template.variables, var_names, translator)
    models = {r.key: r for r in template.resources}
    resource_views = [
        resource(view, models[view.key], template, scope, graph, resource_names, stem)
        for view in views(template, {})
    ]
    modules = tuple(
        (r.module.removeprefix("./"), r.module_text)
        for r in resource_views
        if r.module is not None and r.module_text is not None
    )
    outputs = Names()
    output_views = [output(outputs.claim(n), o, translator) for n, o in template.outputs.items()]
    assignments = [
        a
        for n, p in template.parameters.items()
        if (a := assignment(params[n], p, translator)) is not None
    ]
    return BicepOutput(
        _main(template, parameter_views, variable_views, resource_views, output_views),
        _params(stem, assignments),
        modules,
    )


def _variable_names(template: Template) -> list[str]:
    """Variable names, with those that ARM's variable loops declare in place of `copy`."""
    loops = property_loops(template.variables)
    names = [name for name in template.variables if not (loops and name == "copy")]
    return names + [str(c["name"]) for c in loops]


def _main(
    template: Template,
    parameters: list[Declaration],
    variables: list[Declaration],
    resources: list[BicepResource],
    outputs: list[Declaration],
) -> str:
    text = env.template("bicep/main.bicep.j2").render(
        generator=f"armc {__version__}",
        source=Path(template.file).name,
        parameters=parameters,
        variables=variables,
        resources=resources,
        outputs=outputs,
    )
    return text.rstrip("\n") + "\n"


def _params(stem: str, assignments: list[Assignment]) -> str:
    text = env.template("bicep/main.bicepparam.j2").render(
        using=quote(f"./{stem}.bicep"), assignments=assignments, generator=f"armc {__version__}"
    )
    return text.rstrip("\n") + "\n"
