"""Resolving file paths with few system calls."""

from __future__ import annotations

import os
from pathlib import Path


def resolved(path: str, memo: dict[str, Path]) -> Path:
    """`Path(path).resolve()`, remembered in `memo` by text, with the parent's resolution:
    files and folders that share a parent (the templates of a repository, a template's linked
    files) resolve it once, and then cost one system call each (is the last part a link?)
    where `resolve()` walks every part of the path."""
    found = memo.get(path)
    if found is None:
        parent, name = os.path.split(path)
        if name in ("", ".", "..") or os.path.islink(path):
            found = Path(path).resolve()
        else:
            found = resolved(parent, memo) / name
        memo[path] = found
    return found
