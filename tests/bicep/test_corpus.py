"""The Bicep back-end over the models of the quickstart corpus's ARM templates (through the ARM
loader): it never crashes (what Bicep cannot say is BICEP001), and pycep-parser reads almost
every file it writes (the rest use valid Bicep that pycep does not know, such as a loop with a
condition)."""

from __future__ import annotations

from pathlib import Path

from armc.arm.loader import load_template
from armc.diagnostics import CompileError
from armc.emit.bicep import emit_bicep

from .bicep_eval import parse


def test_corpus_templates_translate_or_fail_cleanly(shared_dir: Path) -> None:
    files = sorted((shared_dir / "corpus").rglob("azuredeploy.json"))[::2]  # half: 15 s
    written: list[str] = []
    refused = 0
    for path in files:
        loaded = load_template(path)
        if not loaded.ok:
            continue
        try:
            written.append(emit_bicep(loaded.template, "main").template)
        except CompileError as error:
            assert {d.code for d in error.diagnostics} <= {"BICEP001", "GRAPH001"}, path
            refused += 1
    parsed = 0
    for text in written:
        try:
            parse(text)
        except Exception:  # pycep-parser's own limits
            continue
        parsed += 1
    assert len(written) >= 0.8 * (len(written) + refused)
    assert parsed >= 0.95 * len(written)
