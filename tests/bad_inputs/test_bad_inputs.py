"""`armc lint` and `armc build` on bad input: a located diagnostic and an exit code, never a
traceback, a hang or unbounded memory (see runner.py for the limits)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.bad_inputs import bicep_cases, cases, cost_cases, parameter_cases
from tests.bad_inputs.runner import Case, run_case

CASES: list[Case] = [
    *cases.CASES,
    *parameter_cases.CASES,
    *bicep_cases.CASES,
    *cost_cases.CASES,
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
