"""An evaluator reuses what it evaluated before (expressions by text, parameters, variables):
whatever it evaluated earlier, a value equals a fresh evaluator's, and every problem is reported
at every place it is written."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from armc.arm.evaluator import Evaluator, ParameterInput
from armc.arm.values import Unknown
from armc.model.template import JsonPath
from armc.source import Span

_PARAMETERS: dict[str, dict[str, Any]] = {
    "name": {"type": "string", "defaultValue": "web"},
    "count": {"type": "int", "defaultValue": 2},
    "key": {"type": "securestring"},
    "derived": {"type": "string", "defaultValue": "[concat(parameters('name'), '-x')]"},
}
_VARIABLES: dict[str, Any] = {
    "prefix": "[toLower(parameters('name'))]",
    "settings": {"size": "[concat('Standard_', 'B2s')]", "broken": "[parameters('nope')]"},
    "ids": "[range(0, parameters('count'))]",
    "copy": [{"name": "disks", "count": 2, "input": "[concat('d', copyIndex('disks'))]"}],
}
_EXPRESSIONS = [
    "[parameters('name')]",
    "[parameters('derived')]",
    "[parameters('key')]",
    "[variables('prefix')]",
    "[concat(variables('prefix'), '-nic')]",
    "[variables('settings').size]",
    "[variables('settings').broken]",
    "[variables('settings')]",
    "[variables('disks')[1]]",
    "[variables('ids')]",
    "[copyIndex()]",
    "[concat(parameters('name'), copyIndex(1))]",
    "[copyIndex('other')]",
    "[parameters('nope')]",
    "[concatt('a')]",
    "[div(1, 0)]",
    "[concat('a'",
    "[length(variables('ids'))]",
    "[resourceId('Microsoft.Network/networkInterfaces', variables('prefix'))]",
    "[if(equals(parameters('count'), 2), 'two', 'other')]",
    "[[escaped]",
    "plain",
]


def _locate(path: JsonPath, start: int, end: int) -> Span:
    return Span("/".join(str(step) for step in path), 1, start + 1, 1, end + 1)


def _evaluator() -> Evaluator:
    inputs = {
        name: ParameterInput(name, declaration, ("parameters", name))
        for name, declaration in _PARAMETERS.items()
    }
    return Evaluator(inputs, _VARIABLES, locate=_locate)


def _evaluate(evaluator: Evaluator, text: str, path: JsonPath, iteration: int | None) -> Any:
    if iteration is None:
        return evaluator.evaluate(text, path)
    with evaluator.copy_index("loop", iteration):
        return evaluator.evaluate(text, path)


def _problems(evaluator: Evaluator) -> set[tuple[str, str]]:
    return {(d.message, str(d.span)) for d in evaluator.diagnostics}


_PLACES = st.tuples(
    st.sampled_from(_EXPRESSIONS),
    st.sampled_from([("resources", 0, "name"), ("resources", 1, "name"), ("outputs", "o")]),
    st.sampled_from([None, 0, 3]),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_PLACES, min_size=1, max_size=12))
def test_values_and_problems_do_not_depend_on_what_was_evaluated_before(
    places: list[tuple[str, JsonPath, int | None]],
) -> None:
    shared = _evaluator()
    expected_problems: set[tuple[str, str]] = set()
    for text, path, iteration in places:
        fresh = _evaluator()
        expected = _evaluate(fresh, text, path, iteration)
        expected_problems |= _problems(fresh)
        assert _evaluate(shared, text, path, iteration) == expected
    assert _problems(shared) == expected_problems


def test_a_problem_repeated_is_reported_at_each_place_and_counted_each_time() -> None:
    evaluator = _evaluator()
    evaluator.evaluate("[parameters('nope')]", ("a",))
    before = evaluator.report_count
    value = evaluator.evaluate("[parameters('nope')]", ("b",))
    assert isinstance(value, Unknown)
    assert evaluator.report_count == before + 1
    assert [str(d.span) for d in evaluator.diagnostics] == ["a:1:13", "b:1:13"]


def test_copy_index_is_evaluated_in_each_iteration() -> None:
    evaluator = _evaluator()
    found = [_evaluate(evaluator, "[concat('vm', copyIndex())]", (), i) for i in (0, 1, 0)]
    assert found == ["vm0", "vm1", "vm0"]
    assert isinstance(evaluator.evaluate("[concat('vm', copyIndex())]"), Unknown)
