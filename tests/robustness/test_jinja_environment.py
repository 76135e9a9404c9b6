"""Jinja2 in armc renders only armc's own templates (armc/emit/templates), never a
user-supplied one, so it needs no sandbox; it must still fail on an undefined name
(StrictUndefined) and never HTML-escape (its outputs are ARM JSON and Bicep, whose values the
`j` filter and the Bicep encoder escape: autoescape would turn `'` into `&#39;`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jinja2
import pytest
from click.testing import CliRunner

from armc.cli import cli as main
from armc.emit import environment as env_module

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "armc"
PROGRAM = """\
param key: string
vnet core 10.0.0.0/16 {
  subnet app 10.0.1.0/24
}
vm web {
  image ubuntu-24.04
  subnet core.app
  admin azureuser ssh key
  tags { note: "it's <b>&amp;</b> \\"quoted\\"" }
}
"""


@pytest.fixture
def built_environments(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[jinja2.Environment]]:
    """Every jinja2.Environment created while the test runs (the cached one is dropped)."""
    created: list[jinja2.Environment] = []
    original = jinja2.Environment.__init__

    def record(self: jinja2.Environment, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        created.append(self)

    monkeypatch.setattr(jinja2.Environment, "__init__", record)
    env_module.environment.cache_clear()
    env_module.template.cache_clear()
    yield created
    env_module.environment.cache_clear()
    env_module.template.cache_clear()


def test_every_environment_of_a_build_is_strict_and_not_html_escaping(
    built_environments: list[jinja2.Environment], tmp_path: Path
) -> None:
    source = tmp_path / "a.armc"
    source.write_text(PROGRAM, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(source), "--target", "both"])
    assert result.exit_code == 0, result.output
    assert built_environments, "the build rendered no template"
    for environment in built_environments:
        assert environment.undefined is jinja2.StrictUndefined
        assert environment.autoescape is False
        loader = environment.loader
        assert isinstance(loader, jinja2.FileSystemLoader)
        assert [Path(p).resolve() for p in loader.searchpath] == [env_module.TEMPLATES.resolve()]
    assert "&#39;" not in (tmp_path / "a.json").read_text(encoding="utf-8")
    assert "&amp;amp;" not in (tmp_path / "a.bicep").read_text(encoding="utf-8")


def test_an_undefined_name_in_a_template_is_an_error() -> None:
    environment = env_module.environment()
    with pytest.raises(jinja2.UndefinedError):
        environment.from_string("{{ missing }}").render()


def test_templates_come_only_from_the_package() -> None:
    """No other Environment, no template built from a string, no `--template` option: armc
    never renders a template a user wrote, so a SandboxedEnvironment would guard nothing."""
    importers = [
        str(path.relative_to(ROOT))
        for path in sorted(PACKAGE.rglob("*.py"))
        if "jinja2" in path.read_text(encoding="utf-8")
    ]
    assert importers == ["armc/emit/environment.py"]
    text = (PACKAGE / "emit" / "environment.py").read_text(encoding="utf-8")
    assert re.findall(r"\b(\w*Environment|Template|from_string)\(", text) == ["Environment"]
    templates = sorted(p.relative_to(env_module.TEMPLATES) for p in env_module.TEMPLATES.rglob("*"))
    assert all(p.suffix == ".j2" for p in templates if (env_module.TEMPLATES / p).is_file())
    help_texts = [
        CliRunner().invoke(main, [*command, "--help"]).output
        for command in (["build"], ["lint"], ["cost", "estimate"], ["graph"], ["explain"])
    ]
    assert not any("--template" in text for text in help_texts)
