"""docs/language.md lists exactly the diagnostic codes the compiler uses."""

from __future__ import annotations

import re

from conftest import ROOT

from armc.dsl.codes import CODES


def test_code_table_matches() -> None:
    text = (ROOT / "docs" / "language.md").read_text(encoding="utf-8")
    table = dict(re.findall(r"^\| (DSL\d{3}) \| ([a-z-]+) \|", text, re.MULTILINE))
    assert table == CODES


def test_every_code_is_used_in_the_compiler() -> None:
    sources = "".join(
        p.read_text(encoding="utf-8")
        for p in (ROOT / "armc" / "dsl").rglob("*.py")
        if p.name != "codes.py"
    )
    unused = [code for code in CODES if f'"{code}"' not in sources]
    assert unused == []


def test_every_documented_example_parses() -> None:
    from armc.dsl.parser import parse_program
    from armc.source import SourceFile

    text = (ROOT / "docs" / "language.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```armc\n(.*?)```", text, re.DOTALL)
    assert len(blocks) >= 15
    for number, block in enumerate(blocks):
        parse_program(SourceFile(f"example-{number}.armc", block))
