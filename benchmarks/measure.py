"""What every benchmark script shares: where things are, how a command is timed, the machine,
and the shape of a result (`Section`), which the runner (`python -m benchmarks`) turns into
`benchmarks/RESULTS.md`.

Machines here are shared and noisy: each script measures its baseline in the same run as the
thing measured, takes the best (or the median) of several runs, and reports ratios; seconds
are context only. Every command runs the armc of this checkout (`python -m armc` with the
checkout first on PYTHONPATH), never an installed `armc` script."""

from __future__ import annotations

import atexit
import functools
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
ARMC = (sys.executable, "-m", "armc")
PYTHON_PASS = (sys.executable, "-c", "pass")


def corpus_dir(given: Path | None = None) -> Path:
    """The corpus: `given`, else $ARMC_CORPUS, else ../shared/corpus."""
    if given is not None:
        return given
    return Path(os.environ.get("ARMC_CORPUS", str(DEFAULT_CORPUS)))


def missing_corpus(given: Path | None) -> bool:
    """True (after saying so on stderr) when there is no corpus where `corpus_dir` looks."""
    corpus = corpus_dir(given)
    if corpus.is_dir():
        return False
    print(f"no corpus at {corpus}", file=sys.stderr)
    return True


def environment() -> dict[str, str]:
    """The environment of measured commands: this checkout first on the import path, and
    bytecode cached as in an installed package (pip compiles it at install time; an editable
    install writes it on first import). `PYTHONDONTWRITEBYTECODE`, which some sandboxes set,
    would make every run compile armc's modules from source again (0.1-0.2 s a run) while a
    tool compared against reads its installed caches; the caches go to a folder of this
    benchmark run, not into the checkout, and the first run of each command fills them."""
    env = os.environ.copy()
    previous = env.get("PYTHONPATH")
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + previous if previous else "")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = bytecode_cache()
    return env


@functools.cache
def bytecode_cache() -> str:
    """A folder for the bytecode of measured commands, removed when the run ends."""
    folder = tempfile.mkdtemp(prefix="armc-bench-pycache-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


@dataclass(frozen=True)
class Timing:
    """Wall-clock seconds of each run and the CPU seconds (user + system) of the children."""

    wall: tuple[float, ...]
    cpu: tuple[float, ...]

    @property
    def best(self) -> float:
        return min(self.wall)

    @property
    def median(self) -> float:
        return statistics.median(self.wall)

    @property
    def best_cpu(self) -> float:
        return min(self.cpu)


def run_command(
    command: Sequence[str], *, ok: Sequence[int] = (0,), cwd: Path | None = None
) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child and its children) of one run of `command`.
    An exit code outside `ok` is a failed benchmark (SystemExit with the command's stderr)."""
    before = os.times()
    start = time.perf_counter()
    run = subprocess.run(
        list(command),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd=cwd or ROOT,
        env=environment(),
        check=False,
    )
    wall = time.perf_counter() - start
    after = os.times()
    if run.returncode not in ok:
        stderr = run.stderr.decode("utf-8", "replace")[-2000:]
        raise SystemExit(f"{' '.join(command)} exited {run.returncode}:\n{stderr}")
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    return wall, cpu


def time_command(
    command: Sequence[str], repeat: int, *, ok: Sequence[int] = (0,), cwd: Path | None = None
) -> Timing:
    runs = [run_command(command, ok=ok, cwd=cwd) for _ in range(max(1, repeat))]
    return Timing(tuple(w for w, _ in runs), tuple(c for _, c in runs))


def time_call(action: Callable[[], object], repeat: int) -> Timing:
    """Best-of timing of an in-process call (CPU is this process's time)."""
    walls: list[float] = []
    cpus: list[float] = []
    for _ in range(max(1, repeat)):
        cpu_start = time.process_time()
        start = time.perf_counter()
        action()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu_start)
    return Timing(tuple(walls), tuple(cpus))


@dataclass(frozen=True)
class Figure:
    """One ratio against a target: `value <= limit` (or `>=` when `at_least`)."""

    name: str
    value: float
    limit: float | None
    unit: str = "x"
    at_least: bool = False
    detail: str = ""

    @property
    def met(self) -> bool | None:
        if self.limit is None:
            return None
        return self.value >= self.limit if self.at_least else self.value <= self.limit

    @property
    def target(self) -> str:
        if self.limit is None:
            return "-"
        return f"{'≥' if self.at_least else '≤'} {self.limit:g}{self.unit}"

    def line(self) -> str:
        verdict = {True: "met", False: "NOT met", None: ""}[self.met]
        shown = f"{self.value:.2f}{self.unit}"
        text = f"{self.name}: {shown}"
        if self.limit is not None:
            text += f"  (target {self.target}: {verdict})"
        return text + (f"  [{self.detail}]" if self.detail else "")


@dataclass
class Section:
    """What one benchmark found: its figures, the command that reproduces it, notes."""

    title: str
    command: str
    figures: list[Figure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def print(self) -> None:
        for figure in self.figures:
            print(figure.line())
        for note in self.notes:
            print(note)


def machine() -> str:
    """nproc, CPU model and Python version of this machine."""
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        cores = os.cpu_count() or 1
    return f"{cores} CPU ({model}), Python {platform.python_version()}, {platform.system()}"


def load_average() -> str:
    try:
        one, five, _ = os.getloadavg()
    except OSError:  # pragma: no cover
        return "unknown"
    return f"{one:.2f} (1 min), {five:.2f} (5 min)"
