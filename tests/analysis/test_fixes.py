from __future__ import annotations

import pytest

from armc.analysis.fixes import OverlappingEditsError, apply_edits, apply_fixes
from armc.diagnostics import Edit, Fix
from armc.source import SourceFile, Span


def test_edits_apply_in_position_order_across_lines() -> None:
    source = SourceFile("f.json", '{\n  "a": 1,\n  "b": "x"\n}\n')
    fixes = [
        Fix("b", (Edit(Span("f.json", 3, 8, 3, 11), '"y"'),)),
        Fix("a", (Edit(Span("f.json", 2, 8, 2, 9), "true"),)),
        Fix("elsewhere", (Edit(Span("other.json", 1, 1, 1, 2), "!"),)),
    ]
    assert apply_fixes(source, fixes) == '{\n  "a": true,\n  "b": "y"\n}\n'


def test_overlapping_edits_are_refused() -> None:
    source = SourceFile("f", "abcdef")
    edits = [Edit(Span("f", 1, 1, 1, 4), "x"), Edit(Span("f", 1, 3, 1, 5), "y")]
    with pytest.raises(OverlappingEditsError):
        apply_edits(source, edits)
