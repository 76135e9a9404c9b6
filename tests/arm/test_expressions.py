"""The expression parser: AST shapes, exact error offsets, and the fast parser agreeing with
the Lark grammar (the specification)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from armc.arm.expressions import (
    Call,
    ExpressionError,
    Index,
    Literal,
    Node,
    Property,
    calls,
    is_expression,
    lark_parse,
    parse_expression,
    unescape_literal,
    unparse,
)


def test_nested_calls_strings_numbers() -> None:
    tree = parse_expression("[concat(parameters('it''s'), -1, 2.5)]")
    assert isinstance(tree, Call) and tree.name == "concat"
    inner, minus_one, decimal = tree.args
    assert isinstance(inner, Call) and inner.lower == "parameters"
    assert inner.args == (Literal("it's", 19, 26),)
    assert minus_one == Literal(-1, 29, 31)
    assert decimal == Literal(2.5, 33, 36)


def test_property_access_and_indexing() -> None:
    tree = parse_expression("[reference('vm').outputs[0].value]")
    assert isinstance(tree, Property) and tree.name == "value"
    assert isinstance(tree.target, Index)
    assert isinstance(tree.target.target, Property) and tree.target.target.name == "outputs"


def test_named_literals_and_user_functions() -> None:
    assert parse_expression("[true]") == Literal(True, 1, 5)
    assert isinstance(parse_expression("[null()]"), Call)
    user = parse_expression("[contoso.uniqueName('x')]")
    assert isinstance(user, Call) and user.name == "contoso.uniqueName"


def test_literal_escape_is_not_an_expression() -> None:
    assert not is_expression("[[not an expression]")
    assert unescape_literal("[[x]") == "[x]"
    assert is_expression("[x()]") and not is_expression("x[]")


def test_errors_point_at_the_offending_token() -> None:
    cases = {
        "[concat('a' 'b')]": (12, "unexpected"),
        "[concat('a']": (11, "expected ')'"),
        "[concat('a)]": (8, "unterminated string"),
        "[foo]": (1, "unknown name 'foo'"),
        "[concat(,)]": (8, "unexpected ','"),
        "[]": (1, "unexpected ']'"),
        "[a(]": (3, "unexpected"),
    }
    for text, (offset, words) in cases.items():
        error = parse_expression(text)
        assert isinstance(error, ExpressionError), text
        assert error.offset == offset, (text, error)
        assert words in error.message, (text, error.message)


def test_calls_finds_functions_case_insensitively() -> None:
    tree = parse_expression("[ResourceId('A.B/c', listKeys(resourceid('A.B/d', 'x'), '1').k)]")
    assert not isinstance(tree, ExpressionError)
    assert [c.name for c in calls(tree, "resourceId")] == ["ResourceId", "resourceid"]


def test_parsing_is_memoised() -> None:
    first = parse_expression("[parameters('memo')]")
    assert parse_expression("[parameters('memo')]") is first


# --- property tests --------------------------------------------------------------------

_names = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,6}", fullmatch=True).filter(
    lambda n: n.lower() not in ("true", "false", "null")
)


def _trees() -> st.SearchStrategy[Node]:
    leaves: st.SearchStrategy[Node] = st.one_of(
        st.builds(lambda v: Literal(v, 0, 0), st.text(max_size=6)),
        st.builds(lambda v: Literal(v, 0, 0), st.integers(-99, 99)),
        st.builds(lambda v: Literal(v, 0, 0), st.sampled_from([True, False, None])),
    )
    return st.recursive(
        leaves,
        lambda inner: st.one_of(
            st.builds(lambda n, a: Call(n, tuple(a), 0, 0), _names, st.lists(inner, max_size=3)),
            st.builds(lambda t, n: Property(t, n, 0, 0), inner, _names),
            st.builds(lambda t, i: Index(t, i, 0, 0), inner, inner),
        ),
        max_leaves=8,
    )


@settings(max_examples=300, deadline=None)
@given(_trees())
def test_unparse_then_parse_round_trips(tree: Node) -> None:
    text = f"[{unparse(tree)}]"
    parsed = parse_expression(text)
    assert not isinstance(parsed, ExpressionError), (text, parsed)
    assert unparse(parsed) == unparse(tree)
    reference = lark_parse(text)
    assert not isinstance(reference, ExpressionError)
    assert unparse(reference) == unparse(parsed)


_pieces = st.sampled_from(
    ["concat", "(", ")", "'a'", "''", "'", ",", ".", "x", "[", "]", "1", "-2", " ", "true", "b.c"]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_pieces, max_size=10))
def test_fast_parser_accepts_exactly_what_the_grammar_accepts(pieces: list[str]) -> None:
    text = "[" + "".join(pieces) + "]"
    fast = parse_expression.__wrapped__(text)
    reference = lark_parse(text)
    assert isinstance(fast, ExpressionError) == isinstance(reference, ExpressionError), text
    if not isinstance(fast, ExpressionError) and not isinstance(reference, ExpressionError):
        assert unparse(fast) == unparse(reference)
        assert fast == reference, text  # the same nodes at the same offsets
    if isinstance(fast, ExpressionError) and isinstance(reference, ExpressionError):
        assert fast == reference


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["parameters", "variables", "reference", "x", "$f", "a.b", "true"]),
    st.text(alphabet="ab' ()[],.-", max_size=8),
    st.sampled_from(["", " "]),
)
def test_one_string_argument_shortcut_equals_the_grammar(name: str, text: str, space: str) -> None:
    # `[name('text')]` skips the tokenizer: the same nodes, offsets and errors as Lark's
    value = f"[{name}({space}'{text}')]"
    fast = parse_expression.__wrapped__(value)
    reference = lark_parse(value)
    assert fast == reference, value
    if isinstance(fast, Call) and isinstance(reference, Call):
        assert fast.lower == reference.lower
        assert [(a.offset, a.end) for a in fast.args] == [(a.offset, a.end) for a in reference.args]
