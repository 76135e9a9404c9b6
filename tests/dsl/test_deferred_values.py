"""Values ARM knows only at deployment, and what the compiler must not reject about them.

Found by `armc import` on the corpus: empty secure defaults, folding errors in a branch ARM may
not take, case-insensitive member access, and range checks of defaults that are expressions.
"""

from __future__ import annotations

import pytest
from conftest import compile_text, diagnostics_of
from hypothesis import given
from hypothesis import strategies as st

# ---- empty secure defaults ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("declaration", "arm_type", "default"),
    [
        ('param t: secure string = ""', "securestring", ""),
        ("param t: secure object = {}", "secureObject", {}),
    ],
)
def test_an_empty_secure_default_is_allowed(
    declaration: str, arm_type: str, default: object
) -> None:
    body = compile_text(declaration + "\n").parameters["t"].body
    assert body == {"type": arm_type, "defaultValue": default}


@pytest.mark.parametrize(
    "declaration",
    [
        'param t: secure string = "x"',
        'param t: secure string = " "',
        'param t: secure object = { k: "v" }',
    ],
)
def test_a_non_empty_secure_default_is_still_rejected(declaration: str) -> None:
    diagnostic = diagnostics_of(declaration + "\n")[0]
    assert diagnostic.code == "DSL307"
    assert diagnostic.hint is not None and "empty default" in diagnostic.hint


# ---- folding errors in a branch ARM may not take ------------------------------------------


def output_value(text: str, name: str = "o") -> object:
    return compile_text(text).outputs[name].body["value"]


@pytest.mark.parametrize(
    ("expression", "arm"),
    [
        ('["a", "b"][2]', "createArray('a', 'b')[2]"),
        ("{ a: 1 }.b", "createObject('a', 1).b"),
        ('{ a: 1 }["b"]', "createObject('a', 1)['b']"),
        ("1 / 0", "div(1, 0)"),
        ("7 % 0", "mod(7, 0)"),
    ],
)
def test_folding_errors_in_a_deployment_time_branch_are_left_to_arm(
    expression: str, arm: str
) -> None:
    text = f'param p: string\noutput o = (if p == "a" then {expression} else "ok")\n'
    assert output_value(text) == f"[if(equals(parameters('p'), 'a'), {arm}, 'ok')]"
    other = f'param p: string\noutput o = (if p == "a" then "ok" else {expression})\n'
    assert output_value(other) == f"[if(equals(parameters('p'), 'a'), 'ok', {arm})]"


def test_a_branch_never_taken_is_not_evaluated() -> None:
    assert output_value('output o = (if 1 == 2 then ["a"][5] else "ok")\n') == "ok"


@pytest.mark.parametrize(
    ("expression", "code"),
    [
        ('["a", "b"][2]', "DSL311"),
        ("{ a: 1 }.b", "DSL318"),
        ("1 / 0", "DSL311"),
        ('(if 1 == 1 then ["a"][5] else "ok")', "DSL311"),
    ],
)
def test_folding_errors_outside_unknown_branches_are_still_errors(
    expression: str, code: str
) -> None:
    assert diagnostics_of(f"output o = {expression}\n")[0].code == code


def test_type_errors_in_a_deployment_time_branch_are_still_errors() -> None:
    text = 'param p: string\noutput o = (if p == "a" then "x" * 2 else "ok")\n'
    assert diagnostics_of(text)[0].code == "DSL301"


# ---- case-insensitive member access -------------------------------------------------------


@given(st.sampled_from(["free", "FREE", "Free", "fReE"]))
def test_member_access_ignores_case(spelling: str) -> None:
    assert output_value(f"output o = {{ Free: 1 }}.{spelling}\n") == 1
    assert output_value(f'output o = {{ Free: 1 }}["{spelling}"]\n') == 1


def test_an_exact_match_wins_over_a_case_insensitive_one() -> None:
    assert output_value("output o = { Free: 1, free: 2 }.free\n") == 2
    assert output_value("output o = { Free: 1, free: 2 }.Free\n") == 1


# ---- range checks of defaults known only at deployment ------------------------------------


def test_an_expression_default_is_not_range_checked() -> None:
    text = 'param s: string = concat("jenkins", unique_string(resourceGroup().id)) length(3, 24)\n'
    body = compile_text(text).parameters["s"].body
    assert body["defaultValue"] == "[concat('jenkins', uniqueString(resourceGroup().id))]"
    assert (body["minLength"], body["maxLength"]) == (3, 24)


@pytest.mark.parametrize(
    "declaration",
    [
        'param s: string = "ab" length(3, 24)',
        "param n: int = 9 range(1, 5)",
        'param s: string = concat("a", "b") length(3, 24)',
    ],
)
def test_a_constant_default_is_still_range_checked(declaration: str) -> None:
    diagnostic = diagnostics_of(declaration + "\n")[0]
    assert diagnostic.code == "DSL311" and "outside" in diagnostic.message
