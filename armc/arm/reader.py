"""A positioned JSONC reader: what Azure Resource Manager accepts, with a span for every value.

ARM accepts `//` and `/* */` comments, trailing commas, raw control characters (newlines, tabs)
inside strings, a UTF-8 BOM, and duplicate keys (it deploys such templates: see
Azure/azure-quickstart-templates#5855). This reader accepts the same and reports duplicate keys
as a warning (the last value is used), and every other problem (invalid UTF-8, a truncated file,
NaN/Infinity, stray characters, a top level that is not an object) as a located error. It never
raises for bad input. Repeated `copy` keys holding arrays are merged: Azure deploys templates
with sibling property copy loops written that way (microsoft/vscode-azurearmtools#646).

Speed: strict JSON (most files) is parsed by the C decoder of the `json` module and positions
are found on demand (`_Locator`); other texts go through one regular expression that tokenises
them and a loop with an explicit stack, which records every position. Spans are built only
when asked for (`OffsetSourceMap`).
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from armc.arm import codes
from armc.diagnostics import Diagnostic, Severity
from armc.model.template import JsonPath, SourceMap
from armc.perf import paused_gc
from armc.source import SourceFile, Span

# the C string decoder of the json module (escapes, raw control characters with strict=False)
_scanstring: Callable[[str, int, bool], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]


_TOKEN = re.compile(
    r"""
    [ \t\n\r\f\v\u00a0\ufeff]*
    (?:
        ("[^"\\]*(?:\\.[^"\\]*)*")                              # 1 string
      | ([{\[])                                                 # 2 open
      | ([}\]])                                                 # 3 close
      | (,)                                                     # 4 comma
      | (:)                                                     # 5 colon
      | (-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)(?![A-Za-z0-9_.])  # 6 number
      | (true|false|null)(?![A-Za-z0-9_$])                       # 7 literal
      | (//[^\n]*|/\*.*?\*/)                                     # 8 comment
      | (-?[A-Za-z_$][A-Za-z0-9_$]*|[^ \t\n\r\f\v\u00a0\ufeff])  # 9 anything else
    )
    """,
    re.VERBOSE | re.DOTALL,
)

_VALUE, _KEY, _COLON, _AFTER, _DONE = range(5)
_LITERALS: dict[str, Any] = {"true": True, "false": False, "null": None}
_EXPECTED = {
    _VALUE: "a value",
    _KEY: "a property name in double quotes or '}'",
    _COLON: "':'",
    _AFTER: "',' or a closing bracket",
    _DONE: "the end of the file",
}


class _Locator:
    """Finds the offsets of values in a strict JSON text on demand.

    Walking down a path, each container visited is indexed as far as needed: its members'
    offsets are found in order by skipping each member value with the C scanner of the `json`
    module, up to the member wanted (`_Members`). So a lookup costs a few C-speed scans of the
    members before it, never a Python pass over the text; the end of a value is found only when
    it is asked for or a later member is."""

    def __init__(self, text: str) -> None:
        self.text = text
        start = _skip_ws(text, 0)
        end = len(text)
        while end > start and text[end - 1] in _WHITESPACE:  # not rstrip(): no copy of the text
            end -= 1
        self.root = (start, end)
        self.top: _Members | None = None

    def find(self, path: JsonPath) -> tuple[int, int, int, int] | None:
        """(start, end, key start, key end) of the value at `path` (key offsets 0 at the root).
        The containers indexed on the way are kept as a tree (each `_Members` holds those of
        its members), so a lookup walks down without building or hashing path prefixes."""
        if not path:
            return (self.root[0], self.root[1], 0, 0)
        members = self.top
        if members is None:
            members = self.top = _Members(self.text, self.root[0])
        entry: list[int] | None = None
        last = len(path) - 1
        for depth, step in enumerate(path):
            entry = members.found.get(step)
            if entry is None:
                entry = members.get(step)
                if entry is None:
                    return None
            if depth < last:
                inner = members.inner.get(step)
                if inner is None:
                    inner = members.inner[step] = _Members(self.text, entry[0])
                members = inner
        assert entry is not None
        if entry[1] < 0:
            entry[1] = _scan_once(self.text, entry[0])[1]
        return (entry[0], entry[1], entry[2], entry[3])


class _Members:
    """The members of one container of a strict JSON text, indexed as far as asked: for each
    key (or array index) a list [start, end (-1 until known), key start, key end]."""

    __slots__ = ("count", "done", "found", "inner", "is_object", "last", "position", "text")

    def __init__(self, text: str, start: int) -> None:
        self.text = text
        self.found: dict[str | int, list[int]] = {}
        self.inner: dict[str | int, _Members] = {}
        """The members that are containers and have been walked into, indexed in turn."""
        opener = text[start : start + 1]
        self.is_object = opener == "{"
        self.done = opener not in ("{", "[")
        self.position = _skip_ws(text, start + 1)
        self.last: list[int] | None = None
        """The member indexed last: the next one starts after its value."""
        self.count = 0

    def get(self, step: str | int) -> list[int] | None:
        """The entry of `step`, indexing the members up to it (the members before it are
        skipped with the C scanner; one loop, as this runs for most members of a template)."""
        found = self.found
        hit = found.get(step)
        if hit is not None or self.done or (step.__class__ is str) != self.is_object:
            return hit
        text = self.text
        last = self.last
        position = self.position
        count = self.count
        key: str | int
        try:
            while True:
                if last is not None:
                    position = last[1]
                    if position < 0:
                        position = last[1] = _scan_once(text, last[0])[1]
                if self.is_object:
                    member = _MEMBER(text, position)  # the separator before it included
                    if member is None:
                        break  # "}" (or, in texts that are not strict JSON, a stop)
                    key_start, key_end = member.span(1)
                    raw = member.group(1)
                    key = (
                        raw[1:-1] if "\\" not in raw else _scanstring(text, key_start + 1, False)[0]
                    )
                    last = [member.end(), -1, key_start, key_end]
                else:
                    if last is not None:
                        position = _SEPARATOR(text, position).end()  # type: ignore[union-attr]
                    if text[position : position + 1] in ("]", ""):
                        break
                    key = count
                    last = [position, -1, 0, 0]
                count += 1
                if key not in found:
                    found[key] = last
                    if key == step:
                        return last
            self.done = True
            last = None
            return None
        finally:  # the state is kept between calls (and if a scan raises, as far as it got)
            self.last, self.position, self.count = last, position, count


_MEMBER = re.compile(r'[ \t\n\r]*,?[ \t\n\r]*("[^"\\]*(?:\\.[^"\\]*)*")[ \t\n\r]*:[ \t\n\r]*').match
_SEPARATOR = re.compile(r"[ \t\n\r]*,?[ \t\n\r]*").match
_WHITESPACE = " \t\n\r"
_WS = re.compile(r"[ \t\n\r]*").match


def _skip_ws(text: str, position: int) -> int:
    return _WS(text, position).end()  # type: ignore[union-attr]  # "*": always matches


_scan_once: Callable[[str, int], tuple[Any, int]] = json.scanner.make_scanner(  # type: ignore[attr-defined]
    json.JSONDecoder(strict=False)
)


class OffsetSourceMap(SourceMap):
    """A `SourceMap` over one JSON text that finds positions on first use.

    Most spans of a template are never looked at. For strict JSON, positions are found on demand
    by `_Locator`; for JSONC (comments, trailing commas), the positional parser has recorded
    them all. Each `Span` is built when first asked for; explicit `set()` calls win."""

    __slots__ = ("_key_offsets", "_locator", "_offsets", "_source")

    def __init__(
        self,
        source: SourceFile,
        offsets: dict[JsonPath, tuple[int, int]] | None = None,
        key_offsets: dict[JsonPath, tuple[int, int]] | None = None,
    ) -> None:
        super().__init__()
        self._source = source
        self._offsets = offsets
        self._key_offsets = key_offsets
        self._locator: _Locator | None = None

    @property
    def source(self) -> SourceFile:
        return self._source

    @property
    def on_demand(self) -> bool:
        """True when the text was parsed by the C decoder (no comments, no trailing commas,
        no duplicate keys) and positions are found on demand."""
        return self._offsets is None

    def offsets(self, path: JsonPath) -> tuple[int, int] | None:
        """The (start, end) character offsets of the value at `path`, if it is in this text."""
        if self._offsets is not None:
            return self._offsets.get(path)
        found = self._locate(path)
        return (found[0], found[1]) if found else None

    def key_offsets(self, path: JsonPath) -> tuple[int, int] | None:
        """The offsets of the property name that introduces the value at `path`."""
        if self._key_offsets is not None:
            return self._key_offsets.get(path)
        found = self._locate(path)
        return (found[2], found[3]) if found and found[3] else None

    def _locate(self, path: JsonPath) -> tuple[int, int, int, int] | None:
        if self._locator is None:
            self._locator = _Locator(self._source.text)
        try:
            return self._locator.find(path)
        except (ValueError, StopIteration, IndexError, RecursionError):  # pragma: no cover
            return None

    def key_span(self, path: JsonPath) -> Span | None:
        pair = self.key_offsets(path)
        return self._source.span(pair[0], pair[1]) if pair else None

    def exact(self, path: JsonPath) -> Span | None:
        span = self._spans.get(path)
        if span is None:
            if self._offsets is not None:
                pair = self._offsets.get(path)
                if pair is None:
                    return None
                span = self._spans[path] = self._source.span(pair[0], pair[1])
            else:
                found = self._locate(path)
                if found is None:
                    return None
                span = self._spans[path] = self._source.span(found[0], found[1])
        return span

    def get(self, path: JsonPath) -> Span | None:
        span = self._spans.get(path)  # asked before: most spans a report shows are
        if span is not None:
            return span
        for end in range(len(path), -1, -1):
            span = self.exact(path[:end])
            if span is not None:
                return span
        return None

    def _materialise(self) -> None:
        if self._offsets is None:
            offsets: dict[JsonPath, tuple[int, int]] = {}
            key_offsets: dict[JsonPath, tuple[int, int]] = {}
            with contextlib.suppress(_SyntaxError):  # only texts that parsed get here
                _parse(self._source.text, offsets, key_offsets, [])
            self._offsets = offsets
            self._key_offsets = key_offsets
        for path in list(self._offsets):
            self.exact(path)

    def rebase(self, old: JsonPath, new: JsonPath) -> None:
        self._materialise()
        super().rebase(old, new)

    def items(self) -> Any:
        self._materialise()
        return super().items()

    def __len__(self) -> int:
        self._materialise()
        return super().__len__()


@dataclass
class JsonDocument:
    """The result of reading one file. `value` is None when `ok` is False."""

    source: SourceFile
    value: Any
    spans: OffsetSourceMap
    diagnostics: list[Diagnostic] = field(default_factory=list)
    ok: bool = True

    def span(self, path: JsonPath) -> Span | None:
        return self.spans.get(path)

    def key_span(self, path: JsonPath) -> Span | None:
        """The span of the property name that introduces the value at `path`."""
        return self.spans.key_span(path)

    def locate(self, path: JsonPath, start: int, end: int) -> Span | None:
        """The span of characters `start`..`end` of the JSON string value at `path` (an
        expression inside it); the value's span when it is not a string of this text."""
        pair = self.spans.offsets(path)
        if pair is None:
            return self.span(path)
        text = self.source.text
        if not text.startswith('"', pair[0]):
            return self.span(path)
        first = string_offset(text, pair[0], start)
        last = string_offset(text, pair[0], end) if end > start else first + 1
        return self.source.span(first, max(last, first + 1))


MAX_NESTING = 1000
"""Deeper JSON is a syntax error (the C decoder stops near there too: Python's recursion limit)."""


class _SyntaxError(Exception):
    def __init__(self, offset: int, end: int, message: str) -> None:
        super().__init__(message)
        self.offset = offset
        self.end = end
        self.message = message


def read_file(path: str | Path, display: str | None = None) -> JsonDocument:
    """Read and parse a file; unreadable files and invalid UTF-8 become diagnostics."""
    name = display or str(path)
    try:
        with open(path, "rb") as handle:  # not Path.read_bytes: no Path built per file
            data = handle.read()
    except OSError as exc:
        empty = SourceFile(name, "")
        message = f"cannot read {name}: {exc.strerror or exc}"
        diag = codes.make(codes.UNREADABLE_FILE, Severity.ERROR, message, None)
        return JsonDocument(empty, None, OffsetSourceMap(empty, {}, {}), [diag], ok=False)
    return read_bytes(data, name)


def read_bytes(data: bytes, name: str) -> JsonDocument:
    """Decode UTF-8 (a BOM is dropped) and parse; a bad byte is reported where it is."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bom = 3 if data.startswith(b"\xef\xbb\xbf") else 0
        prefix = data[bom : exc.start].decode("utf-8", errors="replace")
        source = SourceFile(name, data[bom:].decode("utf-8", errors="replace"))
        start = len(prefix)
        span = source.span(start, start + 1)
        byte = data[exc.start]
        message = f"invalid UTF-8: byte 0x{byte:02x} cannot start or continue a character"
        diag = codes.make(
            codes.INVALID_ENCODING, Severity.ERROR, message, span, "save the file as UTF-8"
        )
        return JsonDocument(source, None, OffsetSourceMap(source, {}, {}), [diag], ok=False)
    return read_text(text, name)


def read_text(text: str, name: str, *, require_object: bool = True) -> JsonDocument:
    """Parse JSONC text. With `require_object`, a top level other than an object is an error.

    Strict JSON (most files) is parsed by the C `json` decoder with positions found later, on
    demand; anything else (comments, trailing commas, errors) by the positional parser, which
    gives located errors."""
    source = SourceFile(name, text[1:] if text.startswith("\ufeff") else text)
    with paused_gc():  # the parse allocates a container per JSON value, all kept
        value, spans, duplicates, error = _fast_parse(source)
    if error is not None:
        span = source.span(error.offset, max(error.end, error.offset + 1))
        diag = codes.make(codes.JSON_SYNTAX, Severity.ERROR, error.message, span)
        return JsonDocument(source, None, spans, [diag], ok=False)
    diagnostics = [
        codes.make(
            codes.DUPLICATE_KEY,
            Severity.WARNING,
            f"duplicate key '{key}': "
            + (
                "armc merges the copy loops (ARM deploys sibling copy loops)"
                if key.lower() == "copy"
                else "only the last value is used"
            ),
            source.span(start, end),
            "remove or rename one of them",
        )
        for start, end, key in duplicates
    ]
    if require_object and not isinstance(value, dict):
        kind = _kind(value)
        message = f"the top level must be a JSON object, not {kind}"
        diagnostics.append(
            codes.make(codes.NOT_AN_OBJECT, Severity.ERROR, message, spans.exact(()))
        )
        return JsonDocument(source, None, spans, diagnostics, ok=False)
    return JsonDocument(source, value, spans, diagnostics)


class _DuplicateKey(ValueError):
    """Raised by the C decoder's hook at the first object that repeats a key: such a text is
    read again by the positional parser, which reports where."""


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """The `object_pairs_hook` of the C decoder (called once per object)."""
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _DuplicateKey
    return result


def _reject_constant(name: str) -> Any:
    raise ValueError(name)


_DECODE = json.JSONDecoder(
    strict=False, object_pairs_hook=_unique_keys, parse_constant=_reject_constant
).decode
"""One decoder for every text: its hook keeps no state (a repeated key stops the decode)."""


def _fast_parse(
    source: SourceFile,
) -> tuple[Any, OffsetSourceMap, list[tuple[int, int, str]], _SyntaxError | None]:
    text = source.text
    try:
        value = _DECODE(text)
    except (ValueError, RecursionError):  # comments, trailing commas, duplicate keys, a real
        pass  # error, or depth: the positional parser tells which
    else:
        return value, OffsetSourceMap(source), [], None
    offsets: dict[JsonPath, tuple[int, int]] = {}
    key_offsets: dict[JsonPath, tuple[int, int]] = {}
    duplicates: list[tuple[int, int, str]] = []
    spans = OffsetSourceMap(source, offsets, key_offsets)
    try:
        value = _parse(text, offsets, key_offsets, duplicates)
    except _SyntaxError as exc:
        return None, spans, [], exc
    return value, spans, duplicates, None


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool) or value is None:
        return f"'{str(value).lower() if value is not None else 'null'}'"
    return "a number"


def _string_value(raw: str, text: str, start: int) -> str:
    if "\\" not in raw:
        return raw[1:-1]
    try:
        value: str = _scanstring(text, start + 1, False)[0]
    except ValueError as exc:
        # json reports "Invalid \\escape: line 1 column 12 (char 11)"; keep its offset
        match = re.search(r"\(char (\d+)\)", str(exc))
        where = int(match.group(1)) if match else start
        reason = str(exc).split(":")[0]
        raise _SyntaxError(where, where + 2, f"{reason.lower()} in string") from None
    return value


def _parse(
    text: str,
    offsets: dict[JsonPath, tuple[int, int]],
    key_offsets: dict[JsonPath, tuple[int, int]],
    duplicates: list[tuple[int, int, str]],
) -> Any:
    # A frame: [container, path, start offset, pending key, key start, key end]
    stack: list[list[Any]] = []
    state = _VALUE
    root: Any = None
    frame: list[Any] | None = None
    for match in _TOKEN.finditer(text):
        kind: int = match.lastindex or 9
        if kind == 8:
            continue
        start = match.start(kind)
        end = match.end()
        if kind == 1 and state == _KEY:
            assert frame is not None
            raw = match.group(1)
            frame[3] = _string_value(raw, text, start)
            frame[4] = start
            frame[5] = end
            state = _COLON
            continue
        if state == _VALUE:
            if kind == 1:
                value: Any = _string_value(match.group(1), text, start)
            elif kind == 6:
                number = match.group(6)
                if "." in number or "e" in number or "E" in number:
                    value = float(number)
                elif len(number) > 4000:  # int() refuses more than 4,300 digits
                    message = "the number has more than 4000 digits"
                    raise _SyntaxError(match.start(6), match.end(6), message)
                else:
                    value = int(number)
            elif kind == 7:
                value = _LITERALS[match.group(7)]
            elif kind == 2:
                if frame is None:
                    path: JsonPath = ()
                elif frame[3] is not None:
                    path = (*frame[1], frame[3])
                else:
                    path = (*frame[1], len(frame[0]))
                if len(stack) >= MAX_NESTING:  # every value keeps its path: memory is depth²
                    message = f"the JSON is nested more than {MAX_NESTING} levels deep"
                    raise _SyntaxError(start, start + 1, message)
                container: Any = {} if match.group(2) == "{" else []
                if frame is not None and _merges_copy(frame, container):
                    container = list(frame[0][frame[3]])  # sibling copy loops: keep both
                frame = [container, path, start, None, 0, 0]
                stack.append(frame)
                state = _KEY if match.group(2) == "{" else _VALUE
                continue
            elif (
                kind == 3
                and frame is not None
                and match.group(3) == "]"
                and not isinstance(frame[0], dict)
            ):
                state = _AFTER  # an empty array or a trailing comma: close it below
                value = None
            else:
                raise _unexpected(match, kind, state, frame)
            if state == _VALUE:
                if frame is None:
                    offsets[()] = (start, end)
                    root = value
                    state = _DONE
                    continue
                container = frame[0]
                key = frame[3]
                if key is None:
                    offsets[(*frame[1], len(container))] = (start, end)
                    container.append(value)
                else:
                    child = (*frame[1], key)
                    offsets[child] = (start, end)
                    key_offsets[child] = (frame[4], frame[5])
                    if key in container:
                        duplicates.append((frame[4], frame[5], key))
                    container[key] = value
                    frame[3] = None
                state = _AFTER
                continue
        if state == _AFTER or (state == _KEY and kind == 3):
            assert frame is not None
            if kind == 4:
                state = _KEY if isinstance(frame[0], dict) else _VALUE
                continue
            if kind == 3:
                closer = match.group(3)
                if (closer == "}") != isinstance(frame[0], dict):
                    raise _SyntaxError(
                        start,
                        end,
                        f"'{closer}' does not close the open "
                        f"'{'{' if isinstance(frame[0], dict) else '['}'",
                    )
                stack.pop()
                value = frame[0]
                path = frame[1]
                offsets[path] = (frame[2], end)
                if not stack:
                    root = value
                    frame = None
                    state = _DONE
                    continue
                frame = stack[-1]
                key = frame[3]
                if key is None:
                    frame[0].append(value)
                else:
                    key_offsets[path] = (frame[4], frame[5])
                    if key in frame[0]:
                        duplicates.append((frame[4], frame[5], key))
                    frame[0][key] = value
                    frame[3] = None
                state = _AFTER
                continue
            raise _unexpected(match, kind, state, frame)
        if state == _COLON and kind == 5:
            state = _VALUE
            continue
        raise _unexpected(match, kind, state, frame)
    if state != _DONE:
        end = len(text)
        if frame is not None:
            opener = "{" if isinstance(frame[0], dict) else "["
            message = f"unexpected end of file: the '{opener}' opened here is never closed"
            raise _SyntaxError(frame[2], frame[2] + 1, message)
        raise _SyntaxError(end, end, "the file is empty: expected a JSON object")
    return root


def _merges_copy(frame: list[Any], container: Any) -> bool:
    """True when an array opens under a repeated `copy` key whose first value is an array."""
    key = frame[3]
    return (
        isinstance(container, list)
        and isinstance(key, str)
        and key.lower() == "copy"
        and isinstance(frame[0], dict)
        and isinstance(frame[0].get(key), list)
    )


def _unexpected(
    match: re.Match[str], kind: int, state: int, frame: list[Any] | None
) -> _SyntaxError:
    start = match.start(kind)
    token = match.group(kind)
    end = match.end()
    expected = _EXPECTED[state]
    if kind == 9:
        if token in ("NaN", "Infinity", "-Infinity"):
            message = f"{token} is not valid JSON: write a number or a string"
            return _SyntaxError(start, end, message)
        if token == '"':
            return _SyntaxError(start, end, "unterminated string: missing the closing '\"'")
        if token == "/":
            return _SyntaxError(start, end, "unterminated or malformed comment")
        shown = token if len(token) < 30 else token[:27] + "..."
        if state == _KEY and kind == 9 and token[:1].isalpha():
            return _SyntaxError(start, end, f"property name {shown!r} must be in double quotes")
        return _SyntaxError(start, end, f"unexpected {shown!r}: expected {expected}")
    if kind == 1:
        described = "string"
    elif kind == 6:
        described = "number"
    else:
        described = repr(token)
    if state == _AFTER and kind in (1, 6, 7, 2) and frame is not None:
        return _SyntaxError(start, end, f"missing ',' before this {described}")
    return _SyntaxError(start, end, f"unexpected {described}: expected {expected}")


_OPENS_WITH_BRACKET = re.compile(
    r'"((?:\[|\\.)(?<!\\"\[)(?<!\\"\\.)[^"\\]*(?:\\.[^"\\]*)*)"', re.DOTALL
).findall
"""Every string token that starts with `[` or with an escape: the engine looks for `"` followed
by `[` or a backslash, and the look-behinds drop an escaped quote inside a string (`\\"[`,
`\\"\\n`: in valid JSON a quote opens a string unless a backslash precedes it)."""

_OPENS_WITH_BRACKET_PLAIN = re.compile(r'"(\[[^"]*)"').findall
"""The same for a text without a backslash: a string token from `"[` to the next quote."""


def bracketed_strings(text: str) -> list[str]:
    """The decoded value of every string (keys included) of a JSON text without comments whose
    value may start with `[`: its token starts with `[` or with an escape. One C-speed scan
    instead of a walk over every value."""
    if "\\" not in text:  # no escape anywhere (most templates): nothing to decode or look behind
        return _OPENS_WITH_BRACKET_PLAIN(text)
    return [
        raw if "\\" not in raw else _scanstring(f'"{raw}"', 1, False)[0]
        for raw in _OPENS_WITH_BRACKET(text)
    ]


def string_offset(text: str, token_start: int, index: int) -> int:
    """The offset in `text` of character `index` of the JSON string token at `token_start`.

    Accounts for escapes: `\\n` is two characters in the file and one in the value, `\\u00e9`
    six and one (a surrogate pair, twelve and one)."""
    position = token_start + 1
    if text.find("\\", position, position + index * 6 + 1) < 0:
        return position + index
    decoded = 0
    length = len(text)
    while decoded < index and position < length:
        char = text[position]
        if char == '"':
            break
        if char == "\\":
            if text[position + 1 : position + 2] == "u":
                high = text[position + 2 : position + 6]
                position += 6
                is_high = len(high) == 4 and "d800" <= high.lower() < "dc00"
                if is_high and text[position : position + 2] == "\\u":
                    position += 6
            else:
                position += 2
        else:
            position += 1
        decoded += 1
    return position
