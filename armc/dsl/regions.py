"""Region names for did-you-mean hints (`armc/data/regions.json`, dated)."""

from __future__ import annotations

import functools

from armc.data import load
from armc.diagnostics import did_you_mean


@functools.cache
def regions() -> frozenset[str]:
    """Known region names, lower case without spaces (`westeurope`)."""
    return frozenset(load("regions.json")["regions"])


def normalise(name: str) -> str:
    return name.replace(" ", "").lower()


def region_hint(name: str) -> str | None:
    """A did-you-mean hint when `name` is not a known region but is close to one; None when
    it is known, an expression, or far from every known name."""
    if name.startswith("[") or normalise(name) in regions():
        return None
    return did_you_mean(normalise(name), regions())
