"""Where `armc lint` spends its CPU over the corpus, stage by stage, in one process.

    python benchmarks/lint_stages.py [CORPUS_DIR] [--top N]

Context for `corpus_lint.py` (which times the real command, with its worker processes): each
template goes through what `armc lint` does to it (read, load with the paired parameters file,
evaluate, rules), one process, CPU seconds per stage and as a multiple of `json.loads` of
the same bytes measured in the same run; then the rules that cost most. The first rule to ask
for something shared (the string walk, the network index, the type check of each body) is
charged for building it.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpus_lint import json_files, json_floor
from benchmarks.measure import corpus_dir, missing_corpus, time_call

STAGES = ("read", "load", "evaluate", "rules and diagnostics")


def measure(corpus: Path, per_rule: bool = False) -> tuple[dict[str, float], dict[str, float], int]:
    """CPU seconds per stage and, with `per_rule`, per rule, and how many templates were
    linted. Timing each rule costs a few microseconds per call (a tenth of a second over the
    corpus): the stage figures come from a run without it."""
    from armc.analysis.context import AdaptedValues
    from armc.analysis.engine import Engine
    from armc.arm.loader import LoadOptions, is_template_document, load_document
    from armc.arm.reader import read_file
    from armc.arm.values import Unknown
    from armc.perf import paused_gc

    engine = Engine()
    rule_times: dict[str, float] = {}
    if per_rule:
        for planned in engine.rules:
            planned.rule.check = _timed(planned.rule.check, planned.rule.id, rule_times)  # type: ignore[method-assign,assignment]
    stages = dict.fromkeys(STAGES, 0.0)
    count = 0
    root = corpus.resolve()
    with paused_gc():
        for path in sorted(corpus.rglob("*.json")):
            if path.name.lower().endswith(".parameters.json") or not path.is_file():
                continue
            start = time.process_time()
            document = read_file(path, str(path))
            stages["read"] += time.process_time() - start
            if not document.ok or not is_template_document(document.value):
                continue
            count += 1
            sibling = path.with_name(path.stem + ".parameters.json")
            options = LoadOptions(
                root=root, check_parameters_file=sibling if sibling.is_file() else None
            )
            start = time.process_time()
            loaded = load_document(document, options, base_dir=path.resolve().parent)
            stages["load"] += time.process_time() - start
            start = time.process_time()
            loaded.evaluate_all()
            stages["evaluate"] += time.process_time() - start
            if not loaded.ok:
                continue
            start = time.process_time()
            values = AdaptedValues(loaded, lambda v: isinstance(v, Unknown))
            engine.run(loaded.template, values=values)
            stages["rules and diagnostics"] += time.process_time() - start
    return stages, rule_times, count


def _timed(
    check: Callable[[Any], Any], rule_id: str, into: dict[str, float]
) -> Callable[[Any], Iterator[Any]]:
    def timed(ctx: Any) -> Iterator[Any]:
        start = time.process_time()
        found = list(check(ctx))
        into[rule_id] = into.get(rule_id, 0.0) + time.process_time() - start
        return iter(found)

    return timed


def report(corpus: Path | None = None, top: int = 12) -> str:
    corpus = corpus_dir(corpus)
    data = json_files(corpus)
    floor = time_call(lambda: json_floor(data), 3).best_cpu
    stages, _, count = measure(corpus)
    _, per_rule, _ = measure(corpus, per_rule=True)
    total = sum(stages.values())
    lines = [f"{count} templates, one process; json.loads of the corpus: {floor:.3f} s CPU"]
    lines.append(f"{'stage':<24}{'CPU':>9}{'x json':>9}{'share':>8}")
    for stage, seconds in stages.items():
        share = 100 * seconds / total if total else 0.0
        lines.append(f"{stage:<24}{seconds:>8.3f}s{seconds / floor:>8.1f}x{share:>7.1f}%")
    lines.append(f"{'total':<24}{total:>8.3f}s{total / floor:>8.1f}x")
    rules_total = sum(per_rule.values())
    lines.append(
        f"rules' own checks (a second run, each rule timed): {rules_total:.3f} s; the costliest:"
    )
    for rule_id, seconds in sorted(per_rule.items(), key=lambda item: (-item[1], item[0]))[:top]:
        lines.append(f"  {rule_id}  {seconds:.3f} s")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=None)
    parser.add_argument("--top", type=int, default=12)
    args = parser.parse_args(argv)
    if missing_corpus(args.corpus):
        return 2
    print(report(args.corpus, args.top))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
