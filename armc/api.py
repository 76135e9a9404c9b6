"""The library API behind the CLI: compile DSL files to ARM JSON and/or Bicep."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from armc.diagnostics import CompileError, Diagnostic
from armc.emit.arm import ArmOutput, emit_arm
from armc.perf import paused_gc
from armc.source import SourceRegistry

if TYPE_CHECKING:
    from armc.emit.bicep import BicepOutput

Target = Literal["arm", "bicep", "both"]


@dataclass(frozen=True)
class BuildResult:
    source: Path
    output: ArmOutput | None
    diagnostics: tuple[Diagnostic, ...]
    bicep: BicepOutput | None = None

    @property
    def succeeded(self) -> bool:
        return self.output is not None or self.bicep is not None

    def files(self, directory: Path) -> dict[Path, str]:
        """The files of this build in `directory`, templates before parameters files."""
        stem = self.source.stem
        files: dict[Path, str] = {}
        if self.output is not None:
            files[directory / f"{stem}.json"] = self.output.template
            files[directory / f"{stem}.parameters.json"] = self.output.parameters
        if self.bicep is not None:
            files[directory / f"{stem}.bicep"] = self.bicep.template
            files[directory / f"{stem}.bicepparam"] = self.bicep.parameters
            for name, text in self.bicep.modules:  # the JSON templates of its modules
                files[directory / name] = text
        return files

    def templates(self) -> list[str]:
        """The template texts (ARM JSON first), as `--stdout` prints them."""
        texts = [self.output.template] if self.output is not None else []
        return texts + ([self.bicep.template] if self.bicep is not None else [])


def build_file(path: Path, sources: SourceRegistry, target: Target = "arm") -> BuildResult:
    """Compile one `.armc` file to ARM JSON and/or Bicep text. Input errors come back as
    diagnostics; nothing is returned for a target unless every requested target succeeds."""
    from armc.dsl import compile_file

    try:
        with paused_gc():
            template = compile_file(path, sources)
            arm = emit_arm(template) if target in ("arm", "both") else None
            bicep = None
            if target in ("bicep", "both"):
                from armc.emit.bicep import emit_bicep

                bicep = emit_bicep(template, path.stem)
    except CompileError as error:
        return BuildResult(path, None, tuple(error.diagnostics))
    return BuildResult(path, arm, (), bicep)
