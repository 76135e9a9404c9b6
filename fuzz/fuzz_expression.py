"""Fuzz the ARM expression parser: any string parses to a tree or an ExpressionError located
inside the string; the fast parser agrees with the Lark grammar; unparse() round-trips.

    python fuzz/fuzz_expression.py fuzz/corpus/expression -max_total_time=600
"""

from __future__ import annotations

import math

import atheris
import common

with atheris.instrument_imports(include=["armc"]):
    from armc.arm import expressions
    from armc.arm.expressions import ExpressionError, Literal, lark_parse, unparse, walk


def test_one(data: bytes) -> None:
    body = data.decode("utf-8", errors="replace")
    value = "[" + body + "]"
    parsed = lark_parse(value)
    fast = expressions._fast_parse(value)
    if isinstance(parsed, ExpressionError):
        assert 0 <= parsed.offset <= parsed.end <= len(value), parsed
        assert fast is None, f"fast parser accepted what Lark rejects: {value!r}"
        return
    if fast is not None:
        assert fast == parsed, f"fast and Lark parsers disagree on {value!r}"
    if any(
        isinstance(n, Literal) and isinstance(n.value, float) and not math.isfinite(n.value)
        for n in walk(parsed)
    ):
        return  # a literal of 309 digits or more is inf: no ARM text can say that
    text = unparse(parsed)
    again = lark_parse("[" + text + "]")
    assert not isinstance(again, ExpressionError), f"unparse gave invalid text for {value!r}"
    assert unparse(again) == text, f"unparse does not round-trip {value!r}"


if __name__ == "__main__":
    common.run(test_one)
