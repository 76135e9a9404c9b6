"""`armc lint` and `armc build` on bad input: a located diagnostic and an exit code, never a
traceback, a hang or unbounded memory (see runner.py for the limits)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.bad_inputs import bicep_cases, cases, command_cases, cost_cases, parameter_cases
from tests.bad_inputs.runner import Case, run_case

CASES: list[Case] = [
    *cases.CASES,
    *parameter_cases.CASES,
    *bicep_cases.CASES,
    *cost_cases.CASES,
    *command_cases.CASES,
]


def test_there_are_at_least_60_cases_with_unique_ids() -> None:
    ids = [case.id for case in CASES]
    assert len(ids) >= 60
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_bad_input(case: Case, tmp_path: Path) -> None:
    result = run_case(case, tmp_path)
    assert "Traceback" not in result.output, result.output[-3000:]
    assert "internal error" not in result.output, result.output[-3000:]
    assert case.expect in result.output, result.output[:3000]
    assert result.exit == case.exit, result.output[:3000]
    for text in case.absent:
        assert text not in result.output, result.output[:3000]
    assert len(result.output) < 200_000, "the output is bounded even for a 50 MB input"


def test_the_coverage_table_in_the_docs_names_real_cases() -> None:
    """docs/robustness.md maps every input the issue names to case ids: they must exist."""
    import fnmatch
    import re

    docs = Path(__file__).resolve().parents[2] / "docs" / "robustness.md"
    text = docs.read_text(encoding="utf-8")
    section = text[text.index("## The bad-input suite against") :]
    ids = {case.id for case in CASES}
    rows = [line.split("|")[2] for line in section.splitlines() if line.startswith("| ")]
    named = [name for row in rows for name in re.findall(r"`([a-z0-9*][a-z0-9*-]+)`", row)]
    assert len(named) > 60
    for name in named:
        if name.startswith("lint-armc-") and "*" not in name:
            assert name in ids and name.replace("lint-", "build-", 1) in ids, name
        assert fnmatch.filter(ids, name), f"docs/robustness.md names no case {name!r}"
