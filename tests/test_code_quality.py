"""ruff and mypy stay clean (skipped when the tools are not installed)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True)


@pytest.mark.skipif(shutil.which("ruff") is None, reason="ruff is not installed")
def test_ruff_is_clean() -> None:
    run = _run("ruff", "check", "armc", "tests", "benchmarks")
    assert run.returncode == 0, run.stdout + run.stderr


def test_mypy_is_clean() -> None:
    pytest.importorskip("mypy", reason="mypy is not installed")
    run = _run(sys.executable, "-m", "mypy", "armc", "benchmarks")
    assert run.returncode == 0, run.stdout + run.stderr
