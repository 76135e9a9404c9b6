"""Imports, suppression comments and whole-file compilation."""

from __future__ import annotations

from pathlib import Path

import pytest

from armc.analysis.suppressions import comment_suppressions
from armc.diagnostics import CompileError
from armc.dsl import compile_file
from armc.source import SourceRegistry


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_import_merges_declarations_with_spans_in_the_imported_file(tmp_path: Path) -> None:
    write(tmp_path / "net" / "core.armc", "vnet core 10.0.0.0/16 {\n  subnet web 10.0.1.0/24\n}\n")
    main = write(tmp_path / "main.armc", 'import "net/core.armc"\nnsg web\n')
    sources = SourceRegistry()
    template = compile_file(main, sources)
    assert [r.key for r in template.resources] == ["vnet:core", "nsg:web"]
    span = template.span(("resources", 0))
    assert span is not None and span.file.endswith("core.armc") and span.line == 1
    assert sources.get(str(tmp_path / "net" / "core.armc")) is not None


def test_diamond_imports_are_merged_once(tmp_path: Path) -> None:
    write(tmp_path / "base.armc", "nsg shared\n")
    write(tmp_path / "a.armc", 'import "base.armc"\n')
    write(tmp_path / "b.armc", 'import "base.armc"\n')
    main = write(tmp_path / "main.armc", 'import "a.armc"\nimport "b.armc"\n')
    template = compile_file(main, SourceRegistry())
    assert [r.key for r in template.resources] == ["nsg:shared"]


def test_import_cycle_is_reported_with_the_chain(tmp_path: Path) -> None:
    write(tmp_path / "a.armc", 'import "b.armc"\n')
    write(tmp_path / "b.armc", 'import "a.armc"\n')
    with pytest.raises(CompileError) as caught:
        compile_file(tmp_path / "a.armc", SourceRegistry())
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.code == "DSL203"
    assert "a.armc -> b.armc -> a.armc" in diagnostic.message
    assert diagnostic.span is not None and diagnostic.span.file.endswith("b.armc")
    assert diagnostic.related and diagnostic.related[0].span.file.endswith("a.armc")


def test_errors_in_imported_files_point_into_them(tmp_path: Path) -> None:
    write(tmp_path / "bad.armc", "vnet x 10.0.0.0/40\n")
    main = write(tmp_path / "main.armc", 'import "bad.armc"\n')
    with pytest.raises(CompileError) as caught:
        compile_file(main, SourceRegistry())
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.code == "DSL302"
    assert diagnostic.span is not None and diagnostic.span.file.endswith("bad.armc")


def test_unreadable_file_is_a_diagnostic(tmp_path: Path) -> None:
    with pytest.raises(CompileError) as caught:
        compile_file(tmp_path / "missing.armc", SourceRegistry())
    assert caught.value.diagnostics[0].code == "DSL111"


def test_suppression_comments() -> None:
    text = (
        "# armc: ignore[AZS001, AZS002] reviewed by security\n"
        "vm web {\n"
        "  size Standard_B2s  # armc: ignore[COST003] burstable is enough\n"
        '  tags { note: "# armc: ignore[NOT] inside a string" }\n'
        "}\n"
    )
    found, problems = comment_suppressions(text, "s.armc")
    assert problems == []
    flat = [(rule, s.reason, s.span.line, s.line) for s in found if s.span for rule in s.rules]
    assert flat == [
        ("AZS001", "reviewed by security", 1, 2),
        ("AZS002", "reviewed by security", 1, 2),
        ("COST003", "burstable is enough", 3, 3),
    ]
    assert found[1].span is not None and found[1].span.column == 24  # the `armc:` directive
