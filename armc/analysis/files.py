"""Turning command-line paths, directories and globs into a sorted list of files to lint."""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

TEMPLATE_SUFFIXES = (".json", ".jsonc", ".armc")
SKIPPED_SUFFIXES = (".parameters.json",)
"""Found by walking a directory, these are not templates (named explicitly, they are linted)."""


@dataclass
class Collected:
    files: list[Path] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    """Arguments that named nothing (a path that does not exist, a glob without matches)."""


def _wanted(path: Path, suffixes: Sequence[str]) -> bool:
    name = path.name.lower()
    return name.endswith(tuple(suffixes)) and not name.endswith(SKIPPED_SUFFIXES)


def _walk(directory: Path, suffixes: Sequence[str]) -> Iterable[Path]:
    """Like `os.walk` (sorted, symbolic links to folders not followed, hidden folders
    skipped), reading each entry's type from the directory listing (no `stat` per file)."""
    wanted = tuple(suffixes)
    try:
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
    except OSError:
        return
    folders: list[os.DirEntry[str]] = []
    for entry in entries:
        try:
            is_dir = entry.is_dir()
        except OSError:
            continue
        if is_dir:
            if not entry.name.startswith((".", "__pycache__", "node_modules")):
                folders.append(entry)
            continue
        name = entry.name.lower()
        if name.endswith(wanted) and not name.endswith(SKIPPED_SUFFIXES):
            try:
                regular = entry.is_file()  # not a FIFO (reading one blocks)
            except OSError:
                continue
            if regular:
                yield Path(entry.path)
    for folder in folders:
        if not folder.is_symlink():
            yield from _walk(Path(folder.path), suffixes)


def collect_files(
    arguments: Iterable[str], *, suffixes: Sequence[str] = TEMPLATE_SUFFIXES
) -> Collected:
    """Files named by `arguments`: a file as it is, a directory walked recursively (hidden
    folders and `*.parameters.json` skipped), a glob (`**` allowed) expanded. Duplicates are
    dropped; the result is sorted by path, so runs are deterministic."""
    result = Collected()
    seen: set[Path] = set()

    def add(path: Path) -> None:
        key = Path(os.path.normpath(path))
        if key not in seen:
            seen.add(key)
            result.files.append(key)

    for argument in arguments:
        path = Path(argument)
        if path.is_file():
            add(path)
        elif path.is_dir():
            for found in _walk(path, suffixes):
                add(found)
        elif glob.has_magic(argument):
            matches = sorted(glob.glob(argument, recursive=True))
            files = [Path(m) for m in matches if Path(m).is_file() and _wanted(Path(m), suffixes)]
            for found in files:
                add(found)
            if not files:
                result.missing.append(argument)
        else:
            result.missing.append(argument)
    result.files.sort(key=lambda p: p.as_posix())
    return result
