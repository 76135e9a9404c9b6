"""`LoadedTemplate.value` reads fields of evaluated bodies through `_step`, whose exact-class
fast path must agree with the general reading of a path."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from armc.arm.loaded import _step
from armc.arm.values import Unknown

_KEYS = st.sampled_from(["a", "b", "properties", "A", ""])

_VALUES = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-2, 3),
        st.text(max_size=3),
        st.builds(Unknown, st.sampled_from(["x", "y"]), st.booleans()),
    ),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(_KEYS, inner, max_size=3)),
    max_leaves=12,
)

_PATHS = st.lists(st.one_of(_KEYS, st.integers(-1, 3), st.booleans()), max_size=5).map(tuple)


def _reference(value: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        if isinstance(value, Unknown):
            return value
        if isinstance(value, dict) and isinstance(step, str):
            value = value.get(step)
        elif isinstance(value, list) and isinstance(step, int) and 0 <= step < len(value):
            value = value[step]
        else:
            return None
    return value


@given(_VALUES, _PATHS)
def test_step_reads_what_the_general_walk_reads(value: Any, path: tuple[Any, ...]) -> None:
    assert _step(value, path) == _reference(value, path)
