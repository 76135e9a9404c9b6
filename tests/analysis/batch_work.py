"""Module-level callables for the batch tests (worker processes must be able to import them)."""

from __future__ import annotations

import os
import time


def square_slowly(n: int) -> tuple[int, int]:
    """Later items finish first, so completion order differs from input order."""
    time.sleep(0.002 * (20 - n % 20))
    return n * n, os.getpid()


def fail_on_three(n: int) -> int:
    if n == 3:
        raise RuntimeError("three")
    return n
