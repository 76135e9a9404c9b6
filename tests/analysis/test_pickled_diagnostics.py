"""Diagnostics and spans pickle (worker processes send them back) and copy as themselves."""

from __future__ import annotations

import copy
import pickle

from hypothesis import given
from hypothesis import strategies as st

from armc.diagnostics import Diagnostic, Edit, Fix, Related, Severity
from armc.source import Span

SPANS = st.builds(
    Span,
    st.text(max_size=8),
    st.integers(1, 9999),
    st.integers(1, 999),
    st.integers(1, 9999),
    st.integers(1, 999),
)
DIAGNOSTICS = st.builds(
    Diagnostic,
    st.sampled_from(["AZS001", "ARM208"]),
    st.sampled_from(["a-name", "other"]),
    st.sampled_from(list(Severity)),
    st.text(max_size=20),
    st.none() | SPANS,
    st.lists(st.builds(Related, SPANS, st.text(max_size=5)), max_size=2).map(tuple),
    st.none() | st.text(max_size=5),
    st.none() | st.text(max_size=5),
    st.none()
    | st.builds(
        Fix, st.text(max_size=5), st.lists(st.builds(Edit, SPANS, st.text()), max_size=2).map(tuple)
    ),
    st.none() | st.text(max_size=8),
)


@given(DIAGNOSTICS)
def test_a_diagnostic_comes_back_equal(diagnostic: Diagnostic) -> None:
    for protocol in (2, pickle.HIGHEST_PROTOCOL):
        back = pickle.loads(pickle.dumps(diagnostic, protocol=protocol))
        assert back == diagnostic and type(back.span) is type(diagnostic.span)
    assert copy.copy(diagnostic) == diagnostic == copy.deepcopy(diagnostic)


def test_spans_order_and_hash_survive() -> None:
    spans = [Span("b", 1, 1, 1, 2), Span("a", 3, 4, 3, 9)]
    back = pickle.loads(pickle.dumps(spans))
    assert sorted(back) == sorted(spans) and {hash(s) for s in back} == {hash(s) for s in spans}
