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


def test_prepare_runs_once_before_workers_start() -> None:
    calls: list[int] = []
    results = run_batch(
        square_slowly,
        list(range(12)),
        jobs=2,
        threshold=4,
        stream=io.StringIO(),
        prepare=lambda: calls.append(os.getpid()),
    )
    assert calls == [os.getpid()]
    assert [value for value, _ in results] == [n * n for n in range(12)]
    serial: list[int] = []
    run_batch(square_slowly, [1, 2], jobs=2, threshold=4, prepare=lambda: serial.append(1))
    assert serial == []  # in-process batches import lazily, as they go


def test_chunks_cover_every_item_once() -> None:
    from armc.analysis.batch import _chunks

    for count in (1, 7, 16, 33, 1358):
        for workers in (1, 2, 8):
            chunks = _chunks(count, workers)
            covered = [i for start, stop in chunks for i in range(start, stop)]
            assert covered == list(range(count))


def test_jobs_are_capped_by_the_cpus() -> None:
    """`-j 1000` must not start a thousand processes: at most two per available CPU."""
    from armc.analysis.batch import MAX_WORKERS_PER_CPU, default_jobs, worker_count

    cap = MAX_WORKERS_PER_CPU * default_jobs()
    assert worker_count(1000, 5000) == cap
    assert worker_count(3, 2) == 2
    assert worker_count(1, 0) == 1
    items = list(range(200))
    results = run_batch(square_slowly, items, jobs=1000, threshold=8, stream=io.StringIO())
    assert [value for value, _ in results] == [n * n for n in items]
    assert len({pid for _, pid in results}) <= MAX_WORKERS_PER_CPU * default_jobs()
