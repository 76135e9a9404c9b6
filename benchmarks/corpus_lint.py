"""`armc lint` over the whole corpus against `json.loads` of the same bytes, in one run.

    python benchmarks/corpus_lint.py [CORPUS_DIR] [--repeat N] [--jobs J]

armc: `python -m armc lint CORPUS --format json -o FILE` as a fresh process, best of N wall
times, twice: with every rule on (the rules that are off by default selected by id) and with
the default rule set.

The floor, as the issue measured it ("json.loads reads the same 17.8 MB in 0.14 s"): find
every JSON file under the corpus (what lint may read: templates and their parameters files),
read it and `json.loads` it, in this process, best of N (`os.walk` and `open`, the cheapest
plain way; it measures 0.11-0.12 s here; the issue measured 0.14 s). Target: armc ≤ 20x that floor.
A stricter floor is shown for context: `json.loads` alone, of bytes already in memory (no file
system work at all), about 0.06 s.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import tempfile
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.measure import (
    ARMC,
    Figure,
    Section,
    corpus_dir,
    missing_corpus,
    run_command,
    time_call,
)

TARGET = 20.0


def json_files(corpus: Path) -> list[bytes]:
    """The bytes of every JSON file under `corpus`, in path order."""
    return [path.read_bytes() for path in sorted(corpus.rglob("*.json")) if path.is_file()]


def json_floor(data: list[bytes]) -> None:
    """`json.loads` of bytes already in memory (the stricter floor)."""
    for item in data:
        with contextlib.suppress(ValueError):
            json.loads(item)


def read_and_parse(corpus: Path) -> int:
    """The floor of the target: find, read and `json.loads` every JSON file under `corpus`.
    Returns how many files it read."""
    count = 0
    for directory, _, names in os.walk(corpus):
        for name in names:
            if name.endswith(".json"):
                with open(os.path.join(directory, name), "rb") as stream:
                    data = stream.read()
                count += 1
                with contextlib.suppress(ValueError):
                    json.loads(data)
    return count


def all_rule_ids() -> list[str]:
    from armc.rules.registry import default_registry

    return [rule.id for rule in default_registry()]


def lint_command(corpus: Path, output: Path, jobs: int | None, all_rules: bool) -> list[str]:
    command = [*ARMC, "lint", str(corpus), "--format", "json", "-o", str(output)]
    if jobs is not None:
        command += ["--jobs", str(jobs)]
    if all_rules:
        for rule in all_rule_ids():
            command += ["--select", rule]
    return command


def run(
    corpus: Path | None = None, repeat: int = 3, jobs: int | None = None, both: bool = True
) -> Section:
    """Every rule on (the off-by-default ones selected by id); with `both`, also the
    default rule set. Runs are interleaved so that each sees the same load."""
    corpus = corpus_dir(corpus)
    data = json_files(corpus)
    size = sum(len(item) for item in data)
    floor = time_call(lambda: read_and_parse(corpus), repeat)
    memory = time_call(lambda: json_floor(data), repeat)
    variants = [True, False] if both else [True]
    runs: dict[bool, list[tuple[float, float]]] = {variant: [] for variant in variants}
    findings: dict[bool, int] = {}
    with tempfile.TemporaryDirectory() as tmp:
        output = Path(tmp) / "lint.json"
        for _ in range(max(1, repeat)):
            for variant in variants:
                runs[variant].append(
                    run_command(lint_command(corpus, output, jobs, variant), ok=(0, 1))
                )
                report = json.loads(output.read_text(encoding="utf-8"))
                findings[variant] = len(report.get("diagnostics", []))
    section = Section("Corpus lint", "python benchmarks/corpus_lint.py")
    for variant in variants:
        wall = min(w for w, _ in runs[variant])
        cpu = min(c for _, c in runs[variant])
        rules = "every rule on" if variant else "default rules"
        section.figures.append(
            Figure(
                f"armc lint / reading + json.loads of every file ({rules})",
                wall / floor.best,
                TARGET,
                detail=f"lint {wall:.2f} s wall, {cpu:.2f} s CPU over its processes; "
                f"reading + json.loads {floor.best:.3f} s; best of {repeat}; "
                f"{findings[variant]} findings",
            )
        )
        section.figures.append(
            Figure(
                f"stricter: armc lint / json.loads of bytes in memory ({rules})",
                wall / memory.best,
                None,
                detail=f"json.loads alone {memory.best:.3f} s: no file system work in the floor",
            )
        )
        section.figures.append(
            Figure(
                f"CPU seconds: armc lint, all processes / reading + json.loads ({rules})",
                cpu / floor.best_cpu,
                None,
                detail="context for a loaded machine: the work done, whatever the wait",
            )
        )
    shown = f"python -m armc lint {corpus} --format json -o OUT" + (
        f" --jobs {jobs}" if jobs else ""
    )
    section.notes.append(
        f"corpus: {len(data)} JSON files, {size / 1e6:.1f} MB; measured: `{shown}` "
        "(every rule on: plus `--select ID` for each rule)"
    )
    return section


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--every-rule-only", action="store_true", help="skip the default-rules run")
    args = parser.parse_args(argv)
    if missing_corpus(args.corpus):
        return 2
    run(args.corpus, args.repeat, args.jobs, not args.every_rule_only).print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
