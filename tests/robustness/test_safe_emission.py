"""Safe emission: any string a user writes reaches ARM as exactly that string.

Values with quotes, backslashes, newlines, `${`, `[`, `'`, `</script>` and any unicode go through
the DSL into the emitted ARM JSON; the JSON must parse, and reading it back with the ARM loader
and evaluator must give the literal value again, in every place a value can stand."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from armc.arm.loader import load_template
from armc.dsl import compile_source
from armc.emit.arm import emit_arm
from armc.importer import dsl_string

NASTY = [
    "'",
    '"',
    "\\",
    "\n",
    "\t",
    "${",
    "${x}",
    "[",
    "]",
    "[x]",
    "[[x]",
    "[[x",
    "''",
    "</script>",
    "<!--",
    "{{ x }}",
    "{% if %}",
    "ü",
    "😀",
    "\u202e",
    "\u2028",
    "#",
    "%",
    "{0}",
]
VALUES = [
    "it's",
    '"quoted"',
    "back\\slash",
    "two\nlines",
    "${not_interpolated}",
    "[not an expression]",
    "[[already escaped]",
    "[starts only",
    "ends only]",
    "'single' and ''double''",
    "</script><script>alert(1)</script>",
    "{{ jinja }} {% raw %}",
    "ünïcødé 😀 \u202e",
    "[concat('a', 'b')]",
    "#not a comment",
]


def program(value: str) -> str:
    text = dsl_string(value)
    return f"""\
param note: string = {text} description {text}
var copy_of = {text}
tags {{ note: {text} }}
vnet core 10.0.0.0/16 {{
  subnet app 10.0.1.0/24
  tags {{ here: copy_of }}
}}
resource "Microsoft.Insights/actionGroups@2023-01-01" alerts {{
  location "global"
  properties {{ groupShortName: {text}, list: [{text}, 1], nested: {{ deep: {text} }} }}
}}
output literal = {text}
output through_variable = copy_of
output through_parameter = note
output joined = {text} + "|" + {text}
"""


def read_back(value: str, folder: Path) -> tuple[Any, Any]:
    """The emitted template as JSON, and as the ARM loader evaluates it."""
    output = emit_arm(compile_source(program(value), "nasty.armc"))
    document = json.loads(output.template)  # valid JSON, whatever the value
    path = folder / "nasty.json"
    path.write_text(output.template, encoding="utf-8")
    loaded = load_template(path)
    assert loaded.ok, loaded.diagnostics
    return document, loaded


def check(value: str, folder: Path) -> None:
    document, loaded = read_back(value, folder)
    assert document["parameters"]["note"]["metadata"]["description"] == value
    assert loaded.parameter("note") == value
    for name in ("literal", "through_variable", "through_parameter"):
        assert loaded.output(name) == value, name
    assert loaded.output("joined") == f"{value}|{value}"
    alerts = next(r for r in loaded.template.resources if r.type.endswith("actionGroups"))
    evaluated = loaded.evaluated(alerts)
    assert evaluated["tags"]["note"] == value
    assert evaluated["properties"]["groupShortName"] == value
    assert evaluated["properties"]["list"] == [value, 1]
    assert evaluated["properties"]["nested"] == {"deep": value}
    vnet = next(r for r in loaded.template.resources if r.type.endswith("virtualNetworks"))
    assert loaded.evaluated(vnet)["tags"] == {"note": value, "here": value}


def test_every_hand_picked_value_reads_back_exactly(tmp_path: Path) -> None:
    for value in [*VALUES, *NASTY]:
        check(value, tmp_path)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.one_of(st.sampled_from(NASTY), st.text(min_size=1, max_size=4)), min_size=1, max_size=6
    ).map("".join)
)
def test_any_value_reads_back_exactly(tmp_path: Path, value: str) -> None:
    check(value, tmp_path)
