"""Start-up: `armc --version` and `armc lint --help` against `python -c pass`, and what they
import.

    python benchmarks/startup.py [--repeat N]

Median of N fresh processes of each, interleaved. Then each command runs once under
`python -X importtime` and the script lists the top-level packages it imported beyond those
`python -c pass` imports, with their cumulative import time: the proof that nothing heavy
(networkx, lark, jinja2, jsonschema, orjson, the rules) is imported to print a version or a
help text. Target: each ≤ 5x `python -c pass`.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.measure import ARMC, PYTHON_PASS, ROOT, Figure, Section, environment, run_command

TARGET = 5.0
COMMANDS: dict[str, tuple[str, ...]] = {
    "armc --version": (*ARMC, "--version"),
    "armc lint --help": (*ARMC, "lint", "--help"),
}
HEAVY = ("networkx", "lark", "jinja2", "jsonschema", "orjson", "armc.rules", "armc.arm")
STDLIB = frozenset(sys.stdlib_module_names) | {"org"}  # `org`: copy's Jython probe
_LINE = re.compile(r"^import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)$")


def imported(command: tuple[str, ...]) -> dict[str, float]:
    """Module -> cumulative import milliseconds, for every module `command` imports."""
    run = subprocess.run(
        [command[0], "-X", "importtime", *command[1:]],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=environment(),
        check=False,
    )
    found: dict[str, float] = {}
    for line in run.stderr.splitlines():
        match = _LINE.match(line)
        if match:
            found[match.group(4)] = int(match.group(2)) / 1000
    return found


def top_level(modules: dict[str, float], baseline: dict[str, float]) -> list[tuple[str, float]]:
    """Packages (first dotted part; `armc.x` kept as is) imported beyond the baseline and the
    standard library, with the largest cumulative import time among their modules, sorted."""
    tops: dict[str, float] = {}
    for name, millis in modules.items():
        parts = name.split(".")
        if name in baseline or parts[0] in STDLIB or parts[0].lstrip("_") in STDLIB:
            continue
        top = ".".join(parts[:2]) if parts[0] == "armc" and len(parts) > 1 else parts[0]
        tops[top] = max(tops.get(top, 0.0), millis)
    return sorted(tops.items())


def run(repeat: int = 11) -> Section:
    section = Section("Start-up", "python benchmarks/startup.py")
    samples: dict[str, list[float]] = {name: [] for name in ("pass", *COMMANDS)}
    for command in (PYTHON_PASS, *COMMANDS.values()):
        run_command(command)  # warm caches
    for _ in range(max(1, repeat)):
        samples["pass"].append(run_command(PYTHON_PASS)[0])
        for name, command in COMMANDS.items():
            samples[name].append(run_command(command)[0])
    baseline = statistics.median(samples["pass"])
    base_modules = imported(PYTHON_PASS)
    for name, command in COMMANDS.items():
        median = statistics.median(samples[name])
        section.figures.append(
            Figure(
                f"{name} / python -c pass",
                median / baseline,
                TARGET,
                detail=f"{median:.3f} s vs {baseline:.3f} s, medians of {len(samples[name])}",
            )
        )
        packages = top_level(imported(command), base_modules)
        heavy = [p for p, _ in packages if p.startswith(HEAVY)]
        listed = ", ".join(f"{p} ({ms:.0f} ms)" for p, ms in packages)
        section.notes.append(f"`{name}` imports: {listed or 'nothing beyond the standard library'}")
        section.notes.append(
            f"`{name}` heavy imports: {', '.join(heavy) if heavy else 'none'} "
            f"(checked: {', '.join(HEAVY)})"
        )
    return section


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=11)
    args = parser.parse_args(argv)
    run(args.repeat).print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
