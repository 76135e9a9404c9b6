"""Spans found on demand are the spans the full scanner records, and lazy dependency spans are
the spans an eager loader would have computed.

Strict JSON is parsed by the C decoder and positions are found only when asked for
(`armc.arm.reader._Locator`); JSONC goes through the positional parser, which records them all.
Dependencies locate their reference on first use. These tests compare both ways on the shared
corpus (skipped when it is absent) and on the fixtures."""

from __future__ import annotations

import copy
import csv
import gc
import json
import pickle
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from armc.arm.loader import LoadOptions, load_document, load_template
from armc.arm.reader import JsonDocument, _parse, read_bytes
from armc.model.template import Dependency, JsonPath
from armc.source import SourceFile, Span

FIXTURES = Path(__file__).parent / "fixtures"
CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"
INDEX = CORPUS / "INDEX.tsv"
needs_corpus = pytest.mark.skipif(not INDEX.is_file(), reason=f"corpus not found at {CORPUS}")

SAMPLE_EVERY = 15
"""Every 15th corpus file (about 170), plus every file that is not strict JSON."""


def _corpus_rows() -> list[dict[str, str]]:
    with INDEX.open(encoding="utf-8") as handle:
        return [r for r in csv.DictReader(handle, delimiter="\t")]


def _sample() -> list[tuple[str, bytes]]:
    out = []
    for number, row in enumerate(_corpus_rows()):
        if row["kind"] not in ("arm-json", "parameters"):
            continue
        data = (CORPUS / row["path"]).read_bytes()
        if number % SAMPLE_EVERY == 0 or not _strict(data):
            out.append((row["path"], data))
    return out


def _strict(data: bytes) -> bool:
    try:
        json.loads(data.decode("utf-8-sig"))
    except ValueError:
        return False
    return True


def _full_scan(
    text: str,
) -> tuple[dict[JsonPath, tuple[int, int]], dict[JsonPath, tuple[int, int]]]:
    offsets: dict[JsonPath, tuple[int, int]] = {}
    key_offsets: dict[JsonPath, tuple[int, int]] = {}
    _parse(text, offsets, key_offsets, [])
    return offsets, key_offsets


_GONE = object()


def _value_at(value: Any, path: JsonPath) -> Any:
    """The value at `path`; `_GONE` under a duplicate key's earlier value, which the later one
    replaced (the full scanner records its positions all the same)."""
    for step in path:
        try:
            value = value[step]
        except (KeyError, IndexError):
            return _GONE
    return value


def _check_document(name: str, document: JsonDocument) -> None:
    """Every value's and key's span via the document equals the full scanner's, and every
    scalar's span holds exactly its JSON text."""
    assert document.ok, (name, document.diagnostics[:1])
    source = document.source
    offsets, key_offsets = _full_scan(source.text)
    assert offsets, name
    for path, (start, end) in offsets.items():
        assert document.spans.offsets(path) == (start, end), (name, path)
        assert document.span(path) == source.span(start, end), (name, path)
        key = key_offsets.get(path)
        assert document.spans.key_offsets(path) == key, (name, path)
        if key is not None:
            assert document.key_span(path) == source.span(*key), (name, path)
        value = _value_at(document.value, path)
        if value is not _GONE and not isinstance(value, (dict, list)):
            assert json.loads(source.text[start:end], strict=False) == value, (name, path)


@needs_corpus
def test_corpus_spans_found_on_demand_equal_the_full_scanner() -> None:
    sample = _sample()
    strict = [(name, data) for name, data in sample if _strict(data)]
    assert len(strict) > 100
    for name, data in strict:
        document = read_bytes(data, name)
        assert document.spans._offsets is None, name  # the on-demand path was taken
        _check_document(name, document)


@needs_corpus
def test_corpus_jsonc_spans_are_exact() -> None:
    jsonc = [(name, data) for name, data in _sample() if not _strict(data)]
    assert len(jsonc) >= 10  # the corpus has 17 templates that are not strict JSON
    for name, data in jsonc:
        document = read_bytes(data, name)
        if not document.ok:
            continue  # not JSON at all (a file Azure would reject too)
        # comments and trailing commas: the positional parser's record; raw control characters
        # in strings: the C decoder (strict=False) and positions on demand
        _check_document(name, document)


def test_fixture_spans_on_demand_equal_the_full_scanner() -> None:
    for path in sorted(FIXTURES.glob("*.json")):
        document = read_bytes(path.read_bytes(), path.name)
        if document.ok:
            _check_document(path.name, document)


def _dependencies(paths: list[Path]) -> Iterator[tuple[str, Any, Dependency]]:
    for path in paths:
        loaded = load_template(path, LoadOptions(root=path.parent))
        for resource in loaded.template.resources:
            for dependency in resource.dependencies:
                yield path.name, loaded, dependency


def _inside(inner: Span, outer: Span) -> bool:
    return (outer.line, outer.column) <= (inner.line, inner.column) and (
        inner.end_line,
        inner.end_column,
    ) <= (outer.end_line, outer.end_column)


def _check_dependency_spans(paths: list[Path]) -> int:
    """A dependency's span is the reference written at its path: the dependsOn entry itself,
    the call inside an expression string, or the parent's type or name."""
    count = 0
    for name, loaded, dependency in _dependencies(paths):
        span = dependency.span
        assert span is not None, (name, dependency)
        assert dependency.span is span  # found once
        written = loaded.span(dependency.path)
        assert written is not None, (name, dependency)
        if dependency.kind == "explicit":
            assert span == written, (name, dependency)
        elif dependency.kind == "implicit":
            assert _inside(span, written), (name, dependency, written)
            text = loaded.document.source.text
            start = loaded.document.source.offset(span.line, span.column)
            assert text[start].isalpha(), (name, dependency)  # a function name starts there
        count += 1
    return count


def test_dependency_spans_point_at_the_reference() -> None:
    paths = [FIXTURES / n for n in ("classic.json", "references.json", "nested.json", "v2.json")]
    assert _check_dependency_spans(paths) > 5


@needs_corpus
def test_corpus_dependency_spans_point_at_the_reference() -> None:
    rows = [r for r in _corpus_rows() if r["kind"] == "arm-json"]
    paths = [CORPUS / r["path"] for number, r in enumerate(rows) if number % SAMPLE_EVERY == 0]
    assert _check_dependency_spans(paths) > 200


def test_a_lazy_dependency_equals_an_eager_one() -> None:
    span = Span("t.json", 3, 5, 3, 9)
    calls: list[int] = []

    def where() -> Span:
        calls.append(1)
        return span

    lazy = Dependency("a", "implicit", path=("resources", 0), where=where)
    eager = Dependency("a", "implicit", span, ("resources", 0))
    assert calls == []
    assert lazy == eager and hash(lazy) == hash(eager)
    assert lazy.span is span and calls == [1]
    assert lazy.span is span and calls == [1]  # located once
    assert repr(lazy) == repr(eager)
    assert copy.deepcopy(lazy) == eager
    assert pickle.loads(pickle.dumps(Dependency("b", "parent", where=lambda: span))) == (
        Dependency("b", "parent", span)
    )
    with pytest.raises(AttributeError):
        lazy.target = "b"  # type: ignore[misc]


def test_a_loaded_template_is_freed_by_reference_counting() -> None:
    """Loading makes no reference cycles (spans and locate refer to the document, not back to
    the loaded template), so a template is freed as soon as it is dropped, without the cyclic
    garbage collector walking it."""
    paths = [FIXTURES / n for n in ("classic.json", "references.json", "nested.json", "v2.json")]
    documents = [read_bytes(p.read_bytes(), p.name) for p in paths]
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        for document in documents:
            loaded = load_document(document)
            loaded.evaluate_all()
            assert loaded.diagnostics is not None
            for resource in loaded.template.resources:
                for dependency in resource.dependencies:
                    assert dependency.span is not None
            del loaded
        assert gc.collect() == 0
    finally:
        if was_enabled:
            gc.enable()


def test_a_source_file_indexes_lines_on_first_use() -> None:
    source = SourceFile("t.json", "ab\ncd\r\n\nef")
    assert source._starts is None
    assert source.position(4) == (2, 2)
    assert source.line_count == 4
    assert source.line_text(2) == "cd"
    assert source.offset(4, 2) == 9
    assert source.span(0, 10).end_line == 4


@given(st.text(alphabet="ab\n\r", max_size=40), st.integers(min_value=0, max_value=45))
def test_positions_counted_before_the_line_index_match_the_index(text: str, offset: int) -> None:
    counted = SourceFile("t.json", text)
    indexed = SourceFile("t.json", text)
    assert indexed.line_count >= 1  # builds the index
    assert counted.position(offset) == indexed.position(offset)
    assert counted._starts is None  # answered without an index


@given(
    st.text(alphabet="ab\n\r", max_size=60),
    st.integers(min_value=0, max_value=65),
    st.integers(min_value=0, max_value=65),
)
def test_spans_match_their_two_positions(text: str, start: int, end: int) -> None:
    source = SourceFile("t.json", text)
    indexed = SourceFile("t.json", text)
    span = source.span(start, end)
    assert (span.line, span.column) == indexed.position(start)
    assert (span.end_line, span.end_column) == indexed.position(end)


def test_a_source_file_builds_its_line_index_after_many_positions() -> None:
    source = SourceFile("t.json", "a\n" * 200)
    for offset in range(300):
        assert source.position(offset) == (offset // 2 + 1, offset % 2 + 1)
    assert source._starts is not None


def test_positions_asked_backwards_build_the_line_index_soon() -> None:
    source = SourceFile("t.json", "abc\n" * 5000)  # 20,000 characters
    for offset in range(19_999, 0, -1000):  # each counted from the start: the index wins
        assert source.position(offset) == (offset // 4 + 1, offset % 4 + 1)
    assert source._starts is not None


@given(
    st.text(alphabet="ab\n\r", max_size=60),
    st.lists(st.integers(min_value=0, max_value=65), max_size=12),
)
def test_positions_counted_from_earlier_ones_match_the_index(text: str, offsets: list[int]) -> None:
    counted = SourceFile("t.json", text)
    indexed = SourceFile("t.json", text)
    assert indexed.line_count >= 1  # builds the index
    for offset in offsets:  # in any order: each is counted from the nearest one before it
        assert counted.position(offset) == indexed.position(offset)
    assert counted._starts is None


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(alphabet='ab"\\\n{}[],: é', max_size=5),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(alphabet='ab"\\{}: ', max_size=3), children, max_size=4)
    ),
    max_leaves=25,
)


@given(
    st.dictionaries(st.text(alphabet="abc", max_size=2), _json_values, max_size=4),
    st.sampled_from([None, 0, 2]),
    st.randoms(use_true_random=False),
)
def test_spans_found_on_demand_in_any_order_equal_the_full_scanner(
    value: dict[str, Any], indent: int | None, random: Any
) -> None:
    text = json.dumps(value, indent=indent, ensure_ascii=False)
    document = read_bytes(text.encode("utf-8"), "t.json")
    assert document.spans._offsets is None  # the on-demand path
    offsets, key_offsets = _full_scan(text)
    paths = list(offsets)
    random.shuffle(paths)  # containers are indexed as far as each lookup needs, in any order
    for path in paths:
        assert document.spans.offsets(path) == offsets[path], path
        assert document.spans.key_offsets(path) == key_offsets.get(path), path
    assert document.spans.offsets(("no such key",)) is None
