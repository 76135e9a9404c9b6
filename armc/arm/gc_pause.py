"""The cyclic GC paused while an ARM template is read, loaded or evaluated.

`armc.perf.paused_gc` re-enables the collector as it found it; the next allocation then
triggers a young-generation collection that walks every object the block allocated and kept
(a whole document and its model: 8% of loading the corpus), to find no cycle, since loading
leaves none (tests/arm checks it). Here the block's survivors are moved to the oldest
generation first (`gc.freeze()` then `gc.unfreeze()`: two list splices, no walk), so they are
examined only by the next full collection, which still finds any cycle among them."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic GC; on leaving, move what survived to the oldest generation."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()
