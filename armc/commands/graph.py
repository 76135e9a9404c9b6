"""`armc graph FILE [--format dot|mermaid|json|svg]`: the dependency graph, annotated."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import click

from armc.commands.common import EXIT_INPUT, print_diagnostics
from armc.diagnostics import CompileError, Diagnostic, Severity
from armc.model.template import Template
from armc.source import SourceRegistry


@dataclass
class Loaded:
    """A template read from a `.armc` or ARM JSON file, or the diagnostics of why it was not."""

    template: Template | None
    diagnostics: list[Diagnostic]
    sources: SourceRegistry
    names: dict[str, str] = field(default_factory=dict)
    """Evaluated resource names of an ARM template, by key (where known)."""


def load_any(path: Path, parameters: Path | None = None) -> Loaded:
    """Compile a `.armc` file or load an ARM JSON template (with an optional parameters file)."""
    sources = SourceRegistry()
    if not path.is_file():
        missing = Diagnostic(
            "IO001", "file-not-found", Severity.ERROR, f"cannot read '{path}': no such file"
        )
        return Loaded(None, [missing], sources)
    if path.suffix.lower() == ".armc":
        from armc.dsl import compile_file

        try:
            return Loaded(compile_file(path, sources), [], sources)
        except CompileError as error:
            return Loaded(None, list(error.diagnostics), sources)
    from armc.arm.loader import LoadOptions, load_template

    loaded = load_template(path, LoadOptions(parameters_file=parameters))
    for source in loaded.sources:
        sources.add(source)
    errors = [d for d in loaded.diagnostics if d.severity is Severity.ERROR]
    if not loaded.ok:
        return Loaded(None, errors, sources)
    names: dict[str, str] = {}
    for resource in loaded.template.resources:
        name = loaded.name(resource)
        if isinstance(name, str):
            names[resource.key] = name
    return Loaded(loaded.template, [], sources, names)


def load_or_exit(path: Path, parameters: Path | None = None) -> Loaded:
    """`load_any`, printing the diagnostics and exiting 2 when the file cannot be read."""
    loaded = load_any(path, parameters)
    if loaded.template is None:
        print_diagnostics(loaded.diagnostics, loaded.sources)
        click.echo(f"armc: cannot read a template from {path}", err=True)
        sys.exit(EXIT_INPUT)
    return loaded


@click.command("graph")
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["dot", "mermaid", "json", "svg"]),
    default="dot",
    show_default=True,
    help="dot (Graphviz), mermaid (pastes into GitHub), json, or svg (needs Graphviz's dot).",
)
@click.option(
    "--parameters",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A parameters file for an ARM JSON template.",
)
@click.option("--no-cost", is_flag=True, help="Leave out the monthly cost annotations.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here.")
def graph(
    file: Path, fmt: str, parameters: Path | None, no_cost: bool, output: Path | None
) -> None:
    """Print the dependency graph of FILE (.armc or ARM JSON): an edge A -> B means A depends
    on B. Nodes show the resource kind, the monthly cost (when armc's cost estimator is
    installed) and how the resource is exposed to the Internet."""
    from armc.graph_export import GraphvizMissing, graph_view, monthly_costs, render
    from armc.model.graph import build_graph

    loaded = load_or_exit(file, parameters)
    template = loaded.template
    assert template is not None
    costs = None if no_cost else monthly_costs(file)
    view = graph_view(template, build_graph(template), costs, names=loaded.names)
    try:
        text = render(view, fmt)
    except GraphvizMissing as error:
        click.echo(f"armc: {error}", err=True)
        sys.exit(EXIT_INPUT)
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(f"wrote {output}", err=True)
