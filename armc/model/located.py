"""`Located`: an immutable record whose span is given, or found the first time it is asked for.

Front-ends make such records by the thousand per template (references between resources,
parameter values) and a report shows where only a few of them are: each keeps a callable that
finds its span, runs it at most once, and then forgets it. Copies and pickles carry the span
found (a worker process sends records back without their front-end)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from armc.source import Span

FindSpan = Callable[[], Span | None]


class Located:
    """The base of such records: slots, no attribute set after `__init__`, equality, hash and
    pickling by `_key()`, which is also the subclass's positional constructor arguments."""

    __slots__ = ("_find", "_span")

    _span: Span | None
    _find: FindSpan | None

    @property
    def span(self) -> Span | None:
        """The span given, else what the finder finds (once)."""
        find = self._find
        if find is not None:
            _SET_SPAN(self, find())
            _SET_FIND(self, None)
        return self._span

    def _key(self) -> tuple[Any, ...]:
        raise NotImplementedError

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, type(self)):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __reduce__(self) -> tuple[type[Located], tuple[Any, ...]]:
        return (type(self), self._key())  # copy and pickle with the span found

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable: cannot delete {name!r}")


_SET_SPAN = vars(Located)["_span"].__set__
_SET_FIND = vars(Located)["_find"].__set__

LOCATION_SLOTS = (_SET_SPAN, _SET_FIND)
"""For a subclass's `__init__`: the setters of `_span` and `_find` (the slots' own:
`__setattr__` refuses; records are made in bulk, so no helper function call)."""
