"""Bad input of any shape gives CompileError with located diagnostics, never another exception."""

from __future__ import annotations

import pytest
from conftest import SAMPLES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from armc.diagnostics import CompileError
from armc.dsl import compile_source

TEXTS = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.armc"))]
FRAGMENTS = [
    "{",
    "}",
    "(",
    ")",
    "[",
    "]",
    "\n",
    '"',
    "${",
    "->",
    "*",
    "if",
    "vm",
    "1",
    "-",
    ".",
    ",",
    ":",
    "=",
    "index",
    "core.web",
    "10.0.0.0/8",
    "#",
    "\\\n",
    "priority",
    "[*]",
    "[0]",
    "99999999999999999999",
    "zones(1)",
    "admin",
    "not",
    "0.0.0.0/0",
]


@st.composite
def mutated_programs(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(TEXTS))
    for _ in range(draw(st.integers(1, 4))):
        position = draw(st.integers(0, len(text)))
        if draw(st.booleans()):
            text = text[:position] + draw(st.sampled_from(FRAGMENTS)) + text[position:]
        else:
            text = text[:position] + text[position + draw(st.integers(1, 12)) :]
    return text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_programs())
def test_mutated_samples_never_crash(text: str) -> None:
    try:
        compile_source(text, "fuzz.armc")
    except CompileError as error:
        assert error.diagnostics
        for diagnostic in error.diagnostics:
            assert diagnostic.span is not None and diagnostic.span.line >= 1
            assert diagnostic.code.startswith("DSL")


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=80))
def test_arbitrary_text_never_crashes(text: str) -> None:
    try:
        compile_source(text, "fuzz.armc")
    except CompileError as error:
        assert error.diagnostics


@pytest.mark.parametrize(
    "text", ["var x = " + "-" * 3000 + "1\n", "var x = 1" + " + 1" * 3000 + "\n"]
)
def test_absurd_nesting_is_a_diagnostic(text: str) -> None:
    with pytest.raises(CompileError) as caught:
        compile_source(text, "deep.armc")
    assert caught.value.diagnostics[0].code == "DSL311"
