"""Diagnostic codes: unique, well-formed, documented."""

from __future__ import annotations

import re
from pathlib import Path

from armc.arm.codes import ALL_CODES

DOC = Path(__file__).resolve().parents[2] / "docs" / "arm-frontend.md"


def test_codes_are_unique_and_well_formed() -> None:
    assert len({c.code for c in ALL_CODES}) == len(ALL_CODES)
    assert len({c.name for c in ALL_CODES}) == len(ALL_CODES)
    for code in ALL_CODES:
        assert re.fullmatch(r"ARM[0-3]\d\d", code.code), code
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", code.name), code


def test_every_code_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    for code in ALL_CODES:
        assert f"| `{code.code}` | `{code.name}` |" in text, code
