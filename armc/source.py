"""Source text and locations: one `Span` type for every front-end and report."""

from __future__ import annotations

import bisect
import operator
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from itertools import accumulate
from pathlib import Path
from typing import Any, TypeVar

_C = TypeVar("_C", bound=type)


def pickled_as_fields(cls: _C) -> _C:
    """A frozen slots dataclass pickled as its constructor and its fields' values.

    Reports come back from worker processes pickled: the diagnostics of the corpus and their
    spans, tens of thousands of objects. The `__getstate__`/`__setstate__` that dataclasses
    give a frozen slots class list the fields on every call; this halves pickling and
    unpickling them."""
    names = tuple(f.name for f in fields(cls))
    values: Callable[[Any], Any] = operator.attrgetter(*names)
    if len(names) == 1:
        one = values
        values = lambda item: (one(item),)  # noqa: E731 - attrgetter of one name gives no tuple

    def __reduce__(self: Any) -> tuple[type, tuple[Any, ...]]:
        return (cls, values(self))

    cls.__reduce__ = __reduce__  # type: ignore[assignment]
    return cls


@pickled_as_fields
@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A region of a source file. Lines and columns are 1-based; `end_*` is exclusive."""

    file: str
    line: int
    column: int
    end_line: int
    end_column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"

    @classmethod
    def point(cls, file: str, line: int, column: int) -> Span:
        return cls(file, line, column, line, column + 1)


_COUNTED_POSITIONS = 256
"""Positions of a file found by counting newlines before its line index is built (or once
twice the text (and 4 KB) has been counted: positions asked from the end backwards)."""


@dataclass(slots=True)
class SourceFile:
    """The text of one input file, with a line index for offset <-> line/column.

    The line index is built on first use: most files loaded for analysis never have a
    position asked for, and most others a few dozen (their diagnostics). Those are counted in
    C (`str.count`) from the nearest position counted before (`_marks`), so that the text is
    read about once whatever the order of the questions, without building an index."""

    path: str
    text: str
    _starts: list[int] | None = field(default=None, repr=False, compare=False)
    _marks: list[int] = field(default_factory=list, repr=False, compare=False)
    """The offsets counted so far, sorted; `_marked` holds their (line, column)."""
    _marked: list[tuple[int, int]] = field(default_factory=list, repr=False, compare=False)
    _counted: int = field(default=0, repr=False, compare=False)
    """Characters counted so far."""

    @property
    def _line_starts(self) -> list[int]:
        starts = self._starts
        if starts is None:
            # each line's start is the sum of the lengths (plus newline) of the lines before:
            # summed in C by accumulate, with no Python-level step per line
            lengths = map((1).__add__, map(len, self.text.split("\n")))
            starts = list(accumulate(lengths, initial=0))
            starts.pop()  # the end of the text
            self._starts = starts
        return starts

    @classmethod
    def read(cls, path: str | Path, display: str | None = None) -> SourceFile:
        """Read a UTF-8 file (a BOM is dropped). Raises UnicodeDecodeError / OSError."""
        data = Path(path).read_bytes()
        return cls(display or str(path), data.decode("utf-8-sig"))

    @property
    def line_count(self) -> int:
        return len(self._line_starts)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset."""
        marks = self._marks
        text = self.text
        if (
            self._starts is None
            and len(marks) < _COUNTED_POSITIONS
            and self._counted <= 2 * len(text) + 4096
            and offset >= 0
        ):
            index = bisect.bisect_right(marks, offset)
            if index:
                base = marks[index - 1]
                line, column = self._marked[index - 1]
            else:
                base, line, column = 0, 1, 1
            newlines = text.count("\n", base, offset)
            self._counted += offset - base
            if newlines:
                line += newlines
                column = offset - text.rfind("\n", base, offset)
            else:
                column += offset - base
            if base != offset:
                marks.insert(index, offset)
                self._marked.insert(index, (line, column))
            return line, column
        starts = self._line_starts
        index = bisect.bisect_right(starts, offset) - 1
        return index + 1, offset - starts[index] + 1

    def offset(self, line: int, column: int) -> int:
        return self._line_starts[line - 1] + column - 1

    def span(self, start: int, end: int) -> Span:
        line, column = self.position(start)
        if 0 <= start <= end:  # the end's position counted from the start's
            text = self.text
            newlines = text.count("\n", start, end)
            if newlines:
                return Span(
                    self.path, line, column, line + newlines, end - text.rfind("\n", 0, end)
                )
            return Span(self.path, line, column, line, column + end - start)
        end_line, end_column = self.position(end)
        return Span(self.path, line, column, end_line, end_column)

    def line_text(self, line: int) -> str:
        starts = self._line_starts
        if not 1 <= line <= len(starts):
            return ""
        start = starts[line - 1]
        end = starts[line] - 1 if line < len(starts) else len(self.text)
        return self.text[start:end].rstrip("\r")


class SourceRegistry:
    """Files read during a run, so reports can show the offending source line."""

    def __init__(self) -> None:
        self._files: dict[str, SourceFile] = {}

    def add(self, source: SourceFile) -> None:
        self._files[source.path] = source

    def get(self, path: str) -> SourceFile | None:
        return self._files.get(path)

    def items(self) -> list[tuple[str, SourceFile]]:
        """Every file read, by path, in the order added."""
        return list(self._files.items())
