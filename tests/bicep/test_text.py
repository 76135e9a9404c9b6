"""Bicep lexical helpers: string escaping (property-tested through pycep-parser), identifiers,
object keys, environment variable names."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from armc.emit.bicep_text import env_name, identifier, member, object_key, quote

from .bicep_eval import BicepEvaluator

TRICKY = st.sampled_from(list("ab'\\${}\n\r\t\x00\x07\x7fé🚀\u2028 "))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=TRICKY | st.characters(), max_size=16))
def test_any_string_round_trips_through_pycep(value: str) -> None:
    # pycep-parser misreads a string that ends with an escaped backslash when another string
    # follows (Bicep itself does not): those are checked as text in test_emitter.py.
    if value.endswith("\\"):
        value += "."
    evaluator = BicepEvaluator(f"var x = {quote(value)}\nvar y = 'after'\n")
    assert evaluator.eval(evaluator.variables["x"]) == value
    assert evaluator.eval(evaluator.variables["y"]) == "after"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("it's", "'it\\'s'"),
        ("a\\b", "'a\\\\b'"),
        ("${x} $y {z}", "'\\${x} $y {z}'"),
        ("\n\r\t", "'\\n\\r\\t'"),
        ("\x00\x1f\x7f\u2028", "'\\u{0}\\u{1F}\\u{7F}\\u{2028}'"),
        ("é 🚀", "'é 🚀'"),
        ("", "''"),
    ],
)
def test_quote(text: str, expected: str) -> None:
    assert quote(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("admin_key", "admin_key"),
        ("my-param", "my_param"),
        ("1st", "_1st"),
        ("resource", "resource_"),
        ("targetScope", "targetScope_"),
        ("", "value"),
    ],
)
def test_identifier(text: str, expected: str) -> None:
    assert identifier(text) == expected


def test_object_keys_and_members() -> None:
    assert object_key("addressPrefix") == "addressPrefix"
    assert object_key("odd-key") == "'odd-key'"
    assert object_key("true") == "'true'"
    assert object_key("type") == "type"
    assert member("ipAddress") == ".ipAddress"
    assert member("x-y") == "['x-y']"


@pytest.mark.parametrize(
    ("name", "expected"),
    [("admin_key", "ADMIN_KEY"), ("adminKey", "ADMIN_KEY"), ("vm-2Size", "VM_2_SIZE")],
)
def test_env_name(name: str, expected: str) -> None:
    assert env_name(name) == expected
