"""Size limits that keep evaluation bounded whatever the input (both front-ends use them)."""

from __future__ import annotations

from typing import Any

MAX_VALUE_SIZE = 4 * 1024 * 1024
"""ARM refuses templates larger than 4 MB, so no value a deployment can use is larger: a value
computed past it (`concat` of a variable with itself, forty times) is an error, not 1 TB."""


def size_exceeds(value: Any, limit: int = MAX_VALUE_SIZE) -> bool:
    """True when JSON-like data is larger than `limit`: characters of strings and keys plus one
    per item and scalar. A container shared by several parents is measured once (each doubling
    of `createArray(v, v)` costs one step), and measuring stops past the limit."""
    kind = type(value)
    if kind is str:
        return len(value) > limit
    if kind is not dict and kind is not list and not isinstance(value, dict | list | tuple):
        return isinstance(value, str) and len(value) > limit
    sizes: dict[int, int] = {}
    stack: list[tuple[Any, bool]] = [(value, False)]
    while stack:
        item, measured = stack.pop()
        if id(item) in sizes:
            continue
        children = item.values() if isinstance(item, dict) else item
        if not measured:
            stack.append((item, True))
            stack.extend((c, False) for c in children if isinstance(c, dict | list | tuple))
            continue
        total = len(item)
        if isinstance(item, dict):
            total += sum(len(key) for key in item if isinstance(key, str))
        for child in children:
            if isinstance(child, dict | list | tuple):
                total += sizes[id(child)]
            else:
                total += len(child) if isinstance(child, str) else 1
            if total > limit:
                return True
        sizes[id(item)] = total
    return False
