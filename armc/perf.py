"""Performance helpers: process-level switches (the garbage collector), fast JSON writing."""

from __future__ import annotations

import gc
import json
import math
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector for one compilation, load or lint.

    Parsing, lowering and loading allocate millions of small objects that live until the end
    of the block; each full collection walks all of them, which made compile time grow faster
    than the program (t(2N)/t(N) was 2.6). Reference counting still frees what is dropped.
    Re-enabling the collector plainly would make the next allocation start a young-generation
    collection that walks everything the block kept (8% of loading the corpus) to find no
    cycle, since loading leaves none (tests/arm checks it). So the block's survivors are moved
    to the oldest generation first (`gc.freeze()` then `gc.unfreeze()`: two list splices, no
    walk); the next full collection still finds any cycle among them."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()


def slot_setters(cls: type, *names: str) -> tuple[Callable[[Any, Any], None], ...]:
    """The `__set__` of the slots `names` of a slots class, in order: objects made in bulk
    (expression nodes, dependencies, parameter inputs) are filled through them, which costs a
    third of a frozen dataclass's `__init__`."""
    return tuple(vars(cls)[name].__set__ for name in names)


def indented(value: Any, *, plain: bool = False) -> str:
    """`json.dumps(value, indent=2, ensure_ascii=False) + "\\n"`, written fast.

    The standard library's indented encoder is pure Python: it was most of the time of
    rendering a JSON or SARIF report (or a cost estimate) of the whole corpus. orjson writes
    the same bytes for strings, integers, booleans, null and containers (a property test
    holds it to that); values where the two differ go to the standard library: floats that
    Python writes with an exponent or that are not finite, integers beyond 64 bits, lone
    surrogates, non-string keys, tuples and other types.

    `plain=True` is the caller's word that `value` holds no float, tuple or other type (only
    str, int, bool, None, lists and dicts), so the walk that checks it is skipped: a report
    of the whole corpus spent a tenth of a second in it, in the one process that renders."""
    if plain or _plain(value):
        import orjson

        try:
            return orjson.dumps(
                value, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE
            ).decode("utf-8")
        except (orjson.JSONEncodeError, UnicodeDecodeError):
            pass
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


_LEAVES = frozenset({str, int, bool, type(None)})
"""Types orjson writes exactly as the standard library does (integers beyond 64 bits make
orjson raise, and the caller falls back)."""


def _plain(value: Any) -> bool:
    """No float that orjson would write differently, no tuple or other type orjson treats
    its own way (checked without recursion: reports nest deeply only in theory). Keys are not
    checked: orjson refuses a key that is not a string, and the caller falls back then.
    Containers whose members are all leaves are passed over with one C-level pass."""
    stack = [value]
    while stack:
        item = stack.pop()
        kind = type(item)
        if kind is dict:
            children: Any = item.values()
        elif kind is list:
            children = item
        elif kind is float:
            if not math.isfinite(item) or "e" in repr(item):
                return False
            continue
        elif kind in _LEAVES:
            continue
        else:
            return False
        if not _LEAVES.issuperset(map(type, children)):
            stack.extend(child for child in children if type(child) not in _LEAVES)
    return True
