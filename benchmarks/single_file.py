"""`armc lint` of one VM template as a fresh process, against `python -c pass` and checkov.

    python benchmarks/single_file.py [TEMPLATE] [--repeat N] [--checkov PATH | --no-checkov]

What a pre-commit hook pays per commit: a fresh interpreter, imports, one template linted
with every default rule. Median of N runs of each command, interleaved so that both see the
same load. checkov (`--framework arm -f TEMPLATE --skip-download --quiet`) runs when
/work/checkov-venv/bin/checkov exists or $ARMC_CHECKOV names an executable (3 runs: it
takes seconds). Targets: armc median ≤ 0.3 s; armc ≥ 10x faster than checkov.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.measure import (
    ARMC,
    PYTHON_PASS,
    Figure,
    Section,
    corpus_dir,
    run_command,
    time_command,
)

TARGET_SECONDS = 0.3
TARGET_VS_CHECKOV = 10.0
DEFAULT_TEMPLATE = Path(
    "quickstarts/quickstarts/microsoft.compute/vm-simple-linux/azuredeploy.json"
)
SIDE_VENV = Path("/work/checkov-venv/bin/checkov")
CHECKOV_RUNS = 3


def default_template(corpus: Path | None = None) -> Path:
    """vm-simple-linux of the corpus, else the corpus's first JSON template."""
    root = corpus_dir(corpus)
    if (root / DEFAULT_TEMPLATE).is_file():
        return root / DEFAULT_TEMPLATE
    found = sorted(p for p in root.rglob("*.json") if not p.name.endswith(".parameters.json"))
    return found[0] if found else root / DEFAULT_TEMPLATE


def checkov_executable(given: str | None = None) -> str | None:
    """The checkov to compare with: `given`, $ARMC_CHECKOV, or the side venv's, if any."""
    for candidate in (given, os.environ.get("ARMC_CHECKOV"), str(SIDE_VENV)):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


def run(
    template: Path | None = None,
    repeat: int = 11,
    checkov: str | None = None,
    use_checkov: bool = True,
) -> Section:
    template = template or default_template()
    lint = [*ARMC, "lint", str(template)]
    armc_runs: list[tuple[float, float]] = []
    pass_runs: list[tuple[float, float]] = []
    run_command(lint, ok=(0, 1))  # warm the file-system cache and the bytecode
    for _ in range(max(1, repeat)):
        pass_runs.append(run_command(PYTHON_PASS))
        armc_runs.append(run_command(lint, ok=(0, 1)))
    median = statistics.median(w for w, _ in armc_runs)
    baseline = statistics.median(w for w, _ in pass_runs)
    cpu = statistics.median(c for _, c in armc_runs)
    cpu_baseline = statistics.median(c for _, c in pass_runs)
    section = Section("Single file", "python benchmarks/single_file.py")
    section.figures.append(
        Figure(
            "armc lint, one VM template, median",
            median,
            TARGET_SECONDS,
            unit=" s",
            detail=f"{median / baseline:.1f}x `python -c pass` ({baseline:.3f} s), "
            f"median of {len(armc_runs)}",
        )
    )
    section.figures.append(
        Figure(
            "CPU seconds of armc lint, one VM template, median",
            cpu,
            None,
            unit=" s",
            detail=f"`python -c pass`: {cpu_baseline:.3f} s (context for a loaded machine)",
        )
    )
    executable = checkov_executable(checkov) if use_checkov else None
    if executable is not None:
        command = [executable, "--framework", "arm", "-f", str(template), "--skip-download"]
        checkov_time = time_command([*command, "--quiet"], CHECKOV_RUNS, ok=(0, 1))
        section.figures.append(
            Figure(
                "checkov / armc (same file)",
                checkov_time.median / median,
                TARGET_VS_CHECKOV,
                at_least=True,
                detail=f"checkov median {checkov_time.median:.2f} s of {CHECKOV_RUNS}",
            )
        )
    else:
        why = "not asked" if not use_checkov else "no /work/checkov-venv, ARMC_CHECKOV unset"
        section.notes.append(f"checkov: not compared ({why})")
    section.notes.append(f"template: {template}; measured: `python -m armc lint TEMPLATE`")
    return section


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("template", nargs="?", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=11)
    parser.add_argument("--checkov", default=None, help="the checkov executable")
    parser.add_argument("--no-checkov", action="store_true")
    args = parser.parse_args(argv)
    template = args.template or default_template()
    if not template.is_file():
        print(f"no template at {template}", file=sys.stderr)
        return 2
    run(template, args.repeat, args.checkov, not args.no_checkov).print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
