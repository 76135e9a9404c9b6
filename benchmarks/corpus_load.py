"""Load the shared corpus with armc and with `json.loads` in the same run; print the ratios.

    python benchmarks/corpus_load.py [CORPUS_DIR] [--repeat N]

Stages, each timed over every ARM template and parameters file of the corpus, from bytes
already in memory (disk reads are excluded from both sides). Each result is dropped once built,
as the baseline drops what json.loads returns (a run that kept 2,500 templates alive would time
the garbage collector walking them). Times are CPU seconds of this process (`time.process_time`:
on a shared machine, time spent waiting for a core is not the code's), best of `--repeat` runs;
wall-clock seconds are printed beside them.

* json.loads           the baseline (files that are not strict JSON fail fast; counted anyway)
* read                 armc.arm.reader: decode, BOM, JSONC, duplicate keys, located errors;
                       spans found on demand
* read + all spans     the same with a Span built for every value (what a report touching
                       every value would cost)
* load                 read + the Template model: resources flattened, copy loops expanded,
                       names evaluated, dependencies resolved with their spans
* load + evaluate_all  what `armc lint` does per file: every value evaluated, syntax checked

Then the expression figures: expressions found (JSON strings "[...]"), the share that parse,
and the share that evaluate to a concrete value (no Unknown inside) with default parameters.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from armc.arm.expressions import ExpressionError, is_expression, parse_expression  # noqa: E402
from armc.arm.loader import LoadedTemplate, clear_caches, load_document  # noqa: E402
from armc.arm.reader import JsonDocument, read_bytes  # noqa: E402
from armc.arm.values import is_known  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"


def corpus_files(corpus: Path) -> list[tuple[str, str, bytes]]:
    """(path, kind, bytes) of every ARM template and parameters file in INDEX.tsv."""
    with (corpus / "INDEX.tsv").open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle, delimiter="\t")]
    return [
        (row["path"], row["kind"], (corpus / row["path"]).read_bytes())
        for row in rows
        if row["kind"] in ("arm-json", "parameters")
    ]


def _timed(action: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Best CPU seconds and best wall-clock seconds of `repeat` runs."""
    best_cpu = best_wall = float("inf")
    for _ in range(repeat):
        clear_caches()  # every run parses each expression once, as a cold run
        start_cpu, start_wall = time.process_time(), time.perf_counter()
        action()
        best_cpu = min(best_cpu, time.process_time() - start_cpu)
        best_wall = min(best_wall, time.perf_counter() - start_wall)
    return best_cpu, best_wall


def _json_loads_all(files: list[tuple[str, str, bytes]]) -> None:
    for _, _, data in files:
        with contextlib.suppress(ValueError):
            json.loads(data)


def _read_all(files: list[tuple[str, str, bytes]]) -> None:
    for path, _, data in files:
        read_bytes(data, path)


def _all_spans(files: list[tuple[str, str, bytes]]) -> None:
    for path, _, data in files:
        document: JsonDocument = read_bytes(data, path)
        len(document.spans)  # builds a Span for every value


def _load_all(files: list[tuple[str, str, bytes]], evaluate: bool) -> None:
    for path, kind, data in files:
        if kind != "arm-json":
            read_bytes(data, path)
            continue
        template: LoadedTemplate = load_document(read_bytes(data, path))
        if evaluate:
            template.evaluate_all()


def expression_figures(files: list[tuple[str, str, bytes]]) -> dict[str, Any]:
    """Expressions in templates: how many, the share that parse, the share that evaluate to a
    concrete value with default parameters (expressions in resources, variables, outputs and
    parameter defaults, each evaluated in its own scope)."""
    found = parsed = concrete = 0
    for path, kind, data in files:
        if kind != "arm-json":
            continue
        loaded = load_document(read_bytes(data, path))
        if not loaded.ok:
            continue
        for value, evaluate in _expressions_of(loaded):
            found += 1
            if isinstance(parse_expression(value), ExpressionError):
                continue
            parsed += 1
            if is_known(evaluate()):
                concrete += 1
    return {
        "expressions": found,
        "parsed": parsed,
        "parsed_share": parsed / found if found else 0.0,
        "concrete": concrete,
        "concrete_share": concrete / found if found else 0.0,
    }


def _expressions_of(loaded: LoadedTemplate) -> list[tuple[str, Callable[[], Any]]]:
    out: list[tuple[str, Callable[[], Any]]] = []
    evaluator = loaded.evaluator

    def walk(
        value: Any, path: tuple[str | int, ...], make: Callable[[Any, Any], Callable[[], Any]]
    ) -> None:
        if isinstance(value, str):
            if is_expression(value):
                out.append((value, make(value, path)))
        elif isinstance(value, dict):
            for key, item in value.items():
                if key != "metadata":
                    walk(item, (*path, key), make)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, (*path, index), make)

    def root_scope(value: Any, path: Any) -> Callable[[], Any]:
        return lambda: evaluator.evaluate(value, path)

    for parameter in loaded.template.parameters.values():
        walk(parameter.body.get("defaultValue"), (*parameter.path, "defaultValue"), root_scope)
    walk(loaded.template.variables, ("variables",), root_scope)
    for output in loaded.template.outputs.values():
        walk(output.body, output.path, root_scope)
    for resource in loaded.template.resources:
        if resource.copy_index not in (None, 0):
            continue  # one instance per declaration
        place = loaded.placement(resource)

        def in_place(value: Any, path: Any, place: Any = place) -> Callable[[], Any]:
            def run() -> Any:
                with place.iteration():
                    return place.evaluator.evaluate(value, path)

            return run

        body = {k: v for k, v in resource.body.items() if k != "properties"}
        properties = resource.body.get("properties")
        if isinstance(properties, dict):
            body["properties"] = {k: v for k, v in properties.items() if k != "template"}
        walk(body, resource.path, in_place)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    if not (args.corpus / "INDEX.tsv").is_file():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    files = corpus_files(args.corpus)
    size = sum(len(data) for _, _, data in files)
    print(f"corpus: {len(files)} files, {size / 1e6:.1f} MB ({args.corpus})")
    baseline, baseline_wall = _timed(lambda: _json_loads_all(files), args.repeat)
    print(f"{'stage':24} {'CPU':>8}   {'ratio':>6}   {'wall':>8}")
    print(f"{'json.loads':24} {baseline:8.3f} s {1.0:6.1f}x {baseline_wall:8.3f} s")
    stages: list[tuple[str, Callable[[], object]]] = [
        ("read", lambda: _read_all(files)),
        ("read + all spans", lambda: _all_spans(files)),
        ("load", lambda: _load_all(files, evaluate=False)),
        ("load + evaluate_all", lambda: _load_all(files, evaluate=True)),
    ]
    for name, action in stages:
        seconds, wall = _timed(action, args.repeat)
        print(f"{name:24} {seconds:8.3f} s {seconds / baseline:6.1f}x {wall:8.3f} s")
    figures = expression_figures(files)
    print(
        f"expressions: {figures['expressions']}, parse: {figures['parsed']} "
        f"({figures['parsed_share']:.2%}), concrete with default parameters: "
        f"{figures['concrete']} ({figures['concrete_share']:.2%})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
