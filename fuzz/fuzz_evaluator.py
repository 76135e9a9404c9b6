"""Fuzz the ARM evaluator: any expression, evaluated in a scope with parameters (a secure one
included), variables and a copy loop, gives a value or Unknown (never an exception), and the
secure value never appears in a diagnostic.

    python fuzz/fuzz_evaluator.py fuzz/corpus/evaluator -max_total_time=600
"""

from __future__ import annotations

import atheris
import common

with atheris.instrument_imports(include=["armc"]):
    from armc.arm.evaluator import Evaluator, ParameterInput

SECRET = "S3cr3t-Fuzz-Value"

PARAMETERS = {
    "name": ParameterInput(
        "name", {"type": "string", "defaultValue": "web"}, ("parameters", "name")
    ),
    "count": ParameterInput("count", {"type": "int", "defaultValue": 3}, ("parameters", "count")),
    "flags": ParameterInput(
        "flags", {"type": "array", "defaultValue": [1, "a", True]}, ("parameters", "flags")
    ),
    "config": ParameterInput(
        "config", {"type": "object", "defaultValue": {"a": {"b": [1, 2]}}}, ("parameters", "config")
    ),
    "password": ParameterInput(
        "password", {"type": "securestring"}, ("parameters", "password"), SECRET
    ),
}
VARIABLES = {
    "prefix": "[concat(parameters('name'), '-x')]",
    "loop": "[variables('loop')]",
    "copy": [{"name": "disks", "count": 2, "input": {"lun": "[copyIndex('disks')]"}}],
    "big": "[range(0, 800)]",
}


def test_one(data: bytes) -> None:
    # The first byte picks the copy loop (0: none), the rest is the expression as UTF-8, so
    # the seeds (b"\x00" + an expression from a template) reach the evaluator as written.
    # (FuzzedDataProvider.ConsumeUnicode reads a width byte first and turned them into UTF-32.)
    indexes = data[0] % 4 if data else 0
    text = data[1:].decode("utf-8", errors="replace")
    evaluator = Evaluator(PARAMETERS, VARIABLES)
    value: object = "[" + text + "]" if not text.startswith("[") else text
    if indexes:
        with evaluator.copy_index("loop", indexes):
            evaluator.evaluate(value, ("resources", 0, "name"))
    else:
        evaluator.evaluate(value, ("outputs", "o", "value"))
    for diagnostic in evaluator.diagnostics:
        assert SECRET not in diagnostic.message, diagnostic.message
        assert SECRET not in (diagnostic.hint or ""), diagnostic.hint


if __name__ == "__main__":
    common.run(test_one)
