"""Running one callable over many files: in worker processes when it pays, with a progress
bar on a terminal, results in input order whatever order the workers finish in.

`func` must be picklable (a module-level function) and its results picklable. It should turn
input errors into diagnostics; an exception in `func` is a bug and propagates."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Protocol, TextIO, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class _Bar(Protocol):
    def update(self, n_steps: int) -> None: ...


class _NoBar:
    def update(self, n_steps: int) -> None:
        pass


@contextlib.contextmanager
def _progress(show: bool, length: int, label: str, out: TextIO) -> Iterator[_Bar]:
    if not show:
        yield _NoBar()
        return
    import click

    with click.progressbar(length=length, label=label, file=out, show_pos=True) as bar:
        yield bar


PARALLEL_THRESHOLD = 8
"""Below this many items, worker start-up costs more than it saves."""


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def run_batch(
    func: Callable[[T], R],
    items: Sequence[T],
    *,
    jobs: int | None = None,
    threshold: int = PARALLEL_THRESHOLD,
    progress: bool | None = None,
    label: str = "Linting",
    stream: TextIO | None = None,
) -> list[R]:
    """`[func(item) for item in items]`, in parallel when `len(items) > threshold` and more
    than one job is allowed. `progress` None shows the bar only when `stream` (default
    stderr) is a terminal."""
    out = stream if stream is not None else sys.stderr
    jobs = default_jobs() if jobs is None else max(1, jobs)
    show = out.isatty() if progress is None else progress
    workers = min(jobs, len(items))
    results: list[R | None] = [None] * len(items)
    with _progress(show, len(items), label, out) as bar:
        if workers <= 1 or len(items) <= threshold:
            for index, item in enumerate(items):
                results[index] = func(item)
                bar.update(1)
        else:
            from concurrent.futures import ProcessPoolExecutor, as_completed

            with ProcessPoolExecutor(max_workers=workers) as pool:
                futures = {pool.submit(func, item): i for i, item in enumerate(items)}
                for future in as_completed(futures):
                    results[futures[future]] = future.result()
                    bar.update(1)
    return results  # type: ignore[return-value]
