"""Shared helpers of the atheris harnesses: the repository on sys.path, seeds, the runner."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

sys.setrecursionlimit(10_000)


def seeds(pattern: str) -> list[bytes]:
    """The bytes of the repository files matching `pattern` (a glob below the root)."""
    return [path.read_bytes() for path in sorted(ROOT.glob(pattern)) if path.is_file()]


def run(test_one: Callable[[bytes], None]) -> None:
    """Run libFuzzer over `test_one`; the command line is libFuzzer's (-runs, -max_total_time,
    a corpus directory ...)."""
    import atheris

    atheris.Setup(sys.argv, test_one)
    atheris.Fuzz()
