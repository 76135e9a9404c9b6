"""Property tests: the engine's text handling never crashes and its guarantees hold for any
input, not only the examples."""

from __future__ import annotations

import copy
import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from armc.analysis.run import analyse
from armc.analysis.secrets import redact_sources
from armc.analysis.suppressions import comment_suppressions
from armc.config import Config
from armc.rules.security.nsg_open_management_port import _port_matches
from armc.source import SourceFile, SourceRegistry, Span
from tests.analysis.helpers import arm, build, public_ip

_TEXT = st.text(alphabet=st.sampled_from(list('ab #"\\[],:=-\n armcignore-file2026')), max_size=200)


@given(_TEXT)
def test_comment_parsing_never_raises(text: str) -> None:
    found, problems = comment_suppressions(text, "f.armc")
    lines = text.splitlines()
    for suppression in found:
        assert suppression.reason and suppression.rules
        assert suppression.span is not None and 1 <= suppression.span.line <= len(lines)
    for problem in problems:
        assert problem.code == "ARMC002"


@given(st.integers(0, 70000), st.integers(0, 70000), st.integers(1, 65535))
def test_port_ranges(low: int, high: int, port: int) -> None:
    matched = _port_matches(f"{low}-{high}", [port])
    assert matched == ([port] if low <= port <= high else [])
    assert _port_matches(str(port), [port]) == [port]
    assert _port_matches("*", [port]) == [port]


_NAMES = st.text(alphabet="abcdefghij", min_size=1, max_size=6)


@settings(max_examples=40, deadline=None)
@given(st.lists(_NAMES, min_size=1, max_size=5, unique=True), st.data())
def test_fingerprints_ignore_resource_order_and_neighbours(
    names: list[str], data: st.DataObject
) -> None:
    doc = arm([public_ip(n) for n in names], parameters={"location": {"type": "string"}})
    shuffled = copy.deepcopy(doc)
    shuffled["resources"] = data.draw(st.permutations(shuffled["resources"]))
    shuffled["resources"].insert(0, {"type": "Microsoft.Storage/storageAccounts", "name": "zz"})
    today = dt.date(2026, 1, 1)
    config = Config(select=("public-ip-basic-sku",))
    before = {d.fingerprint for d in analyse(build(doc)[0], today=today, config=config)}
    after = {d.fingerprint for d in analyse(build(shuffled)[0], today=today, config=config)}
    assert before == after and len(before) == len(names)


@given(st.lists(st.text(alphabet="xyz\n", max_size=12), min_size=1, max_size=6), st.data())
def test_redaction_keeps_layout(lines: list[str], data: st.DataObject) -> None:
    text = "\n".join(lines)
    source = SourceFile("f", text)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    line, column = source.position(start)
    end_line, end_column = source.position(end)
    registry = SourceRegistry()
    registry.add(source)
    redacted = redact_sources(registry, [Span("f", line, column, end_line, end_column)])
    masked = redacted.get("f")
    assert masked is not None
    assert len(masked.text) == len(text) and masked.text.count("\n") == text.count("\n")
    assert masked.text[:start] == text[:start] and masked.text[end:] == text[end:]
    assert all(c in "*\n" for c in masked.text[start:end])


@given(st.text(alphabet=st.sampled_from([" ", "\t", "\n", "\x1c", "\x85", "\xa0", "\u3000",
                                         "\u200b", "a", "B", "İ", "'"])))
def test_normalised_messages_collapse_whitespace_as_the_pattern_did(message: str) -> None:
    import re

    from armc.analysis.fingerprint import normalise_message

    assert normalise_message(message) == re.sub(r"\s+", " ", message.strip()).lower()
