"""Fuzz the ARM JSON reader: any bytes give a JsonDocument (never an exception); what the C
`json` module accepts as strict JSON the reader accepts with the same value, and every value it
returns has a span.

    python fuzz/fuzz_json_reader.py fuzz/corpus/json_reader -max_total_time=600
"""

from __future__ import annotations

import json
from typing import Any

import atheris
import common

with atheris.instrument_imports(include=["armc"]):
    from armc.arm.reader import read_bytes


def _paths(value: Any, prefix: tuple[str | int, ...], out: list[tuple[str | int, ...]]) -> None:
    out.append(prefix)
    if len(out) > 200:
        return
    if isinstance(value, dict):
        for key, item in value.items():
            _paths(item, (*prefix, key), out)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _paths(item, (*prefix, index), out)


def _has_duplicates(text: str) -> bool:
    found = False

    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal found
        keys = [key for key, _ in pairs]
        found = found or len(set(keys)) != len(keys)
        return dict(pairs)

    json.loads(text, object_pairs_hook=hook)
    return found


def _reject(name: str) -> Any:
    raise ValueError(name)


def test_one(data: bytes) -> None:
    document = read_bytes(data, "fuzz.json")
    if not document.ok:
        assert document.value is None
        assert document.diagnostics, "a failed read says why"
        return
    assert isinstance(document.value, dict)
    paths: list[tuple[str | int, ...]] = []
    _paths(document.value, (), paths)
    for path in paths:
        document.span(path)
        document.key_span(path)
    try:
        text = data.decode("utf-8-sig")
        strict = json.loads(text, parse_constant=_reject)
    except (ValueError, RecursionError):
        return
    if not _has_duplicates(text):
        assert strict == document.value, "the reader changed a strict JSON value"


if __name__ == "__main__":
    common.run(test_one)
