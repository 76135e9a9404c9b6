"""`armc lint PATH...`: check ARM JSON templates (and .armc files) without deploying them.

Directories are searched recursively: `*.json` files whose `$schema` is a deploymentTemplate
schema are linted, other JSON is skipped quietly, `.armc` files go to the DSL front-end. In a
directory, `x.parameters.json` next to `x.json` is checked against it (unknown names, types,
allowed values, ranges, missing values) but the template is evaluated with its defaults, since
such files often hold placeholders; `--parameters FILE` makes the values count (for every
template named). A file named on the command line uses only `--parameters`. Exit codes: 0 clean,
1 findings at or above `--fail-on`, 2 input errors (a named file that cannot be read, is not
JSON, or is not a template).
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import click

from armc.arm import codes
from armc.arm.loader import LoadOptions, is_template_document, load_template
from armc.arm.parameters import is_parameters_document
from armc.arm.reader import read_file
from armc.commands.common import (
    EXIT_FINDINGS,
    EXIT_INPUT,
    EXIT_OK,
    SEVERITY_CHOICE,
    fails,
    print_diagnostics,
)
from armc.diagnostics import CompileError, Diagnostic, Severity
from armc.model.template import Template
from armc.report.text import summary_line
from armc.source import SourceRegistry


@dataclass
class _Run:
    sources: SourceRegistry = field(default_factory=SourceRegistry)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    input_error: bool = False
    files: int = 0

    def note(self, code: codes.Code, severity: Severity, message: str) -> None:
        self.diagnostics.append(codes.make(code, severity, message))


@click.command("lint")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--parameters",
    "parameters_file",
    type=click.Path(path_type=Path),
    help="A parameters file (deploymentParameters JSON) for the templates.",
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
    default="error",
    show_default=True,
    help="Exit 1 when a finding is at least this severe.",
)
def lint(
    paths: tuple[Path, ...], parameters_file: Path | None, params: tuple[str, ...], fail_on: str
) -> None:
    """Lint ARM JSON templates and .armc files (files or directories)."""
    run = _Run()
    for path in paths:
        if path.is_dir():
            _lint_directory(run, path, parameters_file, params)
        else:
            _lint_named_file(run, path, parameters_file, params)
    diagnostics = _unique(run.diagnostics)
    print_diagnostics(diagnostics, run.sources)
    if diagnostics or run.files != 1:
        click.echo(f"armc: {run.files} file(s) checked: {summary_line(diagnostics)}", err=True)
    if run.input_error:
        raise SystemExit(EXIT_INPUT)
    raise SystemExit(EXIT_FINDINGS if fails(diagnostics, fail_on) else EXIT_OK)


def _unique(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    seen: dict[tuple[object, ...], Diagnostic] = {}
    for item in diagnostics:
        seen.setdefault((item.code, item.span, item.message), item)
    return sorted(seen.values(), key=Diagnostic.sort_key)


def _lint_named_file(
    run: _Run, path: Path, parameters_file: Path | None, params: tuple[str, ...]
) -> None:
    if path.suffix == ".armc":
        _lint_dsl(run, path)
        return
    document = read_file(path, str(path))
    run.sources.add(document.source)
    if not document.ok:
        run.diagnostics.extend(document.diagnostics)
        run.input_error = True
        return
    if not is_template_document(document.value):
        if is_parameters_document(document.value):
            message = f"{path} is a parameters file: pass it with --parameters"
        elif isinstance(document.value, dict) and "resources" in document.value:
            _lint_template(run, path, path.parent, parameters_file, params)
            return
        else:
            message = f"{path} is not an ARM template (no deploymentTemplate $schema)"
        run.note(codes.INPUT_ERROR, Severity.ERROR, message)
        run.input_error = True
        return
    _lint_template(run, path, path.parent, parameters_file, params)


def _lint_directory(
    run: _Run, root: Path, parameters_file: Path | None, params: tuple[str, ...]
) -> None:
    for path in sorted(root.rglob("*")):
        if not path.is_file() or any(part.startswith(".") for part in path.relative_to(root).parts):
            continue
        if path.suffix == ".armc":
            _lint_dsl(run, path)
        elif path.suffix == ".json" and not path.name.endswith(".parameters.json"):
            document = read_file(path, str(path))
            if not document.ok and "deploymenttemplate" in document.source.text.lower():
                # a broken template is a finding (other broken JSON is not ours to judge)
                run.sources.add(document.source)
                run.diagnostics.extend(document.diagnostics)
                run.files += 1
            elif document.ok and is_template_document(document.value):
                sibling = path.with_name(path.stem + ".parameters.json")
                paired = sibling if parameters_file is None and sibling.is_file() else None
                _lint_template(run, path, root, parameters_file, params, paired)


def _lint_template(
    run: _Run,
    path: Path,
    root: Path,
    parameters_file: Path | None,
    params: tuple[str, ...],
    paired: Path | None = None,
) -> None:
    run.files += 1
    options = LoadOptions(
        parameters_file=parameters_file,
        params=params,
        root=root.resolve(),
        check_parameters_file=paired,
    )
    loaded = load_template(path, options, display=str(path))
    loaded.evaluate_all()
    for source in loaded.sources:
        run.sources.add(source)
    for extra in (parameters_file, paired):
        if extra is not None:
            run.sources.add(read_file(extra, str(extra)).source)
    run.diagnostics.extend(loaded.diagnostics)
    if loaded.ok:
        run.diagnostics.extend(loaded.cycle_diagnostics())


def _dsl_compiler() -> Callable[[Path, SourceRegistry], Template] | None:
    """`armc.dsl.compile_file` when the DSL front-end is part of this installation."""
    if importlib.util.find_spec("armc.dsl") is None:
        return None
    module = importlib.import_module("armc.dsl")
    compiler: Callable[[Path, SourceRegistry], Template] | None = getattr(
        module, "compile_file", None
    )
    return compiler


def _lint_dsl(run: _Run, path: Path) -> None:
    compile_file = _dsl_compiler()
    if compile_file is None:
        message = f"{path}: skipped (the DSL front-end is not installed)"
        run.note(codes.SKIPPED_FILE, Severity.INFO, message)
        return
    run.files += 1
    try:
        template = compile_file(path, run.sources)
    except CompileError as error:
        run.diagnostics.extend(error.diagnostics)
        return
    from armc.model.graph import build_graph, cycle_diagnostics

    run.diagnostics.extend(cycle_diagnostics(template, build_graph(template)))
