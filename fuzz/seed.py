"""Write the starting corpora of the harnesses into fuzz/corpus/<harness>/ (not committed).

    python fuzz/seed.py

Seeds: the samples and DSL test programs for the DSL; test fixtures and a slice of
../shared/corpus for the reader; every expression in those templates for the expression parser
and the evaluator.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "fuzz" / "corpus"
sys.path.insert(0, str(ROOT))
from armc.rules.support import walk_strings  # noqa: E402  (after the path is set)

SHARED = ROOT.parent / "shared" / "corpus"
MAX_TEMPLATES = 300
MAX_EXPRESSIONS = 3000


def _write(kind: str, items: Iterable[bytes]) -> int:
    folder = CORPUS / kind
    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    for data in items:
        name = hashlib.sha1(data).hexdigest()
        (folder / name).write_bytes(data)
        count += 1
    return count


def _templates() -> list[Path]:
    fixtures = sorted((ROOT / "tests").rglob("*.json"))
    shared = sorted(SHARED.rglob("*.json")) if SHARED.is_dir() else []
    shared = shared[:: max(1, len(shared) // MAX_TEMPLATES)]
    return [p for p in [*fixtures, *shared] if p.stat().st_size < 200_000]


def _expressions(paths: list[Path]) -> list[bytes]:
    found: dict[str, None] = {}
    for path in paths:
        try:
            value = json.loads(path.read_text(encoding="utf-8-sig"))
        except (ValueError, UnicodeDecodeError):
            continue
        for _, text in walk_strings(value):
            if text.startswith("[") and text.endswith("]") and not text.startswith("[["):
                found[text[1:-1]] = None
    return [text.encode() for text in list(found)[:MAX_EXPRESSIONS]]


def main() -> None:
    dsl = [p.read_bytes() for p in sorted(ROOT.glob("samples/**/*.armc"))]
    dsl += [
        m.encode()
        for m in re.findall(
            r'"""\\?\n(.*?)"""',
            "".join(
                p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "dsl").glob("*.py"))
            ),
            re.S,
        )
    ]
    templates = _templates()
    expressions = _expressions(templates)
    print("dsl", _write("dsl", dsl))
    print("json_reader", _write("json_reader", (p.read_bytes() for p in templates)))
    print("expression", _write("expression", expressions))
    print("evaluator", _write("evaluator", (b"\x00" + e for e in expressions)))


if __name__ == "__main__":
    main()
