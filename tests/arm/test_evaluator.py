"""Partial evaluation: functions, Unknown propagation, secrets, copy loops, diagnostics."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from armc.arm.evaluator import Evaluator, ParameterInput
from armc.arm.functions import DeploymentContext, unique_string
from armc.arm.values import Unknown, is_known


def _evaluator(
    parameters: dict[str, dict[str, Any]] | None = None,
    variables: dict[str, Any] | None = None,
    values: dict[str, Any] | None = None,
) -> Evaluator:
    inputs = {}
    for name, declaration in (parameters or {}).items():
        if values and name in values:
            inputs[name] = ParameterInput(name, declaration, ("parameters", name), values[name])
        else:
            inputs[name] = ParameterInput(name, declaration, ("parameters", name))
    return Evaluator(inputs, variables or {})


def test_unique_string_matches_values_azure_returned() -> None:
    # values observed from real deployments (Kingsland.ArmLinter's notes)
    assert unique_string("aaa") == "zavj67f3en4hc"
    assert unique_string("bbb") == "w5eragfxe33cy"
    assert unique_string("zzz") == "cryksdzzzawae"
    assert unique_string("xxx", "yyy", "zzz") == "lghi7k5js7itq"


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("[concat('a', 'b', 1)]", "ab1"),
        ("[concat(createArray(1), createArray(2, 3))]", [1, 2, 3]),
        ("[format('{0}-{1:D3}-{{x}}', 'vm', 7)]", "vm-007-{x}"),
        ("[toLower('AbC')]", "abc"),
        ("[toUpper('abc')]", "ABC"),
        ("[substring('abcdef', 1, 3)]", "bcd"),
        ("[replace('a-b-c', '-', '')]", "abc"),
        ("[split('a,b;c', createArray(',', ';'))]", ["a", "b", "c"]),
        ("[join(createArray('a', 'b'), '/')]", "a/b"),
        ("[trim('  x ')]", "x"),
        ("[startsWith('Hello', 'he')]", True),
        ("[endsWith('Hello', 'LO')]", True),
        ("[indexOf('abcabc', 'C')]", 2),
        ("[lastIndexOf('abcabc', 'c')]", 5),
        ("[padLeft('7', 3, '0')]", "007"),
        ("[string(createObject('a', true()))]", '{"a":true}'),
        ("[string(true())]", "True"),
        ("[union(createObject('a', 1), createObject('b', 2))]", {"a": 1, "b": 2}),
        ("[union(createArray(1, 2), createArray(2, 3))]", [1, 2, 3]),
        ("[intersection(createArray(1, 2), createArray(2, 3))]", [2]),
        ("[contains(createObject('Key', 1), 'key')]", True),
        ("[contains('abc', 'b')]", True),
        ("[empty('')]", True),
        ("[length(createArray(1, 2))]", 2),
        ("[first('abc')]", "a"),
        ("[last(createArray(1, 2))]", 2),
        ("[take(createArray(1, 2, 3), 2)]", [1, 2]),
        ("[skip('abc', 1)]", "bc"),
        ("[range(5, 3)]", [5, 6, 7]),
        (
            "[items(createObject('b', 2, 'a', 1))]",
            [{"key": "a", "value": 1}, {"key": "b", "value": 2}],
        ),
        ("[json('{\"a\": [1]}').a[0]]", 1),
        ("[if(equals(1, 1), 'yes', 'no')]", "yes"),
        ("[and(true, not(false))]", True),
        ("[or(false, false)]", False),
        ("[coalesce(null(), 'x')]", "x"),
        ("[less(1, 2)]", True),
        ("[greaterOrEquals('b', 'a')]", True),
        ("[add(1, mul(2, 3))]", 7),
        ("[div(-7, 2)]", -3),
        ("[mod(7, 3)]", 1),
        ("[min(3, 1, 2)]", 1),
        ("[max(createArray(3, 9))]", 9),
        ("[int('42')]", 42),
        ("[float('1.5')]", 1.5),
        ("[base64('hi')]", "aGk="),
        ("[base64ToString('aGk=')]", "hi"),
        ("[uri('https://a.b/c/d.json', 'e.json')]", "https://a.b/c/e.json"),
        ("[uriComponent('a b')]", "a%20b"),
        ("[uriComponentToString('a%20b')]", "a b"),
        ("[resourceGroup().location]", "westus"),
        ("[subscription().subscriptionId]", "00000000-0000-0000-0000-000000000000"),
        ("[environment().suffixes.storage]", "core.windows.net"),
        ("[deployment().name]", "armc-deployment"),
        (
            "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'v', 's')]",
            "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/armc-rg"
            "/providers/Microsoft.Network/virtualNetworks/v/subnets/s",
        ),
        (
            "[resourceId('other-rg', 'Microsoft.Web/sites', 'w')]",
            "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/other-rg"
            "/providers/Microsoft.Web/sites/w",
        ),
        (
            "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'r')]",
            "/subscriptions/00000000-0000-0000-0000-000000000000"
            "/providers/Microsoft.Authorization/roleDefinitions/r",
        ),
        (
            "[tenantResourceId('Microsoft.Management/managementGroups', 'm')]",
            "/providers/Microsoft.Management/managementGroups/m",
        ),
        (
            "[extensionResourceId('/x/y', 'Microsoft.Authorization/locks', 'l')]",
            "/x/y/providers/Microsoft.Authorization/locks/l",
        ),
        ("[uniqueString('aaa')]", "zavj67f3en4hc"),
        ("[[literal]", "[literal]"),
        ("plain", "plain"),
    ],
)
def test_functions(expression: str, expected: Any) -> None:
    evaluator = _evaluator()
    assert evaluator.evaluate(expression) == expected
    assert evaluator.diagnostics == []


def test_deployment_placeholders_are_configurable() -> None:
    context = DeploymentContext(location="northeurope", resource_group="rg1")
    evaluator = Evaluator({}, {}, context=context)
    assert evaluator.evaluate("[resourceGroup().location]") == "northeurope"
    assert evaluator.evaluate("[resourceGroup().name]") == "rg1"


@pytest.mark.parametrize(
    ("expression", "secret"),
    [
        ("[reference('vm').properties]", False),
        ("[newGuid()]", False),
        ("[utcNow()]", False),
        ("[guid('a')]", False),
        ("[listKeys('id', '2020-01-01').keys[0].value]", True),
        ("[concat('pw:', parameters('password'))]", True),
        ("[toUpper(parameters('unset'))]", False),
    ],
)
def test_unknowns_propagate_and_keep_secrecy(expression: str, secret: bool) -> None:
    evaluator = _evaluator({"password": {"type": "securestring"}, "unset": {"type": "string"}})
    value = evaluator.evaluate(expression)
    assert isinstance(value, Unknown), value
    assert value.secret is secret
    assert value.reason


def test_unknown_inside_containers_is_partial() -> None:
    evaluator = _evaluator()
    value = evaluator.evaluate(
        {"a": "[createArray(1, reference('x').y)]", "b": "[length(createArray(1, reference('x')))]"}
    )
    assert value["a"][0] == 1 and isinstance(value["a"][1], Unknown)
    assert value["b"] == 2
    assert not is_known(value)


def test_if_only_evaluates_the_chosen_branch() -> None:
    evaluator = _evaluator()
    assert evaluator.evaluate("[if(true(), 'ok', div(1, 0))]") == "ok"
    assert evaluator.diagnostics == []
    assert evaluator.evaluate("[if(reference('x').y, 'same', 'same')]") == "same"


def test_parameters_values_defaults_and_variables() -> None:
    evaluator = _evaluator(
        {
            "name": {"type": "string", "defaultValue": "[concat('n-', parameters('n'))]"},
            "n": {"type": "int", "defaultValue": 1},
        },
        {"upper": "[toUpper(parameters('name'))]", "chain": "[variables('upper')]"},
        values={"n": 5},
    )
    assert evaluator.evaluate("[variables('chain')]") == "N-5"


def test_copy_variables_and_property_copy() -> None:
    evaluator = _evaluator(
        {"count": {"type": "int", "defaultValue": 2}},
        {
            "copy": [
                {
                    "name": "disks",
                    "count": "[parameters('count')]",
                    "input": {"lun": "[copyIndex('disks', 10)]"},
                }
            ]
        },
    )
    assert evaluator.evaluate("[variables('disks')]") == [{"lun": 10}, {"lun": 11}]
    body = {"copy": [{"name": "rules", "count": 2, "input": "[concat('r', copyIndex('rules'))]"}]}
    assert evaluator.evaluate(body) == {"rules": ["r0", "r1"]}


def test_copy_index_in_resource_loops() -> None:
    evaluator = _evaluator()
    with evaluator.copy_index("vmLoop", 3):
        assert evaluator.evaluate("[copyIndex()]") == 3
        assert evaluator.evaluate("[copyIndex(1)]") == 4
        assert evaluator.evaluate("[copyIndex('vmLoop', 2)]") == 5
    assert isinstance(evaluator.evaluate("[copyIndex()]"), Unknown)


def test_cycles_between_variables_are_unknown() -> None:
    evaluator = _evaluator(variables={"a": "[variables('b')]", "b": "[variables('a')]"})
    value = evaluator.evaluate("[variables('a')]")
    assert isinstance(value, Unknown) and "refers to itself" in value.reason


@pytest.mark.parametrize(
    ("expression", "name"),
    [
        ("[parameters('nope')]", "undefined-parameter"),
        ("[variables('nope')]", "undefined-variable"),
        ("[concatt('a')]", "unknown-function"),
        ("[div(1, 0)]", "evaluation-error"),
        ("[createArray(1)[5]]", "evaluation-error"),
        ("[substring('abc', 2, 5)]", "evaluation-error"),
        ("[concat('a'", "expression-syntax"),
        ("[resourceId('Microsoft.Web/')]", "evaluation-error"),  # was an IndexError
        ("[subscriptionResourceId('Microsoft.Web//sites', 'a')]", "evaluation-error"),
        ("[tenantResourceId('/Microsoft.Web/', 'a')]", "evaluation-error"),
        ("[extensionResourceId('x', 'Microsoft.Web/')]", "evaluation-error"),
        ("[resourceId('Microsoft.Web/sites')]", "evaluation-error"),  # a name is missing
    ],
)
def test_problems_become_diagnostics_and_unknown(expression: str, name: str) -> None:
    evaluator = _evaluator({"known": {"type": "string"}}, {"known": 1})
    value = evaluator.evaluate(expression + ("]" if not expression.endswith("]") else ""))
    assert isinstance(value, Unknown)
    assert [d.name for d in evaluator.diagnostics] == [name]


def test_undefined_names_suggest_the_closest() -> None:
    evaluator = _evaluator({"location": {"type": "string"}})
    evaluator.evaluate("[parameters('locaton')]")
    (diagnostic,) = evaluator.diagnostics
    assert diagnostic.hint == "did you mean 'location'?"


def test_empty_secure_default_is_not_a_secret() -> None:
    evaluator = _evaluator(
        {
            "sas": {"type": "securestring", "defaultValue": ""},
            "key": {"type": "securestring", "defaultValue": "hunter2"},
        }
    )
    assert (
        evaluator.evaluate("[concat('https://x/a.json', parameters('sas'))]") == "https://x/a.json"
    )
    value = evaluator.evaluate("[parameters('key')]")
    assert isinstance(value, Unknown) and value.secret


def test_reading_one_member_of_an_object_variable_evaluates_only_that_member() -> None:
    variables = {
        "settings": {
            "Name": "[concat('vm', '1')]",
            "name": "second",
            "broken": "[parameters('missing')]",
        }
    }
    evaluator = _evaluator(variables=variables)
    assert evaluator.evaluate("[variables('settings').NAME]") == "vm1"  # the first match
    assert evaluator.diagnostics == []  # 'broken' was not evaluated
    whole = evaluator.variable("settings")
    assert whole["Name"] == "vm1"
    assert whole["name"] == "second"
    assert isinstance(whole["broken"], Unknown)
    assert [d.message for d in evaluator.diagnostics] == ["undefined parameter 'missing'"]
    assert evaluator.evaluate("[variables('settings').broken]") is whole["broken"]


@pytest.mark.parametrize(
    "settings",
    [
        {"[concat('na', 'me')]": "from a key expression", "name": "plain"},
        {"name": "plain", "copy": [{"name": "name", "count": 1, "input": "looped"}]},
    ],
)
def test_object_variables_with_computed_keys_are_evaluated_whole(settings: Any) -> None:
    evaluator = _evaluator(variables={"settings": settings})
    expected = evaluator.variable("settings")["name"]
    fresh = _evaluator(variables={"settings": settings})
    assert fresh.evaluate("[variables('settings').name]") == expected


def test_a_member_that_reads_its_own_variable_is_reported_as_a_cycle() -> None:
    variables = {"a": {"x": "[variables('a').y]", "y": 1}}
    evaluator = _evaluator(variables=variables)
    assert isinstance(evaluator.evaluate("[variables('a').x]"), Unknown)
    assert [d.message for d in evaluator.diagnostics] == ["variable 'a' refers to itself"]
    assert isinstance(evaluator.variable("a")["x"], Unknown)


_TYPE_PIECES = st.sampled_from(["Microsoft.Web", "sites", "/", "//", "a.b", "x", "", " "])


@settings(max_examples=200)
@given(
    st.sampled_from(
        ["resourceId", "subscriptionResourceId", "tenantResourceId", "extensionResourceId"]
    ),
    st.lists(_TYPE_PIECES, min_size=1, max_size=5).map("".join),
    st.lists(st.sampled_from(["a", "b/c", "", "/"]), max_size=3),
)
def test_resource_id_functions_never_raise(function: str, kind: str, names: list[str]) -> None:
    """Any type-like text, however malformed, gives an id or a diagnostic (never a crash)."""
    arguments = ["'/scope'"] if function == "extensionResourceId" else []
    arguments += [f"'{kind}'", *(f"'{name}'" for name in names)]
    evaluator = _evaluator()
    value = evaluator.evaluate(f"[{function}({', '.join(arguments)})]")
    assert isinstance(value, str) or evaluator.diagnostics
