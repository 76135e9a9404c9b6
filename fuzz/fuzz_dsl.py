"""Fuzz the DSL front-end: any text either compiles or raises CompileError (nothing else).

python fuzz/fuzz_dsl.py fuzz/corpus/dsl -max_total_time=600
"""

from __future__ import annotations

import atheris
import common

with atheris.instrument_imports(include=["armc"]):
    from armc.diagnostics import CompileError
    from armc.dsl import compile_source


def test_one(data: bytes) -> None:
    text = data.decode("utf-8", errors="replace")
    try:
        template = compile_source(text, "fuzz.armc")
    except CompileError as error:
        for diagnostic in error.diagnostics:
            assert diagnostic.code.startswith(("DSL", "ARM", "GRAPH")), diagnostic
        return
    assert template.origin == "dsl"


if __name__ == "__main__":
    common.run(test_one)
