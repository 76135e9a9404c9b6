"""`LoadedTemplate.value` reads the body `evaluate_all()` built: the same values as evaluating
each field afresh, on the fixtures and a sample of the shared corpus."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from armc.arm.loader import LoadedTemplate, load_template

FIXTURES = Path(__file__).parent / "fixtures"
CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "quickstarts"


def _paths(value: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    if path:
        yield path
    if len(path) >= 6:
        return
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*path, index))


def _values(loaded: LoadedTemplate) -> list[str]:
    return [
        f"{resource.key} {path} {loaded.value(resource, *path)!r}"
        for resource in loaded.template.resources
        for path in _paths(resource.body)
    ]


def _templates() -> list[Path]:
    files = sorted(FIXTURES.glob("*.json"))
    if CORPUS.is_dir():
        files += sorted(CORPUS.rglob("azuredeploy.json"))[::40]
    return [f for f in files if not f.name.endswith(".parameters.json")]


@pytest.mark.parametrize("path", _templates(), ids=lambda p: p.parent.name + "/" + p.name)
def test_value_after_evaluate_all_equals_a_fresh_evaluation(path: Path) -> None:
    fresh = load_template(path)
    expected = _values(fresh)
    fresh.evaluate_all()
    reused = load_template(path)
    reused.evaluate_all()
    assert _values(reused) == expected
    found = [(d.code, d.span, d.message) for d in reused.diagnostics]
    assert found == [(d.code, d.span, d.message) for d in fresh.diagnostics]


@pytest.mark.parametrize("path", _templates()[:12], ids=lambda p: p.parent.name + "/" + p.name)
def test_value_at_reads_what_value_reads(path: Path) -> None:
    loaded = load_template(path)
    for evaluated in (False, True):
        if evaluated:
            loaded.evaluate_all()
        for resource in loaded.template.resources:
            for steps in _paths(resource.body):
                assert loaded.value_at(resource, steps) == loaded.value(resource, *steps)
