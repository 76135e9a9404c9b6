"""Process-level performance switches."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector for one compilation.

    Parsing and lowering allocate millions of small objects that live until the end of the
    build; each full collection walks all of them, which made compile time grow faster than
    the program (t(2N)/t(N) was 2.6). Reference counting still frees what is dropped; cycles
    are collected when the block ends."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
