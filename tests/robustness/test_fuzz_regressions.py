"""Inputs the fuzz harnesses in fuzz/ found, pinned so that they stay fixed."""

from __future__ import annotations

import pytest

from armc.arm import expressions
from armc.arm.expressions import Call, Index, lark_parse


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("[parameters( 'tag' )]", 20),
        ("[f( )]", 5),
        ("[f ( 1 , 2 ) ]", 12),
    ],
)
def test_a_call_ends_at_its_closing_parenthesis_in_both_parsers(text: str, end: int) -> None:
    # fuzz_expression: Lark put the end one past the last argument, so spaces before ')' moved it
    reference = lark_parse(text)
    assert isinstance(reference, Call)
    assert reference.end == end
    assert expressions._fast_parse(text) == reference


def test_an_index_ends_at_its_closing_bracket_in_both_parsers() -> None:
    text = "[f()[ 1 ]]"
    reference = lark_parse(text)
    assert isinstance(reference, Index)
    assert reference.end == 9
    assert expressions._fast_parse(text) == reference


@pytest.mark.parametrize("space", ["\x0c", "\x0b", "\u00a0", "\u2028"])
def test_only_the_grammars_whitespace_may_trail_an_expression(space: str) -> None:
    # fuzz_expression: the fast parser accepted "[n()\x0c]" (str.strip() drops any whitespace)
    text = f"[n(){space}]"
    assert isinstance(lark_parse(text), expressions.ExpressionError)
    assert expressions._fast_parse(text) is None
    assert isinstance(expressions.parse_expression(text), expressions.ExpressionError)
