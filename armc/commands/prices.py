"""`armc prices import FILE...` and `armc prices update --region R...`: build price catalogs.

`import` reads saved Azure Retail Prices API pages (JSON) and CSV files in the format of
`../shared/prices/azure-retail-prices.csv`; `update` queries the API (paging with
NextPageLink). Both write an armc price catalog (`--output`)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from armc.commands.common import EXIT_INPUT
from armc.cost.catalog import SERVICES


@click.group("prices")
def prices() -> None:
    """Build and inspect armc price catalogs."""


def _today() -> str:
    return dt.datetime.now(dt.UTC).date().isoformat()


@prices.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--as-of", "as_of", help="The date of saved API pages (default: today, UTC).")
def import_(files: tuple[Path, ...], output: Path, as_of: str | None) -> None:
    """Build a catalog from saved API pages (.json) and price CSV files (.csv)."""
    from armc.cost.importer import ImportError_, import_files

    try:
        result = import_files(files, as_of=as_of or _today())
    except ImportError_ as error:
        click.echo(f"armc: {error}", err=True)
        sys.exit(EXIT_INPUT)
    catalog = result.catalog()
    _write(output, catalog.dumps())
    click.echo(f"wrote {output}: {len(catalog)} prices ({result.skipped} items skipped)")


@prices.command("update")
@click.option("--region", "regions", multiple=True, required=True, help="armRegionName; repeat.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option(
    "--base",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A catalog to update: its other regions and services are kept.",
)
@click.option("--endpoint", default=None, help="The API URL (default: the public API).")
@click.option("--timeout", default=60.0, show_default=True, help="Seconds per request.")
def update(
    regions: tuple[str, ...],
    output: Path,
    base: Path | None,
    endpoint: str | None,
    timeout: float,
) -> None:
    """Fetch current prices for the regions from the Azure Retail Prices API."""
    from urllib.error import URLError

    from armc.cost.catalog import CatalogError, load_catalog
    from armc.cost.importer import API_URL, ImportError_, fetch_regions

    try:
        result = fetch_regions(
            regions, as_of=_today(), base_url=endpoint or API_URL, timeout=timeout
        )
        catalog = result.catalog()
        if base is not None:
            catalog = load_catalog(base).merged(catalog)
    except (URLError, OSError, ValueError, ImportError_, CatalogError) as error:
        click.echo(f"armc: cannot update prices: {error}", err=True)
        sys.exit(EXIT_INPUT)
    _write(output, catalog.dumps())
    click.echo(f"wrote {output}: {len(catalog)} prices ({result.skipped} items skipped)")


def _write(output: Path, text: str) -> None:
    from armc.emit.files import write_all

    try:
        write_all({output: text})
    except OSError as error:  # a missing or read-only folder, a directory in the way
        click.echo(f"armc: error[IO003]: cannot write '{output}': {error.strerror}", err=True)
        sys.exit(EXIT_INPUT)


@prices.command("show")
@click.option("--catalog", "catalog_file", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--service",
    type=click.Choice(SERVICES),
    help="Only this service's prices.",
)
@click.option("--region")
def show(catalog_file: Path | None, service: str | None, region: str | None) -> None:
    """List the prices of a catalog (default: the shipped one)."""
    from armc.cost.catalog import CatalogError, default_catalog, load_catalog

    try:
        catalog = load_catalog(catalog_file) if catalog_file else default_catalog()
    except CatalogError as error:
        click.echo(f"armc: {error}", err=True)
        sys.exit(EXIT_INPUT)
    for entry in catalog:
        if (service and entry.service != service) or (region and entry.region != region.lower()):
            continue
        click.echo(
            f"{entry.service:<13} {entry.region:<14} {entry.sku:<22} {entry.os:<7} "
            f"{entry.pricing:<15} {entry.usd:f} per {entry.unit} (as of {entry.as_of})"
        )
