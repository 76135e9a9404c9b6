"""The `armc` command line. Sub-commands live in `armc/commands/`, imported lazily so that
`armc --version` and `armc X --help` stay fast."""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any

import click

from armc import __version__

# command name -> (module, attribute, short help); loaded only when used.
_COMMANDS: dict[str, tuple[str, str, str]] = {
    "build": ("armc.commands.build", "build", "Compile .armc files to ARM JSON and/or Bicep."),
    "lint": ("armc.commands.lint", "lint", "Lint ARM JSON templates and .armc files."),
    "rules": ("armc.commands.rules", "rules", "List the lint rules."),
    "explain": ("armc.commands.explain", "explain", "Explain a rule, a dependency or a resource."),
    "fmt": ("armc.commands.fmt", "fmt", "Format .armc files in the canonical layout."),
    "graph": ("armc.commands.graph", "graph", "Print the dependency graph of a template."),
    "import": ("armc.commands.import_cmd", "import_cmd", "Turn an ARM template into .armc."),
    "init": ("armc.commands.init", "init", "Scaffold a small armc project."),
    "cost": ("armc.commands.cost", "cost", "Estimate the monthly cost of templates; cost diffs."),
    "prices": ("armc.commands.prices", "prices", "Build and inspect price catalogs."),
    "types": ("armc.commands.types_cmd", "types_cmd", "Resource property types (Azure's models)."),
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(_COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        entry = _COMMANDS.get(cmd_name)
        if entry is None:
            return None
        module = importlib.import_module(entry[0])
        command: click.Command = getattr(module, entry[1])
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, _COMMANDS[name][2]) for name in sorted(_COMMANDS)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="armc")
@click.option("--debug", is_flag=True, help="Show tracebacks for internal errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """armc: compile a compact VM DSL to ARM templates, and lint ARM templates."""
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


def main(argv: list[str] | None = None) -> Any:
    """Entry point: internal errors print one line (a traceback only with --debug), exit 3."""
    debug = "--debug" in (argv if argv is not None else sys.argv[1:])
    try:
        return cli.main(args=argv, prog_name="armc", standalone_mode=True)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        click.echo("armc: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # only bugs get here: input errors are diagnostics
        if debug:
            raise
        click.echo(f"armc: internal error: {type(exc).__name__}: {exc}", err=True)
        click.echo("armc: run again with --debug for a traceback, and please report it", err=True)
        sys.exit(3)


def run() -> None:
    """The console entry point (`armc`, `python -m armc`): `main()`, then a prompt exit.

    A lint of many files leaves the process holding millions of small objects (parsed
    templates' caches, expression trees); tearing the interpreter down freed them one by one,
    half a second after the report was written. Like mypy, the process ends without that:
    output streams are flushed and every file was written and closed before. Under a tracer or
    profiler (coverage, cProfile) the interpreter exits normally, so they can write results."""
    try:
        main()
        code: object = 0
    except SystemExit as exit_:
        code = exit_.code
    if sys.gettrace() is not None or sys.getprofile() is not None:
        sys.exit(code)  # type: ignore[arg-type]
    if code is None:
        code = 0
    elif not isinstance(code, int):
        print(code, file=sys.stderr)  # what sys.exit("text") prints
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`armc lint . | head`)
            code = code or 1
    os._exit(code)
