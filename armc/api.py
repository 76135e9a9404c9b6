"""The library API behind the CLI: compile DSL files to ARM JSON."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from armc.diagnostics import CompileError, Diagnostic
from armc.emit.arm import ArmOutput, emit_arm
from armc.perf import paused_gc
from armc.source import SourceRegistry


@dataclass(frozen=True)
class BuildResult:
    source: Path
    output: ArmOutput | None
    diagnostics: tuple[Diagnostic, ...]


def build_file(path: Path, sources: SourceRegistry) -> BuildResult:
    """Compile one `.armc` file to ARM JSON text. Input errors come back as diagnostics."""
    from armc.dsl import compile_file

    try:
        with paused_gc():
            template = compile_file(path, sources)
            output = emit_arm(template)
    except CompileError as error:
        return BuildResult(path, None, tuple(error.diagnostics))
    return BuildResult(path, output, ())
