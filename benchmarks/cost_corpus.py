"""`armc cost` over the whole corpus against `armc lint` over it, in one run.

    python benchmarks/cost_corpus.py [CORPUS_DIR] [--repeat N]

Both as fresh processes with JSON output to a file, best of N, interleaved: pricing every
template (load, evaluate, price every resource from the offline catalog, render) should cost
no more than linting it. Target: cost ≤ 2x lint.
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
import tempfile
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.measure import (
    ARMC,
    Figure,
    Section,
    Timing,
    corpus_dir,
    missing_corpus,
    run_command,
)

TARGET = 2.0


def run(corpus: Path | None = None, repeat: int = 3) -> Section:
    corpus = corpus_dir(corpus)
    with tempfile.TemporaryDirectory() as tmp:
        cost_out = Path(tmp) / "cost.json"
        lint_out = Path(tmp) / "lint.json"
        cost = [*ARMC, "cost", str(corpus), "--format", "json"]
        lint = [*ARMC, "lint", str(corpus), "--format", "json", "-o", str(lint_out)]
        cost_runs: list[tuple[float, float]] = []
        lint_runs: list[tuple[float, float]] = []
        for _ in range(max(1, repeat)):
            cost_runs.append(_cost_run(cost, cost_out))
            lint_runs.append(run_command(lint, ok=(0, 1)))
        priced = json.loads(cost_out.read_text(encoding="utf-8"))
    cost_time = Timing(tuple(w for w, _ in cost_runs), tuple(c for _, c in cost_runs))
    lint_time = Timing(tuple(w for w, _ in lint_runs), tuple(c for _, c in lint_runs))
    section = Section("Cost", "python benchmarks/cost_corpus.py")
    section.figures.append(
        Figure(
            "armc cost / armc lint (whole corpus)",
            cost_time.best / lint_time.best,
            TARGET,
            detail=f"cost {cost_time.best:.2f} s (CPU {cost_time.best_cpu:.2f} s), "
            f"lint {lint_time.best:.2f} s (CPU {lint_time.best_cpu:.2f} s), best of {repeat}",
        )
    )
    files = len(priced.get("files", [])) if isinstance(priced, dict) else len(priced)
    section.notes.append(
        f"measured: `python -m armc cost {corpus} --format json` against "
        f"`python -m armc lint {corpus} --format json -o OUT`; files priced: {files}"
    )
    return section


def _cost_run(command: list[str], output: Path) -> tuple[float, float]:
    """`armc cost` writes its report to stdout: a shell redirection keeps the pipe out of the
    measured time."""
    quoted = " ".join(_quote(part) for part in command)
    return run_command(["/bin/sh", "-c", f"{quoted} > {_quote(str(output))}"], ok=(0, 1))


def _quote(text: str) -> str:
    return shlex.quote(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    if missing_corpus(args.corpus):
        return 2
    run(args.corpus, args.repeat).print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
