"""More bad parameters files and `--param` values for `armc lint` (deploymentParameters JSON:
armc writes `.bicepparam` files but does not read them). A secure value never appears."""

from __future__ import annotations

import json
from typing import Any

from tests.bad_inputs.cases import PARAMS_SCHEMA, nested, template
from tests.bad_inputs.runner import Case

SECRET = "hunter2-Secret-Value"

DECLARED = template(
    parameters={
        "n": {"type": "int", "minValue": 1, "maxValue": 9},
        "pw": {"type": "securestring", "minLength": 30},
        "size": {"type": "string", "allowedValues": ["small", "large"]},
        "flags": {"type": "array"},
    },
    outputs={"o": {"type": "int", "value": "[parameters('n')]"}},
)
"""Parameters `n`, `pw`, `size`, `flags`; a parameters file names them on lines 5, 8, 11, 14."""

GOOD: dict[str, Any] = {
    "n": {"value": 3},
    "pw": {"value": "x" * 30},
    "size": {"value": "small"},
    "flags": {"value": []},
}


def parameters(**values: Any) -> str:
    document = {
        "$schema": PARAMS_SCHEMA,
        "contentVersion": "1.0.0.0",
        "parameters": {**GOOD, **values},
    }
    return json.dumps(document, indent=2)


def lint(case_id: str, content: str | bytes, expect: str, exit: int, **extra: Any) -> Case:
    files = {"a.json": DECLARED, "p.json": content}
    return Case(case_id, "lint", files, expect, exit, ("a.json", "--parameters", "p.json"), **extra)


def flag(case_id: str, value: str, expect: str, exit: int = 1) -> Case:
    return Case(case_id, "lint", {"a.json": DECLARED}, expect, exit, ("a.json", "--param", value))


CASES: list[Case] = [
    lint("parameters-null-value", parameters(n={"value": None}), "p.json:5:5: error[ARM301]", 1),
    lint("parameters-bool-for-int", parameters(n={"value": True}), "p.json:5:5: error[ARM301]", 1),
    lint("parameters-string-for-array", parameters(flags={"value": "a,b"}), "error[ARM301]", 1),
    lint("parameters-out-of-range", parameters(n={"value": 10}), "p.json:5:5: error[ARM303]", 1),
    lint(
        "parameters-huge-int-out-of-range",
        parameters(n={"value": 10**400}),
        "p.json:5:5: error[ARM303]",
        1,
    ),
    lint(
        "parameters-secure-too-short",
        parameters(pw={"value": SECRET}),
        "p.json:8:5: error[ARM303]",
        1,
        absent=(SECRET,),
    ),
    lint(
        "parameters-secure-wrong-type",
        parameters(pw={"value": [SECRET]}),
        "p.json:8:5: error[ARM301]",
        1,
        absent=(SECRET,),
    ),
    lint(
        "parameters-not-allowed",
        parameters(size={"value": "smal"}),
        "p.json:11:5: error[ARM302]",
        1,
    ),
    lint(
        "parameters-bare-value",
        parameters(n=3),
        "p.json:5:10: error[ARM306]",
        1,
    ),
    lint(
        "parameters-bom",
        b"\xef\xbb\xbf" + parameters(n={"value": "three"}).encode(),
        "p.json:5:5: error[ARM301]",
        1,
    ),
    lint("parameters-binary", b"\x00\xff\xfe", "p.json:1:2: error[ARM101]", 2),
    lint("parameters-empty", "", "p.json:1:1: error[ARM100]", 2),
    lint(
        "parameters-deep-nesting",
        '{"parameters": {"n": {"value": ' + nested(10_000) + "}}}",
        "p.json:1:1029: error[ARM100]",
        2,
    ),
    lint(
        "parameters-duplicate-names",
        parameters().replace('"n": {', '"n": {"value": 4},\n    "n": {', 1),
        "p.json:6:5: warning[ARM102]",
        0,
    ),
    flag("param-flag-wrong-type", "n=three", "armc: error[ARM301]"),
    flag("param-flag-unknown-name", "typo=1", "armc: error[ARM304]"),
    flag("param-flag-unicode-name", "пароль😀=1", "armc: error[ARM304]"),
    flag("param-flag-huge-int", "n=" + "9" * 5000, "armc: error[ARM30"),
]
