"""Shared helpers for the tooling tests: the samples and building text to ARM JSON."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "samples").rglob("*.armc"))
TOP_SAMPLES = sorted((ROOT / "samples").glob("*.armc"))
HERE = Path(__file__).resolve().parent


def build_text(text: str, filename: str) -> tuple[str, str]:
    """The ARM template and parameters file that `text` compiles to (imports resolve beside
    `filename`)."""
    from armc.dsl import compile_source
    from armc.emit.arm import emit_arm

    output = emit_arm(compile_source(text, filename))
    return output.template, output.parameters
