"""Shared pytest options. `--update-golden` rewrites golden files instead of comparing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="rewrite golden files from actual output"
    )


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[Path, str], None]:
    """`golden(path, actual)`: compare `actual` with the file (or rewrite it)."""
    update = bool(request.config.getoption("--update-golden"))

    def check(path: Path, actual: str) -> None:
        if update or not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8", newline="\n")
            if not update:
                pytest.fail(f"golden file {path} was missing and has been written; re-run")
            return
        expected = path.read_text(encoding="utf-8")
        assert actual == expected, f"{path} differs (run pytest --update-golden if intended)"

    return check
