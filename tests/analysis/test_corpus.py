"""The rules over the shared corpus of Azure quickstart templates: no rule crashes, and a
parallel batch gives exactly the results of one-by-one runs."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from armc.analysis.batch import run_batch
from tests.analysis.batch_work import lint_file


@pytest.fixture(scope="module")
def templates(shared_dir: Path) -> list[str]:
    corpus = shared_dir / "corpus"
    if not (corpus / "INDEX.tsv").is_file():
        pytest.skip(f"the corpus is absent: {corpus}")
    rows = (corpus / "INDEX.tsv").read_text(encoding="utf-8").splitlines()[1:]
    return [str(corpus / row.split("\t")[0]) for row in rows if row.split("\t")[1] == "arm-json"]


def test_no_rule_crashes_on_the_corpus(templates: list[str]) -> None:
    assert len(templates) > 100
    results = run_batch(lint_file, templates, stream=io.StringIO())
    crashes = [d for found in results for d in found if d.code == "ARMC001"]
    assert crashes == []
    assert sum(len(found) for found in results) > 0


def test_parallel_batch_equals_one_by_one_runs(templates: list[str]) -> None:
    first = templates[:100]
    one_by_one = [lint_file(path) for path in first]
    parallel = run_batch(lint_file, first, jobs=4, threshold=8, stream=io.StringIO())
    assert parallel == one_by_one
