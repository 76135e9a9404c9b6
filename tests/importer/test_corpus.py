"""`armc import` on a sample of the corpus's VM templates (skipped without ../shared): fmt is
idempotent and meaning-preserving on every import, and the build of each import is valid
against the official schemas wherever the original template is."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from armc.diagnostics import CompileError
from armc.dsl.format import format_source
from armc.importer import import_file
from tests.tools.helpers import build_text

SAMPLE = 24  # templates, spread evenly over the index


def _vm_templates(shared: Path) -> list[Path]:
    rows = (shared / "corpus" / "INDEX.tsv").read_text(encoding="utf-8").splitlines()[1:]
    paths = [
        shared / "corpus" / row.split("\t")[0]
        for row in rows
        if row.split("\t")[1] == "arm-json" and row.split("\t")[4] == "1"
    ]
    if not paths:
        pytest.skip("no VM templates in the corpus index")
    step = max(1, len(paths) // SAMPLE)
    return paths[::step][:SAMPLE]


@pytest.fixture(scope="module")
def imports(shared_dir: Path) -> list[tuple[Path, str, bool]]:
    """(template, imported text, whether every value was carried over: none kept as text)."""
    found = []
    for path in _vm_templates(shared_dir):
        result, _ = import_file(path)
        if result is not None:
            exact = not any("kept as text" in n or "not translated" in n for n in result.notes)
            found.append((path, result.text, exact))
    assert len(found) >= SAMPLE // 2
    return found


def test_fmt_is_idempotent_and_meaning_preserving_on_corpus_imports(
    imports: list[tuple[Path, str, bool]],
) -> None:
    for path, raw, _ in imports:
        formatted = format_source(raw)
        assert format_source(formatted) == formatted, path
        name = str(path.with_suffix(".armc"))
        try:
            before = build_text(raw, name)
        except CompileError:
            with pytest.raises(CompileError):
                build_text(formatted, name)
            continue
        assert build_text(formatted, name) == before, path


def test_builds_of_corpus_imports_are_schema_valid_where_the_original_is(
    imports: list[tuple[Path, str, bool]], arm_validator: Any
) -> None:
    """Imports that kept a value as text (reported, exit 1) are left out: such a value is a
    string where the template had an expression of another type."""
    checked = 0
    for path, raw, exact in imports:
        if not exact:
            continue
        original = arm_validator.validate_path(path)
        if original.status != "OK":
            continue
        try:
            template, _ = build_text(format_source(raw), str(path.with_suffix(".armc")))
        except CompileError:
            continue  # counted by benchmarks/import_roundtrip.py (docs/tooling.md)
        result = arm_validator.validate_document(json.loads(template), file_name=path.name)
        assert result.status == "OK", (path, result.line())
        checked += 1
    assert checked >= 3
