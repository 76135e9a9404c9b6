"""Every rule has a DSL firing fixture (tests/analysis/cases/<ID>/fire.armc), except the few
whose defect the DSL cannot express: there the compiler rejects the defect itself, or the
language has no construct that could produce it. This test keeps that list honest."""

from __future__ import annotations

from pathlib import Path

import pytest

from armc.diagnostics import CompileError
from armc.dsl import compile_source
from armc.rules.registry import default_registry

CASES = Path(__file__).resolve().parents[1] / "analysis" / "cases"

REJECTED_BY_THE_COMPILER = {
    "AZS002": ('param p: secure string = "literal"\n', "DSL307"),
    "AZV018": ('param count: int = "three"\n', "DSL301"),
}
"""Rules whose defect is a DSL compile error: the source, and the error the compiler reports."""

NOT_EXPRESSIBLE = {
    "AZP003": "DSL variables are folded at compile time; the template has no ARM variables",
    "AZP007": "DSL resource names are identifiers, so a name cannot call newGuid() or utcNow()",
}
"""Rules whose defect the DSL has no construct for."""


def test_every_other_rule_has_dsl_fixtures() -> None:
    missing = sorted(
        rule.id for rule in default_registry() if not (CASES / rule.id / "fire.armc").is_file()
    )
    assert missing == sorted({*REJECTED_BY_THE_COMPILER, *NOT_EXPRESSIBLE})


@pytest.mark.parametrize("rule_id", sorted(REJECTED_BY_THE_COMPILER))
def test_the_compiler_rejects_the_defect(rule_id: str) -> None:
    source, code = REJECTED_BY_THE_COMPILER[rule_id]
    with pytest.raises(CompileError) as raised:
        compile_source(source, "defect.armc")
    assert code in [d.code for d in raised.value.diagnostics]
