"""`armc build FILE... [-o DIR | --stdout] [--target arm|bicep|both]`: compile .armc files to
ARM JSON and/or Bicep."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from armc.commands.common import EXIT_INPUT, print_diagnostics
from armc.diagnostics import Diagnostic, Severity
from armc.source import SourceRegistry

if TYPE_CHECKING:
    from armc.api import Target


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--out-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write the outputs here (default: beside each source).",
)
@click.option("--stdout", "to_stdout", is_flag=True, help="Print the template instead of writing.")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 when outputs on disk are stale.")
@click.option(
    "--target",
    type=click.Choice(["arm", "bicep", "both"]),
    default="arm",
    show_default=True,
    help="ARM JSON (<stem>.json, <stem>.parameters.json), Bicep (<stem>.bicep, "
    "<stem>.bicepparam), or both.",
)
def build(
    files: tuple[Path, ...], out_dir: Path | None, to_stdout: bool, check: bool, target: Target
) -> None:
    """Compile .armc FILES to ARM JSON or Bicep templates and their parameters files.

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
        result = build_file(path, sources, target)
        problems.extend(result.diagnostics)
        if not result.succeeded:
            continue
        produced = result.files(out_dir if out_dir is not None else path.parent)
        clash = next((p for p in produced if p in outputs), None)
        if clash is not None:
            problems.append(_clash(path, clash))
            continue
        outputs.update(produced)
        printed.extend(result.templates())
    problems.sort(key=Diagnostic.sort_key)
    print_diagnostics(problems, redact_dsl_sources(sources))  # no secure default in a frame
    if any(d.severity is Severity.ERROR for d in problems):
        count = sum(d.severity is Severity.ERROR for d in problems)
        click.echo(f"armc: build failed with {count} error(s); nothing written", err=True)
        sys.exit(EXIT_INPUT)
    if to_stdout:
        click.echo("".join(printed), nl=False)
        return
    if check:
        from armc.staleness import check_outputs

        lines, fresh = check_outputs(outputs)
        click.echo("\n".join(lines), err=True)
        sys.exit(0 if fresh else 1)
    try:
        write_all(outputs)
    except OSError as error:  # a full disk, a read-only folder, a directory in the way
        where = f" '{error.filename}'" if error.filename else ""
        message = f"cannot write{where}: {error.strerror or error}"
        print_diagnostics([Diagnostic("IO003", "write-error", Severity.ERROR, message)], sources)
        sys.exit(EXIT_INPUT)
    for target_path in sorted(outputs):
        if _is_template(target_path):
            click.echo(f"wrote {target_path}", err=True)


def _is_template(path: Path) -> bool:
    return path.suffix == ".bicep" or (
        path.suffix == ".json" and not path.name.endswith(".parameters.json")
    )


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
