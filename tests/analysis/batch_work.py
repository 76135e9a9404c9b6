"""Module-level callables for the batch tests (worker processes must be able to import them)."""

from __future__ import annotations

import os
import time

from armc.analysis.pipeline import FileReport
from armc.diagnostics import Diagnostic


def square_slowly(n: int) -> tuple[int, int]:
    """Later items finish first, so completion order differs from input order."""
    time.sleep(0.002 * (20 - n % 20))
    return n * n, os.getpid()


def fail_on_three(n: int) -> int:
    if n == 3:
        raise RuntimeError("three")
    return n


def lint_file(path: str) -> list[Diagnostic]:
    """Lint one ARM JSON file with the test loader (top-level resources only)."""
    import json
    from pathlib import Path

    from armc.analysis.run import analyse
    from tests.analysis.helpers import build

    try:
        doc = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except (ValueError, OSError):
        return []
    if not isinstance(doc, dict) or not isinstance(doc.get("resources"), list):
        return []
    doc["resources"] = [
        r for r in doc["resources"] if isinstance(r, dict) and "type" in r and "name" in r
    ]
    template, _ = build(doc, file=path)
    return list(analyse(template))


def check_file(path: str) -> FileReport:
    """What `armc lint` does per file, with the test loader standing in for the ARM loader."""
    import json
    from pathlib import Path

    from armc.analysis.run import analyse
    from armc.analysis.secrets import secret_spans
    from tests.analysis.helpers import build

    doc = json.loads(Path(path).read_text(encoding="utf-8"))
    template, source = build(doc, file=path)
    return FileReport(path, tuple(analyse(template)), source, tuple(secret_spans(template)))
