"""The share of the corpus's VM templates that `armc import` round-trips.

    python benchmarks/import_roundtrip.py [LIMIT]

For every ARM template of ../shared/corpus/INDEX.tsv marked `is_vm`, imports it (parameter
defaults), checks that `armc fmt` is idempotent on the result, builds it and compares the build
with the template (armc.importer.roundtrip). Prints the counts and the most common reasons."""

from __future__ import annotations

import collections
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from armc.dsl.format import format_source  # noqa: E402
from armc.importer import import_file  # noqa: E402
from armc.importer.roundtrip import compare_text  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"


def vm_templates() -> list[Path]:
    rows = (CORPUS / "INDEX.tsv").read_text(encoding="utf-8").splitlines()[1:]
    paths = []
    for row in rows:
        path, kind, _, _, is_vm = row.split("\t")
        if kind == "arm-json" and is_vm == "1":
            paths.append(CORPUS / path)
    return paths


def main() -> None:
    limit = int(sys.argv[1]) if len(sys.argv) > 1 else None
    paths = vm_templates()[:limit]
    counts: collections.Counter[str] = collections.Counter()
    reasons: collections.Counter[str] = collections.Counter()
    for path in paths:
        try:
            result, loaded = import_file(path)
        except RecursionError:
            counts["import crashed (recursion)"] += 1
            continue
        if result is None:
            counts["not loadable"] += 1
            continue
        text = format_source(result.text)
        if format_source(text) != text:
            counts["fmt not idempotent"] += 1
        differences = compare_text(loaded, text, str(path.with_suffix(".armc")), result.params)
        if result.notes:
            counts["notes"] += 1
            for note in result.notes:
                if "has no value" not in note:
                    reasons["note: " + note.split(": ", 1)[-1][:60]] += 1
        if differences:
            counts["differs"] += 1
            first = differences[0]
            if "does not compile" in first:
                first = "does not compile: " + first.rsplit(": ", 1)[-1]
            reasons["diff: " + first[:90]] += 1
        else:
            counts["round-trips"] += 1
            if result.filled:
                counts["round-trips, of which some parameter took a placeholder"] += 1
            if not result.notes:
                counts["round-trips with nothing noted (exact)"] += 1
    total = len(paths)
    print(f"VM templates: {total}")
    for name, count in sorted(counts.items()):
        print(f"  {name}: {count} ({100 * count / max(total, 1):.1f}%)")
    print("most common reasons:")
    for reason, count in reasons.most_common(15):
        print(f"  {count:4}  {reason}")


if __name__ == "__main__":
    main()
