"""`indented` writes exactly what `json.dumps(indent=2, ensure_ascii=False)` writes."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from armc.perf import indented

TEXT = st.text(st.characters(blacklist_categories=()), max_size=12)  # surrogates included
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | TEXT
)
VALUES = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(TEXT, children, max_size=4),
    max_leaves=20,
)


def expected(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


@settings(max_examples=400)
@given(VALUES)
def test_same_text_as_the_standard_library(value: Any) -> None:
    assert indented(value) == expected(value)


def test_values_orjson_writes_differently_go_to_the_standard_library() -> None:
    for value in (1e16, 1e-7, float("nan"), 2**64, {1: "a"}, ("a", 1), "\ud800", [0.1, 1e22]):
        assert indented(value) == expected(value)


def test_a_report_shape() -> None:
    document = {"version": 1, "summary": {"error": 2}, "diagnostics": [{"line": 3, "x": None}]}
    assert indented(document) == expected(document)


PLAIN_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**70), max_value=2**70) | TEXT,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(TEXT, children, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300)
@given(PLAIN_VALUES)
def test_plain_values_skip_the_check_and_still_match(value: Any) -> None:
    """What a JSON report holds: big integers and lone surrogates still fall back."""
    assert indented(value, plain=True) == expected(value)
