"""Expression evaluation: constant folding, ARM expressions for run-time values, type errors."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from armc.diagnostics import Diagnostics
from armc.dsl import ir
from armc.dsl.evaluate import Evaluator, Scope
from armc.dsl.parser import parse_program
from armc.dsl.values import Arm, Const, DictValue, ListValue, arm_text, escape_literal, to_json
from armc.source import SourceFile, Span

SPAN = Span("e.armc", 1, 1, 1, 2)
ENV = ir.ParamDecl("env", SPAN, "string", SPAN, False, None, None, None, None, None, None, SPAN)
COUNT = ir.ParamDecl("n", SPAN, "int", SPAN, False, None, None, None, None, None, None, SPAN)


def evaluate(expression: str) -> tuple[object, list[str]]:
    (var,) = parse_program(SourceFile("e.armc", f"var x = {expression}\n")).statements
    assert isinstance(var, ir.VarDecl)
    diagnostics = Diagnostics()
    evaluator = Evaluator(Scope({"env": ENV, "n": COUNT}, {}), diagnostics)
    value = evaluator.eval(var.value)
    return to_json(value), [d.code for d in diagnostics]


def test_folding_and_arm_expressions() -> None:
    assert evaluate("1 + 2 * 3") == (7, [])
    assert evaluate('"a" + "b" + 1') == ("ab1", [])
    assert evaluate("n + 1") == ("[add(parameters('n'), 1)]", [])
    assert evaluate('env == "prod" and n > 2') == (
        "[and(equals(parameters('env'), 'prod'), greater(parameters('n'), 2))]",
        [],
    )
    assert evaluate('lower("ABC")') == ("abc", [])
    assert evaluate("length([1, 2, 3])") == (3, [])
    assert evaluate("unique_string(resourceGroup().id)") == (
        "[uniqueString(resourceGroup().id)]",
        [],
    )
    assert evaluate('{ a: { b: "c" } }.a.b') == ("c", [])
    assert evaluate("[10, 20][1]") == (20, [])
    assert evaluate('"it\'s"') == ("it's", [])
    assert evaluate('"${env}\'s"') == ("[format('{0}''s', parameters('env'))]", [])


def test_type_errors() -> None:
    assert evaluate('1 < "a"')[1] == ["DSL301"]
    assert evaluate("if 1 then 2 else 3")[1] == ["DSL301"]
    assert evaluate("-true")[1] == ["DSL301"]
    assert evaluate("1 / 0")[1] == ["DSL311"]
    assert evaluate("[1][5]")[1] == ["DSL311"]
    assert evaluate("nope")[1] == ["DSL201"]


@given(
    st.integers(-(10**6), 10**6),
    st.integers(-(10**6), 10**6),
    st.sampled_from(["+", "-", "*", "/", "%"]),
)
def test_integer_folding_matches_arm(left: int, right: int, op: str) -> None:
    value, errors = evaluate(f"({left}) {op} ({right})")
    if op in "/%" and right == 0:
        assert errors == ["DSL311"]
        return
    quotient = abs(left) // abs(right) * (1 if (left >= 0) == (right >= 0) else -1) if right else 0
    expected = {
        "+": left + right,
        "-": left - right,
        "*": left * right,
        "/": quotient,
        "%": left - right * quotient,
    }[op]
    assert (value, errors) == (expected, [])


@given(st.text(max_size=20))
def test_literal_strings_are_escaped_only_when_they_look_like_expressions(text: str) -> None:
    stored = escape_literal(text)
    if text.startswith("[") and text.endswith("]"):
        assert stored == "[" + text
    else:
        assert stored == text


def test_arm_text_of_structures() -> None:
    value = DictValue((("a", Const(1)), ("b", ListValue((Arm("parameters('x')"), Const("y"))))))
    assert arm_text(value) == "createObject('a', 1, 'b', createArray(parameters('x'), 'y'))"
    assert to_json(value) == {"a": 1, "b": ["[parameters('x')]", "y"]}
