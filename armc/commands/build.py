"""`armc build FILE... [-o DIR | --stdout]`: compile .armc files to ARM JSON."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from armc.commands.common import EXIT_INPUT, print_diagnostics
from armc.diagnostics import Diagnostic, Severity
from armc.source import SourceRegistry


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--out-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write <stem>.json and <stem>.parameters.json here (default: beside each source).",
)
@click.option("--stdout", "to_stdout", is_flag=True, help="Print the template instead of writing.")
def build(files: tuple[Path, ...], out_dir: Path | None, to_stdout: bool) -> None:
    """Compile .armc FILES to ARM JSON templates and parameters files.

    Nothing is written unless every file compiles; files are replaced atomically."""
    from armc.analysis.secrets import redact_dsl_sources
    from armc.api import build_file
    from armc.emit.files import write_all

    if out_dir is not None and to_stdout:
        raise click.UsageError("-o/--out-dir and --stdout exclude each other")
    sources = SourceRegistry()
    problems: list[Diagnostic] = []
    outputs: dict[Path, str] = {}
    printed: list[str] = []
    for path in files:
        if not path.is_file():
            problems.append(_missing(path))
            continue
        result = build_file(path, sources)
        problems.extend(result.diagnostics)
        if result.output is None:
            continue
        target_dir = out_dir if out_dir is not None else path.parent
        template_path = target_dir / f"{path.stem}.json"
        if template_path in outputs:
            problems.append(_clash(path, template_path))
            continue
        outputs[template_path] = result.output.template
        outputs[target_dir / f"{path.stem}.parameters.json"] = result.output.parameters
        printed.append(result.output.template)
    problems.sort(key=Diagnostic.sort_key)
    print_diagnostics(problems, redact_dsl_sources(sources))  # no secure default in a frame
    if any(d.severity is Severity.ERROR for d in problems):
        count = sum(d.severity is Severity.ERROR for d in problems)
        click.echo(f"armc: build failed with {count} error(s); nothing written", err=True)
        sys.exit(EXIT_INPUT)
    if to_stdout:
        click.echo("".join(printed), nl=False)
        return
    try:
        write_all(outputs)
    except OSError as error:  # a full disk, a read-only folder, a directory in the way
        where = f" '{error.filename}'" if error.filename else ""
        message = f"cannot write{where}: {error.strerror or error}"
        print_diagnostics([Diagnostic("IO003", "write-error", Severity.ERROR, message)], sources)
        sys.exit(EXIT_INPUT)
    for target in sorted(outputs):
        if not target.name.endswith(".parameters.json"):
            click.echo(f"wrote {target}", err=True)


def _missing(path: Path) -> Diagnostic:
    return Diagnostic(
        "IO001", "file-not-found", Severity.ERROR, f"cannot read '{path}': no such file"
    )


def _clash(path: Path, target: Path) -> Diagnostic:
    return Diagnostic(
        "IO002",
        "output-clash",
        Severity.ERROR,
        f"'{path}' would overwrite '{target}', written by another input of this build",
    )
