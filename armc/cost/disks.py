"""Managed disk tiers: a disk is billed at the smallest tier that holds its provisioned size.

Sizes in GiB (Azure's published tier table). Standard HDD starts at S4 (32 GiB); Premium SSD
and Standard SSD start at 4 GiB (P1/E1). 100 GiB on Premium SSD is P10 (128 GiB).
"""

from __future__ import annotations

_SIZES = (4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32767)
_NUMBERS = (1, 2, 3, 4, 6, 10, 15, 20, 30, 40, 50, 60, 70, 80)

TIERS: dict[str, tuple[tuple[str, int], ...]] = {
    prefix: tuple(
        (f"{prefix}{number}", size)
        for number, size in zip(_NUMBERS, _SIZES, strict=True)
        if prefix != "S" or size >= 32
    )
    for prefix in ("P", "E", "S")
}

ACCOUNT_TYPES = {
    "premium_lrs": ("P", "LRS", "Premium SSD"),
    "standardssd_lrs": ("E", "LRS", "Standard SSD"),
    "standard_lrs": ("S", "LRS", "Standard HDD"),
    "premium_zrs": ("P", "ZRS", "Premium SSD"),
    "standardssd_zrs": ("E", "ZRS", "Standard SSD"),
}
"""storageAccountType (lower case) -> (tier letter, redundancy, kind)."""

DEFAULT_OS_DISK_GIB = {"linux": 30, "windows": 127}
"""The OS disk size of marketplace images when the template does not set diskSizeGB."""


def tier_for(prefix: str, size_gib: int) -> tuple[str, int] | None:
    """The tier (name, size) that bills `size_gib`, or None above the largest tier."""
    for name, size in TIERS[prefix]:
        if size_gib <= size:
            return name, size
    return None


def previous_tier(prefix: str, size_gib: int) -> tuple[str, int] | None:
    """The largest tier smaller than the one `size_gib` falls into (None at the bottom)."""
    previous: tuple[str, int] | None = None
    for name, size in TIERS[prefix]:
        if size_gib <= size:
            return previous
        previous = (name, size)
    return None
