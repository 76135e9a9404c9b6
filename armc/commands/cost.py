"""`armc cost FILE...` (monthly estimate) and `armc cost diff BASE HEAD` (PR cost changes).

`armc cost FILE...` is short for `armc cost estimate FILE...`. Exit codes: 0, 1 when the total
is over the budget (`--budget`, or `budget.monthly_usd` in the configuration), 2 for input
errors (a file that cannot be loaded, a bad catalog)."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from armc.commands.common import EXIT_FINDINGS, EXIT_INPUT
from armc.cost.render import FORMATS

if TYPE_CHECKING:
    from armc.cost.catalog import Catalog
    from armc.cost.estimate import LoadRequest
    from armc.cost.model import Estimate
    from armc.cost.pricing import PricingOptions

FORMAT_CHOICE = click.Choice(FORMATS, case_sensitive=False)
PLAN_CHOICE = click.Choice(["payg", "savings-plan-1y", "savings-plan-3y"], case_sensitive=False)


class _DefaultGroup(click.Group):
    """A group whose first argument, when it is not a sub-command, starts `estimate`."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        help_only = args and args[0] in ("-h", "--help")
        if args and not help_only and args[0] not in self.commands:
            args = ["estimate", *args]
        return super().parse_args(ctx, args)


def _file_option(flag: str, dest: str, help: str) -> Any:
    path = click.Path(exists=True, dir_okay=False, path_type=Path)
    return click.option(flag, dest, type=path, help=help)


def _common(function: Any) -> Any:
    """The options every cost command takes."""
    options = [
        _file_option("--parameters", "parameters_file", "A parameters file (JSON)."),
        click.option(
            "--param", "params", multiple=True, metavar="NAME=VALUE", help="A parameter value."
        ),
        click.option(
            "--region",
            default="eastus",
            show_default=True,
            help="The resource group's region (what resourceGroup().location means).",
        ),
        click.option("--format", "format_", type=FORMAT_CHOICE, default="table", show_default=True),
        _file_option("--catalog", "catalog_file", "A price catalog (default: armc's own)."),
        click.option(
            "--hours", default="730", show_default=True, help="Hours in a month for hourly meters."
        ),
        click.option(
            "--pricing",
            type=PLAN_CHOICE,
            default="payg",
            show_default=True,
            help="VM pricing where the catalog has it (spot VMs always use spot prices).",
        ),
    ]
    for option in reversed(options):
        function = option(function)
    return function


@click.group("cost", cls=_DefaultGroup, invoke_without_command=False)
def cost() -> None:
    """Estimate the monthly cost of templates (`armc cost FILE...`), or diff two versions."""


def _setup(
    *,
    catalog_file: Path | None,
    region: str,
    hours: str,
    pricing: str,
    parameters_file: Path | None,
    params: tuple[str, ...],
) -> tuple[Catalog, PricingOptions, LoadRequest]:
    from armc.cost.catalog import CatalogError, default_catalog, load_catalog
    from armc.cost.estimate import LoadRequest, normalise_region
    from armc.cost.pricing import PricingOptions

    try:
        catalog = load_catalog(catalog_file) if catalog_file else default_catalog()
    except CatalogError as error:
        click.echo(f"armc: {error}", err=True)
        sys.exit(EXIT_INPUT)
    hours_value = _amount(hours, "--hours")
    region = normalise_region(region)
    options = PricingOptions(catalog, region=region, hours=hours_value, pricing=pricing.lower())
    return catalog, options, LoadRequest(parameters_file, params, region)


def _estimate(
    paths: list[Path],
    catalog: Catalog,
    options: PricingOptions,
    request: LoadRequest,
    *,
    strict: bool = True,
) -> Estimate:
    """The estimate; a file that cannot be loaded is an input error (exit 2). Without
    `strict` (a directory was named), JSON that is not a template is skipped."""
    from armc.cost.estimate import LoadError, estimate_files

    try:
        result = estimate_files(paths, catalog, request=request, options=options, strict=strict)
    except LoadError as error:
        click.echo(f"armc: {error}", err=True)
        sys.exit(EXIT_INPUT)
    for problem in result.problems:
        click.echo(f"armc: {problem}", err=True)
    if result.problems:
        sys.exit(EXIT_INPUT)
    return result


@cost.command("estimate")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@_common
@click.option("--budget", type=str, help="Exit 1 when the total is above this (USD a month).")
def estimate(files: tuple[Path, ...], budget: str | None, **common: Any) -> None:
    """Estimate the monthly cost of ARM templates and .armc files."""
    from armc.cost.render import render_estimate

    format_: str = common.pop("format_")
    catalog, options, request = _setup(**common)
    strict = not any(f.is_dir() for f in files)
    result = _estimate(_expand(files), catalog, options, request, strict=strict)
    click.echo(render_estimate(result, format_.lower()), nl=False)
    limit = _budget(budget, files)
    if limit is not None and result.total_monthly_usd > limit:
        click.echo(
            f"armc: the estimate ${result.total_monthly_usd:,.2f} is over the budget "
            f"${limit:,.2f} a month",
            err=True,
        )
        sys.exit(EXIT_FINDINGS)


def _expand(files: tuple[Path, ...]) -> list[Path]:
    from armc.analysis.files import collect_files

    collected = collect_files([str(f) for f in files])
    if collected.missing:
        click.echo(f"armc: no such file: {', '.join(collected.missing)}", err=True)
        sys.exit(EXIT_INPUT)
    return collected.files


def _amount(value: str, hint: str) -> Decimal:
    """A finite number of at least 0 (NaN, Infinity and 1e999999 would crash the arithmetic)."""
    try:
        amount = Decimal(value)
    except InvalidOperation:
        raise click.BadParameter(f"not a number: {value}", param_hint=hint) from None
    if not amount.is_finite() or amount < 0 or amount.adjusted() > 15:
        raise click.BadParameter(f"not a number from 0 to 1e15: {value}", param_hint=hint)
    return amount


def _budget(value: str | None, files: tuple[Path, ...]) -> Decimal | None:
    if value is not None:
        return _amount(value, "--budget")
    from armc.config import load_config
    from armc.diagnostics import CompileError

    try:
        config = load_config(start=files[0] if files else Path.cwd())
    except CompileError as error:  # the budget gate must not pass because the file is broken
        from armc.commands.common import print_diagnostics
        from armc.source import SourceRegistry

        print_diagnostics(error.diagnostics, SourceRegistry())
        sys.exit(EXIT_INPUT)
    if config.budget_monthly_usd is None:
        return None
    return Decimal(str(config.budget_monthly_usd))


@cost.command("diff")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--git-base", "git_base", metavar="REV", help="Compare the working tree with REV.")
@_common
def diff(files: tuple[Path, ...], git_base: str | None, **common: Any) -> None:
    """Cost changes: `diff BASE HEAD` (two files), or `diff --git-base REV [FILE...]`."""
    from armc.cost.diff import diff_estimates
    from armc.cost.render import render_diff

    format_: str = common.pop("format_")
    catalog, options, request = _setup(**common)
    if git_base is None:
        if len(files) != 2:
            raise click.UsageError("give BASE and HEAD files, or --git-base REV")
        base = _estimate([files[0]], catalog, options, request)
        head = _estimate([files[1]], catalog, options, request)
    else:
        base, head = _git_estimates(git_base, files, catalog, options, request)
    click.echo(render_diff(diff_estimates(base, head), format_.lower()), nl=False)


def _git(*args: str, cwd: Path | None = None) -> bytes:
    try:
        return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True).stdout
    except (OSError, subprocess.CalledProcessError) as exc:
        detail = getattr(exc, "stderr", b"") or b""
        message = detail.decode("utf-8", "replace").strip() or str(exc)
        click.echo(f"armc: git {' '.join(args)}: {message}", err=True)
        sys.exit(EXIT_INPUT)


def _git_estimates(
    rev: str,
    files: tuple[Path, ...],
    catalog: Catalog,
    options: PricingOptions,
    request: LoadRequest,
) -> tuple[Estimate, Estimate]:
    """Estimates of the files at `rev` (an archive of that tree) and in the working tree.
    Without files: the templates that changed between `rev` and the working tree."""
    import io
    import tarfile

    from armc.analysis.files import TEMPLATE_SUFFIXES

    top = Path(_git("rev-parse", "--show-toplevel").decode().strip())
    if files:
        relative = [Path(f).resolve().relative_to(top) for f in files]
    else:
        names = _git("diff", "--name-only", rev, "--", cwd=top).decode().splitlines()
        relative = [Path(n) for n in names if n.lower().endswith(TEMPLATE_SUFFIXES)]
        relative = [p for p in relative if not p.name.lower().endswith(".parameters.json")]
    archive = _git("archive", "--format=tar", rev, cwd=top)
    with tempfile.TemporaryDirectory(prefix="armc-cost-") as folder:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(folder, filter="data")
        old = [Path(folder) / p for p in relative if (Path(folder) / p).is_file()]
        new = [top / p for p in relative if (top / p).is_file()]
        base = _estimate(old, catalog, options, request)
        base.files = [str(p) for p in relative if (Path(folder) / p).is_file()]
        for item in base.resources:
            item.file = str(Path(item.file).relative_to(folder))
    head = _estimate(new, catalog, options, request)
    return base, head
