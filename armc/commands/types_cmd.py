"""`armc types`: the resource property types armc checks templates against (docs/types.md)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from armc.types.tables import PackageTables, Spec


@click.group("types")
def types_cmd() -> None:
    """The resource types armc knows from Azure's REST models, and their properties.

    The tables are generated from the azure-mgmt-* SDKs by `python tools/generate_types.py`
    (see docs/types.md)."""


@types_cmd.command("list")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="Output format.",
)
def list_types(output_format: str) -> None:
    """Every covered resource type with the api-versions its tables describe."""
    from armc.types.tables import covered_types, entries

    rows = []
    for kind in covered_types():
        found = entries(kind)
        rows.append(
            {
                "type": kind,
                "api_versions": [e.api_version for e in found],
                "packages": sorted(
                    {f"{e.package.split('==')[0]} {e.package_version}" for e in found}
                ),
            }
        )
    if output_format == "json":
        click.echo(json.dumps(rows, indent=2))
        return
    for row in rows:
        versions = row["api_versions"]
        shown = versions[-1] if len(versions) == 1 else f"{versions[0]} .. {versions[-1]}"
        count = f" ({len(versions)} api-versions)" if len(versions) > 1 else ""
        click.echo(f"{row['type']}  {shown}{count}  {', '.join(row['packages'])}")


@types_cmd.command("show")
@click.argument("resource_type")
@click.option("--depth", type=click.IntRange(1, 20), default=4, show_default=True)
def show(resource_type: str, depth: int) -> None:
    """The property tree of RESOURCE_TYPE[@API_VERSION] (the newest table by default):
    JSON type, read-only, required, enum values."""
    from armc.diagnostics import did_you_mean
    from armc.types.tables import covered_types, entries, lookup, package

    kind, _, api_version = resource_type.partition("@")
    found = entries(kind)
    if not found:
        hint = did_you_mean(kind, covered_types())
        message = f"armc has no type table for '{kind}'" + (f"; {hint}" if hint else "")
        raise click.UsageError(message)
    entry = lookup(kind, api_version) if api_version else found[-1]
    assert entry is not None
    click.echo(entry.source)
    tables = package(entry.package)
    model = tables.model(entry.model)
    if model is not None:
        for line in _tree(tables, model.name, 0, depth, (model.name,)):
            click.echo(line)


def _describe(tables: PackageTables, spec: Spec) -> tuple[str, str | None]:
    """("string", None), ("array of object", model name), ("enum", ...)."""
    if isinstance(spec, str):
        return spec, None
    kind, inner = spec
    if kind == "model":
        return "object", inner
    if kind == "enum":
        enum = tables.enum(inner)
        if enum is None:
            return "string", None
        more = "" if enum.extensible else ", closed"
        return f"enum ({' | '.join(enum.values)}{more})", None
    text, model = _describe(tables, inner)
    return f"{kind} of {text}", model


def _tree(
    tables: PackageTables, name: str, level: int, depth: int, seen: tuple[str, ...]
) -> list[str]:
    model = tables.model(name)
    if model is None:
        return []
    lines = []
    for prop in sorted(model.properties.values(), key=lambda p: p.name.lower()):
        text, inner = _describe(tables, prop.spec)
        flags = [f for f, on in (("read-only", prop.read_only), ("required", prop.required)) if on]
        suffix = f" ({', '.join(flags)})" if flags else ""
        lines.append(f"{'  ' * level}{prop.name}: {text}{suffix}")
        if inner is not None and inner not in seen and level + 1 < depth and not prop.read_only:
            lines.extend(_tree(tables, inner, level + 1, depth, (*seen, inner)))
    if model.subtypes and level + 1 < depth:
        for value, sub in sorted(model.subtypes.items()):
            lines.append(f"{'  ' * level}[{model.discriminator} = {value}]")
            lines.extend(_tree(tables, sub, level + 1, depth, (*seen, sub)))
    return lines
