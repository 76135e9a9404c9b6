from __future__ import annotations

from pathlib import Path

import pytest

from armc.analysis.files import collect_files


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in (
        "infra/vm/azuredeploy.json",
        "infra/vm/azuredeploy.parameters.json",
        "infra/net/main.armc",
        "infra/net/readme.md",
        "infra/.hidden/secret.json",
        "other/b.json",
        "other/a.json",
    ):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("{}", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _names(arguments: list[str]) -> list[str]:
    return [p.as_posix() for p in collect_files(arguments).files]


def test_directories_are_walked_in_order(tree: Path) -> None:
    assert _names(["infra"]) == ["infra/net/main.armc", "infra/vm/azuredeploy.json"]


def test_explicit_files_are_kept_even_parameters_files(tree: Path) -> None:
    assert _names(["infra/vm/azuredeploy.parameters.json"]) == [
        "infra/vm/azuredeploy.parameters.json"
    ]


def test_globs_and_duplicates(tree: Path) -> None:
    assert _names(["other/*.json", "other/a.json", "**/main.armc"]) == [
        "infra/net/main.armc",
        "other/a.json",
        "other/b.json",
    ]


def test_missing_arguments_are_reported(tree: Path) -> None:
    collected = collect_files(["nope.json", "none/*.json", "other"])
    assert collected.missing == ["nope.json", "none/*.json"]
    assert [p.name for p in collected.files] == ["a.json", "b.json"]
