"""Running one callable over many files: in worker processes when it pays, with a progress
bar on a terminal, results in input order whatever order the workers finish in.

`func` must be picklable (a module-level function) and its results picklable. It should turn
input errors into diagnostics; an exception in `func` is a bug and propagates."""

from __future__ import annotations

import contextlib
import gc
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

COLLECT_EVERY = 16
"""Items between two garbage collections in a batch (see `_Collector`)."""

MAX_WORKERS_PER_CPU = 2
"""`--jobs` beyond this many processes per available CPU only adds memory (each worker holds
its own loader and rules): `-j 1000` on a 2-CPU machine starts 4 workers, not 1000."""

CHUNKS_PER_WORKER = 8
MAX_CHUNK = 32
"""Items go to workers in chunks (one round trip per chunk, not per item), small enough that
a worker that drew slow templates does not leave the other idle at the end."""


class _Collector:
    """Garbage collection for a batch of independent items.

    Automatic collection is off during the batch: with it on, every collection walked all
    the results kept so far and the rules, schemas and caches loaded once, so the collector's
    cost grew with the batch (a third of the CPU time of linting the corpus). Instead, every
    `every` items one collection frees the reference cycles those items left, and whatever
    survives it (results, caches, modules) is frozen so that later collections never walk it
    again. At the end everything is unfrozen and collection is as it was."""

    def __init__(self, every: int = COLLECT_EVERY, *, unfreeze: bool = True) -> None:
        self.every = every
        self.unfreeze = unfreeze
        self.count = 0
        self.was_enabled = False

    def __enter__(self) -> _Collector:
        self.was_enabled = gc.isenabled()
        gc.disable()
        return self

    def tick(self, items: int = 1) -> None:
        before = self.count // self.every
        self.count += items
        if self.count // self.every != before:
            gc.collect()
            gc.freeze()

    def __exit__(self, *exc: object) -> None:
        if self.unfreeze:
            gc.unfreeze()
        if self.was_enabled:
            gc.enable()


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def worker_count(jobs: int, items: int) -> int:
    """Worker processes for `items` items when `jobs` are asked for."""
    return max(1, min(jobs, items, MAX_WORKERS_PER_CPU * default_jobs()))


def _chunks(count: int, workers: int) -> list[tuple[int, int]]:
    """(start, stop) of each chunk of `count` items for `workers` processes."""
    size = max(1, min(MAX_CHUNK, count // (workers * CHUNKS_PER_WORKER)))
    return [(start, min(count, start + size)) for start in range(0, count, size)]


def _run_chunk(func: Callable[[T], R], items: Sequence[T]) -> list[R]:
    """In a worker: one chunk, with the batch's garbage collection. What was frozen stays
    frozen for the next chunk (unfreezing made the next collection walk everything again);
    the worker process ends with the batch."""
    with _Collector(unfreeze=False) as collector:
        results = []
        for item in items:
            results.append(func(item))
            collector.tick()
        return results


def run_batch(
    func: Callable[[T], R],
    items: Sequence[T],
    *,
    jobs: int | None = None,
    threshold: int = PARALLEL_THRESHOLD,
    progress: bool | None = None,
    label: str = "Linting",
    stream: TextIO | None = None,
    prepare: Callable[[], object] | None = None,
) -> list[R]:
    """`[func(item) for item in items]`, in parallel when `len(items) > threshold` and more
    than one job is allowed. `progress` None shows the bar only when `stream` (default
    stderr) is a terminal. `prepare` runs once before workers start (they are forked: what
    it imports, each worker has without importing it again)."""
    out = stream if stream is not None else sys.stderr
    jobs = default_jobs() if jobs is None else max(1, jobs)
    show = out.isatty() if progress is None else progress
    workers = worker_count(jobs, len(items))
    results: list[R | None] = [None] * len(items)
    with _progress(show, len(items), label, out) as bar, _Collector() as collector:
        if workers <= 1 or len(items) <= threshold:
            for index, item in enumerate(items):
                results[index] = func(item)
                bar.update(1)
                collector.tick()
        else:
            from concurrent.futures import ProcessPoolExecutor, as_completed

            if prepare is not None:
                prepare()
            # what the workers inherit is frozen: their collections never walk it (walking
            # it would also write to every inherited object, copying the pages they share)
            gc.freeze()
            with ProcessPoolExecutor(max_workers=workers) as pool:
                futures = {
                    pool.submit(_run_chunk, func, items[start:stop]): (start, stop)
                    for start, stop in _chunks(len(items), workers)
                }
                for future in as_completed(futures):
                    start, stop = futures[future]
                    results[start:stop] = future.result()
                    bar.update(stop - start)
    return results  # type: ignore[return-value]
