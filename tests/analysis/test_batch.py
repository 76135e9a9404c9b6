from __future__ import annotations

import io
import os

import pytest

from armc.analysis.batch import run_batch
from tests.analysis.batch_work import fail_on_three, square_slowly


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_parallel_results_are_in_input_order() -> None:
    items = list(range(40))
    results = run_batch(square_slowly, items, jobs=4, threshold=8, stream=io.StringIO())
    assert [value for value, _ in results] == [n * n for n in items]
    assert os.getpid() not in {pid for _, pid in results}  # really in worker processes


def test_small_batches_run_in_process() -> None:
    results = run_batch(square_slowly, [1, 2, 3], jobs=4, threshold=8, stream=io.StringIO())
    assert [value for value, _ in results] == [1, 4, 9]
    assert {pid for _, pid in results} == {os.getpid()}


def test_one_job_never_forks() -> None:
    results = run_batch(square_slowly, list(range(12)), jobs=1, threshold=2, stream=io.StringIO())
    assert {pid for _, pid in results} == {os.getpid()}


def test_progress_bar_on_a_terminal_only() -> None:
    terminal = _Terminal()
    run_batch(square_slowly, list(range(12)), jobs=2, threshold=4, stream=terminal)
    shown = terminal.getvalue()
    assert "Linting" in shown and "12/12" in shown
    plain = io.StringIO()
    run_batch(square_slowly, list(range(12)), jobs=2, threshold=4, stream=plain)
    assert plain.getvalue() == ""
    forced_off = _Terminal()
    run_batch(square_slowly, [1], progress=False, stream=forced_off)
    assert forced_off.getvalue() == ""


def test_worker_exceptions_propagate() -> None:
    with pytest.raises(RuntimeError, match="three"):
        run_batch(fail_on_three, list(range(10)), jobs=2, threshold=2, stream=io.StringIO())
