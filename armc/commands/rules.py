"""`armc rules`: list the rules."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from armc.rules.base import Rule


@click.command("rules")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "json", "markdown"]),
    default="table",
    show_default=True,
    help="Output format.",
)
@click.option("--category", help="Only the rules of this category.")
def rules(output_format: str, category: str | None) -> None:
    """List every rule: id, name, category, default level and summary."""
    from armc.rules.docs import rule_metadata, rules_table
    from armc.rules.registry import default_registry

    selected = [r for r in default_registry() if category is None or r.category == category]
    if output_format == "json":
        click.echo(json.dumps([rule_metadata(r) for r in selected], indent=2))
    elif output_format == "markdown":
        click.echo(rules_table(selected, links=False), nl=False)
    else:
        click.echo(_table(selected), nl=False)


def _table(selected: list[type[Rule]]) -> str:
    header = ("ID", "NAME", "CATEGORY", "LEVEL", "SUMMARY")
    rows = [(r.id, r.name, r.category, r.default_severity, r.summary) for r in selected]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(4)]
    lines = []
    for row in [header, *rows]:
        cells = [row[i].ljust(widths[i]) for i in range(4)]
        lines.append("  ".join([*cells, row[4]]))
    return "\n".join(lines) + "\n"
