"""Size limits that keep evaluation bounded whatever the input (both front-ends use them)."""

from __future__ import annotations

from typing import Any

MAX_VALUE_SIZE = 4 * 1024 * 1024
"""ARM refuses templates larger than 4 MB, so no value a deployment can use is larger: a value
computed past it (`concat` of a variable with itself, forty times) is an error, not 1 TB."""


def size_exceeds(value: Any, limit: int = MAX_VALUE_SIZE) -> bool:
    """True when JSON-like data (parts may be shared) is larger than `limit`: characters of
    strings and keys plus one per item and scalar. Counting stops at the limit, so the cost is
    bounded by it even for a value whose parts are shared exponentially often."""
    total = 0
    stack: list[Any] = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            total += len(item)
        elif isinstance(item, dict):
            total += len(item) + sum(len(key) for key in item if isinstance(key, str))
            if total <= limit:
                stack.extend(item.values())
        elif isinstance(item, list | tuple):
            total += len(item)
            if total <= limit:
                stack.extend(item)
        else:
            total += 1
        if total > limit:
            return True
    return False
