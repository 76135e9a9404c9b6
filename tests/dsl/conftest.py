"""Shared helpers for the DSL tests."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from armc.diagnostics import CompileError, Diagnostic
from armc.dsl import compile_source
from armc.model.template import Template

sys.path.insert(0, str(Path(__file__).parent))

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"
VALIDATOR = SHARED / "tools" / "validate_arm.py"

NETWORK = """
param admin_key: string
vnet core 10.0.0.0/16 {
  subnet web 10.0.1.0/24
}
"""


def compile_text(text: str, filename: str = "test.armc") -> Template:
    return compile_source(text, filename)


def diagnostics_of(text: str, filename: str = "test.armc") -> list[Diagnostic]:
    with pytest.raises(CompileError) as caught:
        compile_source(text, filename)
    return caught.value.diagnostics


def first_error(text: str) -> tuple[str, int, int]:
    diagnostic = diagnostics_of(text)[0]
    assert diagnostic.span is not None
    return diagnostic.code, diagnostic.span.line, diagnostic.span.column
