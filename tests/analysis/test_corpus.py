"""The rules over the shared corpus of Azure quickstart templates: no rule crashes, and a
parallel batch gives exactly the results of one-by-one runs."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from armc.analysis.batch import run_batch
from tests.analysis.batch_work import lint_file

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"

pytestmark = pytest.mark.skipif(
    not (CORPUS / "INDEX.tsv").is_file(), reason=f"corpus not found at {CORPUS}"
)


def _templates() -> list[str]:
    rows = (CORPUS / "INDEX.tsv").read_text(encoding="utf-8").splitlines()[1:]
    return [str(CORPUS / row.split("\t")[0]) for row in rows if row.split("\t")[1] == "arm-json"]


def test_no_rule_crashes_on_the_corpus() -> None:
    templates = _templates()
    assert len(templates) > 100
    results = run_batch(lint_file, templates, stream=io.StringIO())
    crashes = [d for found in results for d in found if d.code == "ARMC001"]
    assert crashes == []
    assert sum(len(found) for found in results) > 0


def test_parallel_batch_equals_one_by_one_runs() -> None:
    templates = _templates()[:100]
    one_by_one = [lint_file(path) for path in templates]
    parallel = run_batch(lint_file, templates, jobs=4, threshold=8, stream=io.StringIO())
    assert parallel == one_by_one
