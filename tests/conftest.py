"""Shared fixtures: golden files, the ../shared folder and the official schema validator."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
GOLDEN = Path(__file__).resolve().parent / "golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite golden files from the current output (review with git diff)",
    )


class Golden:
    """Compare text with a golden file, or rewrite it under --update-golden."""

    def __init__(self, update: bool) -> None:
        self.update = update

    def check(self, relative: str, actual: str) -> None:
        path = GOLDEN / relative
        if self.update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8", newline="\n")
            return
        if not path.exists():
            pytest.fail(f"no golden file {path}; run pytest --update-golden and review it")
        expected = path.read_text(encoding="utf-8")
        assert actual == expected, f"{relative} differs from its golden file"


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Golden:
    return Golden(bool(request.config.getoption("--update-golden")))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is absent: the shared corpus, schemas and tools are not here")
    return SHARED


@pytest.fixture(scope="session")
def arm_validator(shared_dir: Path) -> Any:
    """`ArmValidator` from ../shared/tools/validate_arm.py, over ../shared/schemas-azure."""
    script = shared_dir / "tools" / "validate_arm.py"
    schemas = shared_dir / "schemas-azure"
    if not script.is_file() or not schemas.is_dir():
        pytest.skip("../shared/tools/validate_arm.py or ../shared/schemas-azure is absent")
    spec = importlib.util.spec_from_file_location("validate_arm", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.ArmValidator(schemas)
