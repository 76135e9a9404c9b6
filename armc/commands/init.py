"""`armc init [DIR]`: scaffold a small project (a sample .armc, a config, a pre-commit config)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from armc.commands.common import EXIT_INPUT

SAMPLE = """\
# A Linux VM reachable only inside its virtual network (see docs/language.md).
param admin_key: string description "SSH public key of azureuser"

location westeurope
tags { owner: "platform" }

vnet core 10.0.0.0/16 {
  subnet app 10.0.1.0/24
}

vm app {
  size Standard_B2s
  image ubuntu-24.04
  subnet core.app
  admin azureuser ssh admin_key
}

output app_private_ip = app.private_ip
"""

CONFIG = """\
# armc configuration (docs/analysis.md)
fail_on = "error"                 # error | warning | info | never
ignore = []                       # rule ids or names to leave out
"""

PRE_COMMIT = """\
# pre-commit (https://pre-commit.com): `pre-commit install` runs these on every commit.
repos:
  - repo: local
    hooks:
      - id: armc-fmt
        name: armc fmt
        entry: armc fmt
        language: system
        files: '\\.armc$'
      - id: armc-lint
        name: armc lint
        entry: armc lint
        language: system
        files: '\\.armc$'
      - id: armc-build-check
        name: armc build --check
        entry: armc build --check
        language: system
        files: '\\.armc$'
"""


def scaffold(directory: Path, name: str) -> dict[Path, str]:
    """The files `armc init` writes, by path."""
    return {
        directory / f"{name}.armc": SAMPLE,
        directory / ".armc.toml": CONFIG,
        directory / ".pre-commit-config.yaml": PRE_COMMIT,
    }


@click.command("init")
@click.argument("directory", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--name", default="main", show_default=True, help="Stem of the sample .armc file.")
@click.option("--force", is_flag=True, help="Overwrite files that exist.")
def init(directory: Path, name: str, force: bool) -> None:
    """Scaffold a project in DIRECTORY: NAME.armc, .armc.toml and .pre-commit-config.yaml.

    Existing files are kept unless --force is given."""
    if not name or name != Path(name).name or "\0" in name or name in (".", ".."):
        raise click.BadParameter(f"not a file name: {name!r}", param_hint="--name")
    files = scaffold(directory, name)
    existing = [path for path in files if path.exists()]
    if existing and not force:
        for path in existing:
            click.echo(f"armc: {path} exists; use --force to overwrite it", err=True)
        sys.exit(EXIT_INPUT)
    for path, text in files.items():
        try:
            directory.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
        except (OSError, ValueError) as error:
            reason = error.strerror if isinstance(error, OSError) and error.strerror else error
            click.echo(f"armc: error[IO003]: cannot write '{path}': {reason}", err=True)
            sys.exit(EXIT_INPUT)
        click.echo(f"wrote {path}", err=True)
    click.echo(f"next: armc build {directory / (name + '.armc')}", err=True)
