"""The positioned JSONC reader: values equal json.loads, spans exact, errors located."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from armc.arm.reader import bracketed_strings, read_bytes, read_text


def _codes(text: str) -> list[str]:
    return [d.name for d in read_text(text, "t.json").diagnostics]


def test_jsonc_extensions_are_accepted() -> None:
    text = '\ufeff{\n  // comment\n  "a": [1, 2,], /* block */\n  "b": "x\ny",\n}\n'
    doc = read_text(text, "t.json")
    assert doc.ok
    assert doc.value == {"a": [1, 2], "b": "x\ny"}
    assert doc.diagnostics == []


def test_spans_of_values_and_keys() -> None:
    text = '{\n  "a": {\n    "b": [true, "s"]\n  }\n}'
    doc = read_text(text, "t.json")
    span = doc.span(("a", "b", 1))
    assert span is not None
    assert (span.line, span.column, span.end_line, span.end_column) == (3, 17, 3, 20)
    key = doc.key_span(("a", "b"))
    assert key is not None and (key.line, key.column) == (3, 5)
    whole = doc.span(("a",))
    assert whole is not None and (whole.line, whole.column, whole.end_line) == (2, 8, 4)
    # nearest ancestor for paths that do not exist
    assert doc.span(("a", "zzz")) == whole


def test_spans_after_comments_use_the_positional_parser() -> None:
    doc = read_text('{ /* c */ "a": 1 }', "t.json")
    span = doc.span(("a",))
    assert span is not None and span.column == 16


def test_duplicate_keys_warn_and_keep_the_last() -> None:
    doc = read_text('{"a": 1,\n "a": 2}', "t.json")
    assert doc.ok and doc.value == {"a": 2}
    (diag,) = doc.diagnostics
    assert diag.name == "duplicate-key" and diag.severity.label == "warning"
    assert diag.span is not None and diag.span.line == 2


def test_truncated_file_points_at_the_unclosed_bracket() -> None:
    doc = read_text('{\n "a": [1,\n', "t.json")
    assert not doc.ok
    (diag,) = doc.diagnostics
    assert diag.code == "ARM100"
    assert diag.span is not None and (diag.span.line, diag.span.column) == (2, 7)
    assert "never closed" in diag.message


def test_errors_are_located() -> None:
    cases = {
        '{"a": NaN}': (1, 7, "NaN is not valid JSON"),
        '{"a": 1 "b": 2}': (1, 9, "missing ','"),
        "{a: 1}": (1, 2, "must be in double quotes"),
        '{"a": "x}': (1, 7, "unterminated string"),
        '{"a": 1 /* x }': (1, 9, "comment"),
        '{"a": [1}': (1, 9, "does not close"),
        '{"a": "\\q"}': (1, 8, "invalid \\escape"),
        "": (1, 1, "empty"),
        "{} {}": (1, 4, "end of the file"),
    }
    for text, (line, column, words) in cases.items():
        doc = read_text(text, "t.json")
        assert not doc.ok, text
        diag = doc.diagnostics[0]
        assert diag.span is not None
        assert (diag.span.line, diag.span.column) == (line, column), (text, diag)
        assert words.lower() in diag.message.lower(), (text, diag.message)


def test_top_level_must_be_an_object() -> None:
    assert _codes("[1, 2]") == ["not-an-object"]
    assert read_text("[1]", "t.json", require_object=False).value == [1]


def test_invalid_utf8_is_located() -> None:
    doc = read_bytes(b'{\n  "a": "caf\xe9"\n}', "t.json")
    assert not doc.ok
    (diag,) = doc.diagnostics
    assert diag.name == "invalid-encoding"
    assert diag.span is not None and (diag.span.line, diag.span.column) == (2, 12)


def test_raw_control_characters_in_strings() -> None:
    doc = read_text('{"a": "tab\there"}', "t.json")
    assert doc.ok and doc.value == {"a": "tab\there"}


_json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=8), children, max_size=5)
    ),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(max_size=8), _json_values, max_size=5), st.booleans())
def test_round_trip_matches_json_loads(value: dict[str, Any], pretty: bool) -> None:
    text = json.dumps(value, indent=2 if pretty else None)
    # force the positional parser too, with a comment json.loads would reject
    for variant in (text, "// c\n" + text):
        doc = read_text(variant, "t.json")
        assert doc.ok, doc.diagnostics
        assert doc.value == json.loads(text)
        assert doc.span(()) is not None


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.text(max_size=8), _json_values, max_size=5), st.booleans())
def test_on_demand_positions_equal_the_positional_parser(
    value: dict[str, Any], pretty: bool
) -> None:
    text = json.dumps(value, indent=2 if pretty else None)
    fast = read_text(text, "t.json")  # strict JSON: positions found on demand
    slow = read_text("/**/" + text, "t.json")  # JSONC: positions recorded by the full parser
    recorded = slow.spans._offsets
    assert recorded is not None
    for path, (start, end) in recorded.items():
        assert fast.spans.offsets(path) == (start - 4, end - 4), path
        key = slow.spans.key_offsets(path)
        shifted = (key[0] - 4, key[1] - 4) if key else None
        assert fast.spans.key_offsets(path) == shifted, path


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(st.text(min_size=1, max_size=5), st.integers(), min_size=1, max_size=5))
def test_every_value_has_an_exact_span(value: dict[str, int]) -> None:
    text = json.dumps(value, indent=1)
    doc = read_text(text, "t.json")
    for key, number in value.items():
        offsets = doc.spans.offsets((key,))
        assert offsets is not None
        assert text[offsets[0] : offsets[1]] == json.dumps(number)


def test_sibling_copy_loops_are_merged_with_their_positions() -> None:
    text = '{"copy": [{"name": "a"}],\n "copy": [{"name": "b"}]}'
    doc = read_text(text, "t.json")
    assert doc.value == {"copy": [{"name": "a"}, {"name": "b"}]}
    (warning,) = doc.diagnostics
    assert "merges the copy loops" in warning.message
    second = doc.span(("copy", 1))
    assert second is not None and (second.line, second.column) == (2, 11)


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (k, *_strings(v))]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


_bracketed_text = st.text(alphabet='[]"\\/\n\té\u2028x', max_size=6).map(lambda s: "[" + s)


@settings(max_examples=300, deadline=None)
@given(
    st.recursive(
        st.none() | st.integers() | st.text(max_size=6) | _bracketed_text,
        lambda children: (
            st.lists(children, max_size=4)
            | st.dictionaries(st.text(max_size=4) | _bracketed_text, children, max_size=4)
        ),
        max_leaves=20,
    ),
    st.booleans(),
)
def test_bracketed_strings_finds_every_string_that_starts_with_a_bracket(
    value: Any, ascii_only: bool
) -> None:
    text = json.dumps({"v": value}, ensure_ascii=ascii_only)
    found = bracketed_strings(text)
    expected = sorted(s for s in _strings({"v": value}) if s.startswith("["))
    assert sorted(s for s in found if s.startswith("[")) == expected
    assert set(found) <= set(_strings({"v": value}))  # decoded exactly, nothing made up


def test_bracketed_strings_decodes_an_escaped_bracket() -> None:
    text = '{"a": "\\u005bx]", "b": "\\"[q]\\"", "[k]": ["[[y]", "z"]}'
    assert bracketed_strings(text) == ["[x]", '"[q]"', "[k]", "[[y]"]


def test_bracketed_strings_of_a_text_without_escapes_are_in_text_order() -> None:
    text = '{"[b]": "[a]", "c": ["x", "[d]", "e[f]"], "g": "[]"}'
    assert bracketed_strings(text) == ["[b]", "[a]", "[d]", "[]"]
