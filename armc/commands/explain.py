"""`armc explain RULE`: what a rule checks and why."""

from __future__ import annotations

import json

import click

from armc.commands.common import EXIT_INPUT


@click.command("explain")
@click.argument("rule")
def explain(rule: str) -> None:
    """Explain RULE (an id such as AZS001, or a name such as secure-parameter-default)."""
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
