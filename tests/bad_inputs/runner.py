"""Run `armc` on one bad input in a subprocess with bounded memory and time.

Each case is a folder of files written at test time (a large or binary input is generated, not
committed) and a command line. The run must end within TIMEOUT seconds under an address-space
limit of MEMORY_LIMIT, print no traceback and no internal error, exit with the expected code and
print the expected `file:line:col: severity[CODE]` (or `armc: severity[CODE]` for a diagnostic
without a location).
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MEMORY_LIMIT = 1536 * 1024 * 1024
CPU_SECONDS = 60
TIMEOUT = 120

Content = str | bytes | Callable[[Path], None]
"""Text (UTF-8), bytes, or a function that creates the file at the path it is given."""


@dataclass(frozen=True)
class Case:
    id: str
    command: str
    """`lint` or `build`."""
    files: Mapping[str, Content]
    expect: str
    """What the output must contain: `a.json:1:1: error[ARM100]`, or `armc: error[DSL111]`."""
    exit: int
    args: tuple[str, ...] = ()
    """Arguments after the command; default: the first file."""
    absent: tuple[str, ...] = field(default=())
    """Text that must not appear in the output."""


@dataclass(frozen=True)
class Result:
    exit: int
    output: str


def _limit() -> None:  # runs in the child, before exec
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))


def materialise(case: Case, folder: Path) -> None:
    for name, content in case.files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if callable(content):
            content(path)
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")


def run_case(case: Case, folder: Path) -> Result:
    materialise(case, folder)
    args = case.args or (next(iter(case.files)),)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    completed = subprocess.run(
        [sys.executable, "-m", "armc", case.command, *args],
        cwd=folder,
        env=env,
        capture_output=True,
        timeout=TIMEOUT,
        preexec_fn=_limit,
        check=False,
    )
    output = (completed.stdout + completed.stderr).decode("utf-8", errors="replace")
    return Result(completed.returncode, output)
