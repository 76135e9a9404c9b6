"""Compile and lint generated programs of N VMs: time, peak memory and how they grow.

    python benchmarks/scaling.py [N ...] [--repeat R]     (default: 1000 2000 4000 8000)

For each size, a generated `.armc` program of N Linux VMs (several subnets, an NSG, a load
balancer's worth of rules) is
  - compiled to ARM JSON (`armc.api.build_file`: parse, passes, graph, emission), and
  - linted as ARM JSON (`armc lint` of the compiled template: read, load, evaluate, every
    default rule, the JSON report rendered),
each stage in a fresh process (peak RSS is per process), best of R runs. Printed per stage:
CPU and wall seconds, peak RSS, t(2N)/t(N) for the doubling sizes (target ≤ 2.2) and the time
against the JSON floor of the same template (`json.loads` + `json.dumps(indent=2)`, same
process), as context. Target: peak RSS ≤ 500 MB at 8,000 VMs.

t is the CPU time of the measured process (one thread: the work, without the time other
processes of a shared machine take from it); wall seconds are printed beside it.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.measure import ROOT, Figure, Section, environment

DEFAULT_SIZES = (1000, 2000, 4000, 8000)
STAGES = ("compile", "lint")
TARGET_GROWTH = 2.2
TARGET_PEAK_MB = 500.0
PEAK_AT = 8000


def program(count: int) -> str:
    """A deployment of `count` Linux VMs over several subnets, two NSGs and a load balancer."""
    lines = [
        'param admin_key: string description "SSH public key"',
        "location westeurope",
        'tags { env: "bench" }',
        "vnet core 10.0.0.0/8 {",
    ]
    subnets = max(1, count // 250 + 1)
    lines += [f"  subnet s{i} 10.{i}.0.0/16 nsg app" for i in range(subnets)]
    lines += [
        "}",
        "nsg app {",
        "  allow in tcp 443 from Internet priority 100",
        "  allow in tcp 22 from VirtualNetwork priority 110",
        "}",
    ]
    for i in range(count):
        lines += [
            f"vm app{i} {{",
            "  size Standard_D2s_v5",
            "  image ubuntu-24.04",
            f"  subnet core.s{i // 250}",
            f"  zone {i % 3 + 1}",
            "  os-disk premium 64",
            "  admin azureuser ssh admin_key",
            "}",
        ]
    return "\n".join(lines) + "\n"


def _peak_mb() -> float:
    """This process's peak RSS: VmHWM (ru_maxrss keeps the parent's peak across fork and
    exec, which the runner's larger process would show instead)."""
    try:
        for line in Path("/proc/self/status").read_text(encoding="utf-8").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:  # pragma: no cover - not on Linux
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def compile_one(count: int, directory: Path) -> dict[str, float]:
    """In a fresh process: compile N VMs, write the template for the lint stage."""
    from armc.api import build_file
    from armc.source import SourceRegistry

    path = directory / f"scale-{count}.armc"
    path.write_text(program(count), encoding="utf-8")
    start, cpu = time.perf_counter(), time.process_time()
    result = build_file(path, SourceRegistry())
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    if result.output is None:
        raise SystemExit(f"the generated program did not compile: {result.diagnostics[:3]}")
    template = result.output.template
    (directory / f"scale-{count}.json").write_text(template, encoding="utf-8")
    return {"seconds": cpu, "wall": elapsed, "peak_mb": _peak_mb(), "floor": _floor(template)}


def lint_one(count: int, directory: Path) -> dict[str, float]:
    """In a fresh process: `armc lint` of the compiled template, as the command does it."""
    from armc.analysis.pipeline import finish
    from armc.config import Config
    from armc.linting import LintJob, lint_file

    path = directory / f"scale-{count}.json"
    start, cpu = time.perf_counter(), time.process_time()
    outcome = lint_file(LintJob(path, True, directory, Config()))
    reports = [outcome.report] if outcome.report is not None else []
    finish(reports, format="json")
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    floor = _floor(path.read_text("utf-8"))
    return {"seconds": cpu, "wall": elapsed, "peak_mb": _peak_mb(), "floor": floor}


def _floor(template: str) -> float:
    """CPU seconds of `json.loads` + `json.dumps(indent=2)` of the template."""
    start = time.process_time()
    json.dumps(json.loads(template), indent=2)
    return time.process_time() - start


def _child(stage: str, count: int, directory: Path) -> dict[str, float]:
    command = [sys.executable, "-m", "benchmarks.scaling", "--one", stage, str(count)]
    command += ["--dir", str(directory)]
    run = subprocess.run(
        command, capture_output=True, text=True, cwd=ROOT, env=environment(), check=False
    )
    if run.returncode != 0:
        raise SystemExit(f"{stage} of {count} VMs failed:\n{run.stderr[-2000:]}")
    result: dict[str, float] = json.loads(run.stdout)
    return result


def run(sizes: tuple[int, ...] = DEFAULT_SIZES, repeat: int = 3) -> Section:
    section = Section("Scaling", "python benchmarks/scaling.py")
    results: dict[tuple[str, int], dict[str, float]] = {}
    runs: dict[tuple[str, int], list[dict[str, float]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        # rounds over every size, not one size's repeats in a row: a passing load then
        # spoils one run of several sizes, not every run of one size (the best is kept)
        for _ in range(max(1, repeat)):
            for count in sizes:
                for stage in STAGES:  # compile first: it writes the template lint reads
                    runs.setdefault((stage, count), []).append(_child(stage, count, directory))
        for count in sizes:
            for stage in STAGES:
                best = min(runs[stage, count], key=lambda item: item["seconds"])
                best["peak_mb"] = max(item["peak_mb"] for item in runs[stage, count])
                results[stage, count] = best
                section.notes.append(
                    f"{stage:8} {count:>6} VMs  CPU {best['seconds']:7.2f} s  "
                    f"(wall {best['wall']:6.2f} s)  peak {best['peak_mb']:5.0f} MB  "
                    f"{best['seconds'] / best['floor']:5.1f}x JSON floor"
                )
    for stage in STAGES:
        for count in sizes:
            if (stage, count * 2) in results:
                ratio = results[stage, count * 2]["seconds"] / results[stage, count]["seconds"]
                section.figures.append(
                    Figure(f"{stage}: t({count * 2})/t({count})", ratio, TARGET_GROWTH)
                )
        largest = max(sizes)
        peak = results[stage, largest]["peak_mb"]
        limit = TARGET_PEAK_MB if largest >= PEAK_AT else None
        section.figures.append(
            Figure(f"{stage}: peak RSS at {largest} VMs", peak, limit, unit=" MB")
        )
    return section


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--one", nargs=2, metavar=("STAGE", "N"), help=argparse.SUPPRESS)
    parser.add_argument("--dir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        stage, count = args.one[0], int(args.one[1])
        measure = compile_one if stage == "compile" else lint_one
        print(json.dumps(measure(count, args.dir)))
        return 0
    run(tuple(args.sizes) or DEFAULT_SIZES, args.repeat).print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
