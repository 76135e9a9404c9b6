"""The string walks rules share (`walk_strings`, `template_strings`, cached or not) find every
string in document order, as a plain recursive walk does."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from armc.model.template import JsonPath, Template
from armc.rules.support import shared_walks, template_strings, walk_strings
from tests.analysis.helpers import build

KEYS = st.text("abcxyz[]'", min_size=1, max_size=4)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text("ab[]()'", max_size=6),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(KEYS, children, max_size=4),
    max_leaves=25,
)


def reference(value: Any, path: JsonPath = ()) -> list[tuple[JsonPath, str]]:
    if isinstance(value, str):
        return [(path, value)]
    if isinstance(value, dict):
        return [found for k, v in value.items() for found in reference(v, (*path, k))]
    if isinstance(value, list):
        return [found for i, v in enumerate(value) for found in reference(v, (*path, i))]
    return []


@given(JSON, st.lists(st.integers(0, 3) | KEYS, max_size=3).map(tuple))
def test_walk_strings_matches_a_recursive_walk(value: Any, path: JsonPath) -> None:
    assert list(walk_strings(value, path)) == reference(value, path)


def test_deep_values_are_walked_without_recursion() -> None:
    value: Any = "deep"
    for _ in range(5000):
        value = {"a": [value]}
    assert len(list(walk_strings(value))) == 1


def template_reference(template: Template) -> list[tuple[JsonPath, str]]:
    found = []
    for name, parameter in template.parameters.items():
        found += reference(parameter.body, parameter.path or ("parameters", name))
    for name, variable in template.variables.items():
        found += reference(variable, ("variables", name))
    for resource in template.resources:
        found += reference(resource.body, resource.path)
    for name, output in template.outputs.items():
        found += reference(output.body, output.path or ("outputs", name))
    if "functions" in template.header:
        found += reference(template.header["functions"], ("functions",))
    return found


@given(
    st.dictionaries(KEYS, JSON, max_size=3),
    st.dictionaries(KEYS, JSON, max_size=3),
    st.lists(st.dictionaries(KEYS, JSON, max_size=3), max_size=3),
)
def test_template_strings_cached_or_not(
    parameters: dict[str, Any], variables: dict[str, Any], bodies: list[dict[str, Any]]
) -> None:
    resources = [
        {**body, "type": "Microsoft.Network/publicIPAddresses", "name": f"ip{i}"}
        for i, body in enumerate(bodies)
    ]
    doc = {
        "parameters": {
            name: {"type": "string", "defaultValue": v} for name, v in parameters.items()
        },
        "variables": variables,
        "resources": resources,
        "functions": [{"namespace": "x"}],
    }
    template, _ = build(doc)
    expected = template_reference(template)
    assert list(template_strings(template)) == expected
    with shared_walks():
        assert list(template_strings(template)) == expected
        assert list(template_strings(template)) == expected  # replayed from the cache


# --- used parameters and variables: one scan of joined text == one scan per string ----------

NAME = st.text("aBc'_\x00İ", min_size=1, max_size=4)
EXPRESSION = st.builds(
    lambda prefix, kind, name, suffix: f"[{prefix}{kind}('{name}'){suffix}]",
    st.sampled_from(["", "concat(", "x", "my", " ", "[", "\x00"]),
    st.sampled_from(["parameters", "PARAMETERS", "variables", "Variables", "parameters ", "list"]),
    NAME.map(lambda n: n.replace("'", "''")),
    st.sampled_from(["", ")", "']", "\x00"]),
)
STRINGS = st.lists(EXPRESSION | st.text("[]()'pv\x00", max_size=8), max_size=6)


def used_reference(template: Template) -> tuple[set[str], set[str]]:
    """The definition: every expression string scanned alone, self-references left out."""
    from armc.rules.support import parameter_references, variable_references

    parameters: set[str] = set()
    variables: set[str] = set()
    for path, text in template_reference(template):
        own = str(path[1]).lower() if len(path) >= 2 else None
        parameters.update(
            r for r in parameter_references(text) if not (path[0] == "parameters" and r == own)
        )
        variables.update(
            r for r in variable_references(text) if not (path[0] == "variables" and r == own)
        )
    return parameters, variables


@given(st.dictionaries(NAME, STRINGS, max_size=3), st.lists(STRINGS, max_size=3))
def test_used_names_as_if_each_string_were_scanned_alone(
    variables: dict[str, list[str]], bodies: list[list[str]]
) -> None:
    from armc.rules.support import used_names

    doc = {
        "parameters": {n: {"type": "string", "defaultValue": v} for n, v in variables.items()},
        "variables": variables,
        "resources": [
            {"type": "Microsoft.Network/publicIPAddresses", "name": f"ip{i}", "tags": body}
            for i, body in enumerate(bodies)
        ],
    }
    template, _ = build(doc)
    parameters, used_variables = used_reference(template)
    with shared_walks():
        found = used_names(template)
    assert (set(found.parameters), set(found.variables)) == (parameters, used_variables)


def _scan_reference(expressions: list[str]) -> set[tuple[str, str]]:
    """The reference scan as first written: one pattern over the lower-cased joined text."""
    import re

    pattern = re.compile(r"\b(parameters|variables)\s*\(\s*'((?:[^'\x00]|'')*)'\s*\)")
    pairs = set(pattern.findall("\0".join(expressions).lower()))
    return {(kind[0], name.replace("''", "'")) for kind, name in pairs}


EXPRESSION = st.lists(
    st.sampled_from(
        ["[", "parameters", "Variables", "xparameters", "_variables", "(", " ", "'", "''", ")",
         "a", "İ", "Σ", "K", "]", ","]
    ),
    max_size=14,
).map("".join)


@given(st.lists(EXPRESSION, min_size=1, max_size=6), st.lists(EXPRESSION, max_size=6))
def test_reference_scan_remembered_or_not(first: list[str], second: list[str]) -> None:
    from armc.rules import support

    support._SCANNED.clear()
    assert support._scan(first) == _scan_reference(first)  # scanned
    assert support._scan(first) == _scan_reference(first)  # remembered
    mixed = [*second, *first]
    if mixed:
        assert support._scan(mixed) == _scan_reference(mixed)  # some remembered, some not


def test_reference_scan_forgets_when_full() -> None:
    from armc.rules import support

    support._SCANNED.clear()
    texts = [f"[parameters('p{i}')]" for i in range(support._SCANNED_LIMIT + 2)]
    assert len(support._scan(texts)) == len(texts)
    assert support._scan(["[variables('v')]", texts[0]]) == {("v", "v"), ("p", "p0")}
    assert len(support._SCANNED) == 2
