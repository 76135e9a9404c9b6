"""Atomic output: a build that fails, before or while writing, leaves earlier outputs as they
were and no temporary files behind."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from armc.cli import cli
from armc.emit import files
from armc.emit.files import write_all

ROOT = Path(__file__).resolve().parents[2]
MINIMAL = (ROOT / "samples" / "minimal-linux.armc").read_text(encoding="utf-8")


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def built(tmp_path: Path) -> Path:
    """A folder with two sources built once (four outputs), then both sources changed."""
    for name in ("a", "b"):
        (tmp_path / f"{name}.armc").write_text(MINIMAL, encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "a.armc"), str(tmp_path / "b.armc")])
    assert result.exit_code == 0, result.output
    for name in ("a", "b"):
        changed = MINIMAL.replace("Standard_B2s", "Standard_D2s_v5")
        (tmp_path / f"{name}.armc").write_text(changed, encoding="utf-8")
    return tmp_path


def _build(folder: Path) -> Any:
    return CliRunner().invoke(cli, ["build", str(folder / "a.armc"), str(folder / "b.armc")])


def test_a_write_error_midway_leaves_every_earlier_output(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _snapshot(built)
    real_fdopen = os.fdopen
    calls = {"n": 0}

    def failing_fdopen(fd: int, *args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 3:  # the third of four files: two are staged already
            os.close(fd)
            raise OSError(28, "No space left on device", "b.json")
        return real_fdopen(fd, *args, **kwargs)

    monkeypatch.setattr(files.os, "fdopen", failing_fdopen)
    result = _build(built)
    assert result.exit_code == 2, result.output
    assert "error[IO003]: cannot write 'b.json': No space left on device" in result.output
    assert _snapshot(built) == before
    assert not [p for p in built.iterdir() if p.name.endswith(".tmp")]


def test_a_rename_error_leaves_no_temporary_file(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing_replace(source: str, target: Any) -> None:
        raise PermissionError(13, "Permission denied", str(target))

    monkeypatch.setattr(files.os, "replace", failing_replace)
    before = _snapshot(built)
    result = _build(built)
    assert result.exit_code == 2, result.output
    assert "error[IO003]" in result.output and "Permission denied" in result.output
    assert _snapshot(built) == before
    assert not [p for p in built.iterdir() if p.name.endswith(".tmp")]


def test_a_directory_in_place_of_an_output_writes_nothing(built: Path) -> None:
    (built / "b.parameters.json").unlink()
    (built / "b.parameters.json").mkdir()
    before = _snapshot(built)
    result = _build(built)
    assert result.exit_code == 2
    assert "IO003" in result.output and "is a directory" in result.output
    assert _snapshot(built) == before


def test_write_all_writes_every_file_or_none(tmp_path: Path) -> None:
    target = tmp_path / "x.json"
    target.write_text("old", encoding="utf-8")
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where a folder must be", encoding="utf-8")
    with pytest.raises(OSError):
        write_all({target: "new", blocked / "y.json": "never"})
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["blocked", "x.json"]
