"""`armc build --check`: are the committed outputs of `.armc` sources up to date?

The build computes every output in memory as usual; instead of writing, each one is compared
byte for byte with the file on disk. A missing or different file is stale."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Stale:
    path: Path
    reason: str  # "missing" or "differs"

    def describe(self) -> str:
        if self.reason == "missing":
            return f"{self.path} is missing"
        return f"{self.path} is out of date with its .armc source"


def stale_outputs(outputs: Mapping[Path, str]) -> list[Stale]:
    """The outputs whose file on disk is missing or differs from the text built now, sorted."""
    stale: list[Stale] = []
    for path in sorted(outputs):
        try:
            current = path.read_bytes()
        except OSError:
            stale.append(Stale(path, "missing"))
            continue
        if current != outputs[path].encode("utf-8"):
            stale.append(Stale(path, "differs"))
    return stale


def check_outputs(outputs: Mapping[Path, str]) -> tuple[list[str], bool]:
    """Lines to print and whether everything is up to date."""
    stale = stale_outputs(outputs)
    if not stale:
        return [f"armc: {len(outputs)} output(s) up to date"], True
    lines = [f"armc: stale: {item.describe()}" for item in stale]
    lines.append("armc: run `armc build` on the sources and commit the outputs")
    return lines, False
