"""`armc import TEMPLATE.json [--parameters F] [-o OUT.armc]`: ARM JSON to armc DSL."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from armc.commands.common import EXIT_FINDINGS, EXIT_INPUT, print_diagnostics
from armc.diagnostics import Severity
from armc.source import SourceRegistry


@click.command("import")
@click.argument("template", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--parameters",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A parameters file whose values the import evaluates the template with.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here.")
@click.option("--check", is_flag=True, help="Also build the result and compare it with TEMPLATE.")
def import_cmd(template: Path, parameters: Path | None, output: Path | None, check: bool) -> None:
    """Turn an ARM JSON TEMPLATE into an .armc file (printed, or written with -o).

    Exit 1 when some value could not be imported exactly (each is listed), or with --check when
    the build of the result differs from TEMPLATE."""
    from armc.dsl.format import format_source
    from armc.importer import import_file

    if not template.is_file():
        click.echo(f"armc: cannot read '{template}': no such file", err=True)
        sys.exit(EXIT_INPUT)
    result, loaded = import_file(template, parameters)
    if result is None:
        sources = SourceRegistry()
        for source in loaded.sources:
            sources.add(source)
        print_diagnostics([d for d in loaded.diagnostics if d.severity is Severity.ERROR], sources)
        sys.exit(EXIT_INPUT)
    text = format_source(result.text)
    if output is None:
        click.echo(text, nl=False)
    else:
        from armc.emit.files import write_all

        try:
            write_all({output: text})
        except OSError as error:  # a missing or read-only folder, a directory in the way
            reason = error.strerror or error
            click.echo(f"armc: error[IO003]: cannot write '{output}': {reason}", err=True)
            sys.exit(EXIT_INPUT)
        click.echo(f"wrote {output}", err=True)
    for info in result.info:
        click.echo(f"armc: note: {info}", err=True)
    for note in result.notes:
        click.echo(f"armc: not imported exactly: {note}", err=True)
    failed = bool(result.notes)
    if check:
        from armc.importer.roundtrip import compare_text

        name = str(output or template.with_suffix(".armc"))
        differences = compare_text(loaded, text, name, result.params)
        for difference in differences:
            click.echo(f"armc: round trip: {difference}", err=True)
        failed = failed or bool(differences)
    if failed:
        sys.exit(EXIT_FINDINGS)
