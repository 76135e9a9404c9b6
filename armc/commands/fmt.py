"""`armc fmt [--check] [--diff] PATH...`: rewrite .armc files in the canonical layout."""

from __future__ import annotations

import difflib
import sys
from pathlib import Path

import click

from armc.commands.common import EXIT_FINDINGS, EXIT_INPUT, print_diagnostics
from armc.diagnostics import Diagnostic, Severity
from armc.source import SourceFile, SourceRegistry


@click.command("fmt")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--check", is_flag=True, help="Write nothing; exit 1 when a file would change.")
@click.option("--diff", "show_diff", is_flag=True, help="Print a unified diff of the changes.")
def fmt(paths: tuple[Path, ...], check: bool, show_diff: bool) -> None:
    """Format .armc files (directories are searched) in one canonical layout.

    Comments are kept, and the build output of a formatted file is byte-identical. Files with
    syntax errors are reported and left alone."""
    sources = SourceRegistry()
    problems: list[Diagnostic] = []
    changed: list[Path] = []
    for path in armc_files(paths, problems):
        outcome = format_file(path, problems)
        if outcome is None:
            continue
        before, after = outcome
        if before == after:
            continue
        changed.append(path)
        if show_diff:
            click.echo(_diff(path, before, after), nl=False)
        if not check and not show_diff:
            _write(path, after)
    print_diagnostics(problems, sources)
    for path in changed:
        verb = "would reformat" if check or show_diff else "reformatted"
        click.echo(f"{verb} {path}", err=True)
    if any(d.severity is Severity.ERROR for d in problems):
        sys.exit(EXIT_INPUT)
    if check and changed:
        sys.exit(EXIT_FINDINGS)


def armc_files(paths: tuple[Path, ...], problems: list[Diagnostic]) -> list[Path]:
    """The .armc files named or found (recursively, sorted) below the given directories."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*.armc") if p.is_file()))
        elif path.is_file():
            found.append(path)
        else:
            problems.append(
                Diagnostic(
                    "IO001", "file-not-found", Severity.ERROR, f"cannot read '{path}': no such file"
                )
            )
    return list(dict.fromkeys(found))


def format_file(path: Path, problems: list[Diagnostic]) -> tuple[str, str] | None:
    """(original text, formatted text), or None with the syntax errors added to `problems`."""
    from armc.diagnostics import CompileError
    from armc.dsl.format import format_source
    from armc.dsl.parser import parse_program

    try:
        source = SourceFile(str(path), path.read_bytes().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError) as error:
        problems.append(
            Diagnostic("DSL111", "unreadable-file", Severity.ERROR, f"cannot read {path}: {error}")
        )
        return None
    try:
        parse_program(source)
    except CompileError as error:
        problems.extend(error.diagnostics)
        return None
    return source.text, format_source(source.text)


def _diff(path: Path, before: str, after: str) -> str:
    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=f"{path} (original)",
        tofile=f"{path} (formatted)",
    )
    return "".join(lines)


def _write(path: Path, text: str) -> None:
    """Replace the file atomically (a temporary file beside it, then a rename)."""
    temporary = path.with_name(f".{path.name}.armc-fmt.tmp")
    import shutil

    temporary.write_bytes(text.encode("utf-8"))
    shutil.copymode(path, temporary)
    temporary.replace(path)
