"""`armc init`: a project that builds, lints, is formatted and whose config loads."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from armc.cli import cli
from armc.dsl.format import format_source


def test_init_scaffolds_a_working_project(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["init", str(tmp_path / "proj")])
    assert result.exit_code == 0, result.output
    project = tmp_path / "proj"
    assert sorted(p.name for p in project.iterdir()) == [
        ".armc.toml",
        ".pre-commit-config.yaml",
        "main.armc",
    ]
    sample = (project / "main.armc").read_text(encoding="utf-8")
    assert format_source(sample) == sample
    assert runner.invoke(cli, ["build", str(project / "main.armc")]).exit_code == 0
    assert runner.invoke(cli, ["build", "--check", str(project / "main.armc")]).exit_code == 0
    lint = runner.invoke(cli, ["lint", str(project / "main.armc")])
    assert lint.exit_code == 0, lint.output
    assert runner.invoke(cli, ["fmt", "--check", str(project)]).exit_code == 0


def test_init_keeps_existing_files_unless_forced(tmp_path: Path) -> None:
    (tmp_path / "main.armc").write_text("# mine\n", encoding="utf-8")
    runner = CliRunner()
    refused = runner.invoke(cli, ["init", str(tmp_path)])
    assert refused.exit_code == 2
    assert "exists; use --force" in refused.output
    assert (tmp_path / "main.armc").read_text(encoding="utf-8") == "# mine\n"
    assert runner.invoke(cli, ["init", str(tmp_path), "--force"]).exit_code == 0
    assert "vm app" in (tmp_path / "main.armc").read_text(encoding="utf-8")
