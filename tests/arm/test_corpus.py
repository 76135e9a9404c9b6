"""The shared corpus of Azure quickstart templates: everything loads, lint never exits 2.

Skipped when ../shared (next to the repository) is absent."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner

from armc.arm.expressions import ExpressionError, is_expression, parse_expression
from armc.arm.loader import LoadOptions, load_template
from armc.arm.parameters import read_parameters_file
from armc.cli import cli

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
CORPUS = SHARED / "corpus"
INDEX = CORPUS / "INDEX.tsv"

pytestmark = pytest.mark.skipif(not INDEX.is_file(), reason=f"corpus not found at {CORPUS}")


def _paths(kind: str) -> list[Path]:
    with INDEX.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [CORPUS / row["path"] for row in rows if row["kind"] == kind]


def test_every_template_loads_and_evaluates() -> None:
    templates = _paths("arm-json")
    assert len(templates) == 1357
    failed = []
    for path in templates:
        loaded = load_template(path, LoadOptions(root=CORPUS))
        loaded.evaluate_all()
        if not loaded.ok:
            failed.append((path, loaded.diagnostics[:1]))
    assert failed == []


def test_every_parameters_file_loads() -> None:
    files = _paths("parameters")
    assert len(files) >= 1147
    assert [f for f in files if not read_parameters_file(f).ok] == []


def test_lint_never_exits_2_on_a_corpus_template() -> None:
    """Every rule runs too (a crashing rule would show as ARMC001); the front-end's own errors
    stay rare: templates Azure deploys should not look broken."""
    runner = CliRunner()
    checked = front_end_errors = 0
    for path in _paths("arm-json"):
        result = runner.invoke(cli, ["lint", str(path)])
        assert result.exit_code in (0, 1), (path, result.output[-2000:])
        assert "[ARMC001]" not in result.output, (path, result.output[-2000:])
        checked += 1
        front_end_errors += "error[ARM" in result.output or "error[GRAPH" in result.output
    assert checked > 1300
    assert front_end_errors < 100


def test_expressions_parse() -> None:
    import json

    found = failed = 0
    for path in _paths("arm-json"):
        document = load_template(path).document
        stack = [document.value]
        while stack:
            value = stack.pop()
            if isinstance(value, dict):
                stack.extend(value.values())
            elif isinstance(value, list):
                stack.extend(value)
            elif isinstance(value, str) and is_expression(value):
                found += 1
                failed += isinstance(parse_expression(value), ExpressionError)
    assert found > 50000
    assert failed <= 3, json.dumps(failed)  # three corpus expressions are genuinely invalid
