"""`armc explain RULE`: what a rule checks and why."""

from __future__ import annotations

import json
from pathlib import Path

import click

from armc.commands.common import EXIT_INPUT


@click.command("explain")
@click.argument("rule")
@click.option(
    "--dependency",
    nargs=2,
    metavar="A B",
    help="With a FILE: why resource A depends on resource B (each reference, with its line).",
)
@click.option(
    "--resource",
    metavar="NAME",
    help="With a FILE: what a declaration expands to, and which values are armc's defaults.",
)
@click.option(
    "--parameters",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A parameters file for an ARM JSON FILE.",
)
def explain(
    rule: str,
    dependency: tuple[str, str] | None,
    resource: str | None,
    parameters: Path | None,
) -> None:
    """Explain RULE (an id such as AZS001, or a name such as secure-parameter-default).

    `armc explain FILE --dependency A B` says why A depends on B; `armc explain FILE
    --resource NAME` shows what a DSL declaration expands to."""
    if dependency or resource:
        _explain_file(Path(rule), dependency, resource, parameters)
        return
    from armc.diagnostics import did_you_mean
    from armc.rules.registry import default_registry

    registry = default_registry()
    found = registry.get(rule)
    if found is None:
        hint = did_you_mean(rule, registry.keys())
        click.echo(f"armc: unknown rule '{rule}'" + (f"; {hint}" if hint else ""), err=True)
        click.echo("armc: `armc rules` lists every rule", err=True)
        raise SystemExit(EXIT_INPUT)
    lines = [
        f"{found.id} {found.name} ({found.category}, default: {found.default_severity})",
        "",
        found.summary,
        "",
        click.wrap_text(found.rationale, width=78),
        "",
    ]
    if found.equivalents:
        lines.append("Equivalent checks: " + ", ".join(found.equivalents))
    for name, option in sorted(found.options.items()):
        default = json.dumps(option.default)
        lines.append(f"Option {name} ({option.type_name}, default {default}): {option.description}")
    lines.append(f"Suppress: # armc: ignore[{found.id}] reason")
    lines.append(f"Docs: {found.help_uri}")
    click.echo("\n".join(lines))


def _explain_file(
    path: Path,
    dependency: tuple[str, str] | None,
    resource: str | None,
    parameters: Path | None,
) -> None:
    from armc.commands.explain_file import ExplainError, explain_dependency, explain_resource
    from armc.commands.graph import load_or_exit
    from armc.model.graph import build_graph

    loaded = load_or_exit(path, parameters)
    template = loaded.template
    assert template is not None
    try:
        if dependency:
            graph = build_graph(template)
            text = explain_dependency(template, graph, *dependency, loaded.sources, loaded.names)
        else:
            assert resource is not None
            text = explain_resource(template, resource, loaded.sources, loaded.names)
    except ExplainError as error:
        click.echo(f"armc: {error}", err=True)
        raise SystemExit(EXIT_INPUT) from None
    click.echo(text, nl=False)
