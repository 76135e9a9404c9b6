"""`armc lint PATH...`: check ARM JSON templates and .armc files without deploying them.

Paths may be files, directories (searched recursively: `*.json` templates, `.armc` files;
other JSON is skipped quietly) or globs. In a directory, `x.parameters.json` next to `x.json`
is checked against it but not used for evaluation (such files often hold placeholders);
`--parameters FILE` makes its values count. Exit codes: 0 clean, 1 findings at or above
`--fail-on`, 2 input errors (a named file that cannot be read, is not JSON or not a template;
a bad configuration or baseline).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from armc.commands.common import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, SEVERITY_CHOICE, fails
from armc.diagnostics import CompileError, Diagnostic, Severity

if TYPE_CHECKING:
    from armc.config import Config
    from armc.linting import LintJob

FORMATS = ("text", "json", "sarif", "github", "junit", "markdown")


@click.command("lint")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--parameters",
    "parameters_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="A parameters file (deploymentParameters JSON) whose values the templates take.",
)
@click.option(
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="A parameter value (overrides the parameters file); repeatable.",
)
@click.option(
    "--fail-on",
    type=SEVERITY_CHOICE,
    default=None,
    help="Exit 1 when a finding is at least this severe [default: the config's, else error].",
)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="Write the report here."
)
@click.option("--select", multiple=True, help="Rules to run (ids, names, categories); repeatable.")
@click.option("--ignore", multiple=True, help="Rules to leave out; repeatable.")
@click.option(
    "--config",
    "config_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="A configuration file (default: the nearest .armc.toml or pyproject.toml).",
)
@click.option(
    "--baseline",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Report only findings that this baseline does not record.",
)
@click.option(
    "--write-baseline",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Record every finding of this run in a baseline file.",
)
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Worker processes for many files.")
def lint(
    paths: tuple[str, ...],
    parameters_file: Path | None,
    params: tuple[str, ...],
    fail_on: str | None,
    fmt: str,
    output: Path | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    config_file: Path | None,
    baseline: Path | None,
    write_baseline: Path | None,
    jobs: int | None,
) -> None:
    """Lint ARM JSON templates and .armc files (files, directories or globs)."""
    from armc.analysis.batch import run_batch
    from armc.analysis.pipeline import finish
    from armc.analysis.run import resolve_config
    from armc.commands.common import print_diagnostics
    from armc.linting import lint_file, prepare_workers
    from armc.source import SourceRegistry

    try:
        config = resolve_config(
            config_file=config_file,
            start=Path(paths[0]) if paths else None,
            select=select,
            ignore=ignore,
            fail_on=fail_on,
        )
    except CompileError as error:
        print_diagnostics(error.diagnostics, SourceRegistry())
        sys.exit(EXIT_INPUT)
    if parameters_file is not None and not parameters_file.is_file():
        raise click.BadParameter(f"'{parameters_file}' does not exist", param_hint="--parameters")

    job_list, missing = _jobs(paths, config, parameters_file, params, sources=fmt == "text")
    outcomes = run_batch(lint_file, job_list, jobs=jobs, prepare=prepare_workers)
    reports = [o.report for o in outcomes if o.report is not None]
    input_error = bool(missing) or any(o.input_error for o in outcomes)
    try:
        outcome = finish(
            reports,
            format=fmt,
            baseline=baseline,
            write_baseline_to=write_baseline,
            colour=output is None and sys.stdout.isatty(),
        )
    except CompileError as error:
        print_diagnostics(error.diagnostics, SourceRegistry())
        sys.exit(EXIT_INPUT)
    print_diagnostics(missing, SourceRegistry())
    if output is not None:
        from armc.emit.files import write_all

        try:
            write_all({output: outcome.text})
        except OSError as error:  # a missing or read-only folder
            click.echo(f"armc: error[IO003]: cannot write '{output}': {error.strerror}", err=True)
            sys.exit(EXIT_INPUT)
    elif outcome.text:
        click.echo(outcome.text, nl=not outcome.text.endswith("\n"))
    if outcome.baselined:
        click.echo(f"armc: {outcome.baselined} finding(s) hidden by the baseline", err=True)
    if input_error:
        sys.exit(EXIT_INPUT)
    sys.exit(EXIT_FINDINGS if fails(outcome.diagnostics, config.fail_on) else EXIT_OK)


def _jobs(
    paths: tuple[str, ...],
    config: Config,
    parameters_file: Path | None,
    params: tuple[str, ...],
    *,
    sources: bool = True,
) -> tuple[list[LintJob], list[Diagnostic]]:
    import glob

    from armc.analysis.files import collect_files
    from armc.linting import LintJob

    jobs: list[LintJob] = []
    missing: list[Diagnostic] = []
    seen: set[Path] = set()
    for argument in paths:
        path = Path(argument)
        if path.is_file():
            found, named, root = [path], True, path.parent
        elif path.is_dir() or glob.has_magic(argument):
            found, named = collect_files([argument]).files, False
            root = path if path.is_dir() else Path(".")
            if not found and not path.is_dir():
                missing.append(_missing(argument))
        else:
            missing.append(_missing(argument))
            continue
        for item in found:
            if item not in seen:
                seen.add(item)
                jobs.append(LintJob(item, named, root, config, parameters_file, params, sources))
    return jobs, missing


def _missing(argument: str) -> Diagnostic:
    message = f"cannot read '{argument}': no such file or directory"
    return Diagnostic("IO001", "file-not-found", Severity.ERROR, message)
