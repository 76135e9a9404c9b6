"""Write the starting corpora of the harnesses into fuzz/corpus/<harness>/ (not committed).

    python fuzz/seed.py [FOLDER]        # default: fuzz/corpus

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
OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS
"""Where the corpora go: the first argument, else fuzz/corpus."""
sys.path.insert(0, str(ROOT))
from armc.rules.support import walk_strings  # noqa: E402  (after the path is set)

SHARED = ROOT.parent / "shared" / "corpus"
MAX_TEMPLATES = 300
MAX_EXPRESSIONS = 3000
DSL_MAX_LEN = 1024
"""The DSL harness runs with -max_len=1024 (parsing is linear in the text and is most of the
cost); longer programs are also seeded as chunks of whole paragraphs below that size."""


def _write(kind: str, items: Iterable[bytes]) -> int:
    folder = OUT / kind
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


def _chunks(program: bytes, limit: int = DSL_MAX_LEN) -> list[bytes]:
    """`program` as runs of whole blank-line-separated paragraphs of at most `limit` bytes
    (a paragraph longer than that is cut), so the end of a long sample is seeded too."""
    if len(program) <= limit:
        return [program]
    out: list[bytes] = []
    current = b""
    for paragraph in program.split(b"\n\n"):
        piece = paragraph[:limit] + b"\n"
        if current and len(current) + len(piece) + 1 > limit:
            out.append(current)
            current = b""
        current = current + b"\n" + piece if current else piece
    if current:
        out.append(current)
    return [program, *out]


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
    dsl = [chunk for program in dsl for chunk in _chunks(program)]
    templates = _templates()
    expressions = _expressions(templates)
    print("dsl", _write("dsl", dsl))
    print("json_reader", _write("json_reader", (p.read_bytes() for p in templates)))
    print("expression", _write("expression", expressions))
    print("evaluator", _write("evaluator", (b"\x00" + e for e in expressions)))


if __name__ == "__main__":
    main()
