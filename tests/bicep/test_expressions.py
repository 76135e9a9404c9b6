"""ARM expressions translated to Bicep: references, operators, interpolation, loops, names."""

from __future__ import annotations

import pytest

from armc.emit.bicep_code import TranslationError, code
from armc.emit.bicep_expressions import Translator
from armc.emit.bicep_references import Scope, Symbol

VNET = Symbol(
    "vnet:core", "coreVnet", "Microsoft.Network/virtualNetworks", "2024-05-01", False, False
)
NIC = Symbol("nic:a", "aNic", "Microsoft.Network/networkInterfaces", "2024-05-01", False, False)
LOOP = Symbol("vm:x", "vms", "Microsoft.Compute/virtualMachines", "2024-11-01", True, False)


def translator(**loops: str) -> Translator:
    scope = Scope(
        parameters={
            "env": "env",
            "count": "count",
            "name": "name",
            "resourcegroup": "resourceGroup",
        },
        variables={"prefix": "prefix"},
        resources={
            ("microsoft.network/virtualnetworks", ("core",)): VNET,
            ("microsoft.network/networkinterfaces", ("a",)): NIC,
            ("microsoft.compute/virtualmachines", ("x",)): LOOP,
        },
        declared=frozenset({"env", "count", "name", "prefix", "resourceGroup", "coreVnet", "aNic"}),
        loops=dict(loops),
        current="nic:a",
    )
    return Translator(scope)


def bicep(expression: str, **loops: str) -> str:
    return code(translator(**loops).expression(expression)).text


@pytest.mark.parametrize(
    ("arm", "expected"),
    [
        ("[parameters('env')]", "env"),
        ("[PARAMETERS('Env')]", "env"),
        ("[variables('prefix')]", "prefix"),
        ("[resourceId('Microsoft.Network/virtualNetworks', 'core')]", "coreVnet.id"),
        ("[resourceId('microsoft.network/VIRTUALNETWORKS', 'CORE')]", "coreVnet.id"),
        (
            "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'core', 'web')]",
            "resourceId('Microsoft.Network/virtualNetworks/subnets', coreVnet.name, 'web')",
        ),
        (
            "[reference(resourceId('Microsoft.Network/virtualNetworks', 'core'), '2024-05-01')"
            ".subnets[0].id]",
            "coreVnet.properties.subnets[0].id",
        ),
        (
            "[reference(resourceId('Microsoft.Network/virtualNetworks', 'core'), '2024-05-01', "
            "'Full').location]",
            "coreVnet.location",
        ),
        (
            "[reference(resourceId('Microsoft.Network/virtualNetworks', 'core'), '2020-01-01')]",
            "reference(coreVnet.id, '2020-01-01')",
        ),
        (
            "[resourceId('Microsoft.Network/networkInterfaces', 'a')]",
            "resourceId('Microsoft.Network/networkInterfaces', 'a')",
        ),
        (
            "[resourceId('Microsoft.Compute/virtualMachines', 'x')]",
            "resourceId('Microsoft.Compute/virtualMachines', 'x')",
        ),
        ("[equals(parameters('env'), 'prod')]", "env == 'prod'"),
        ("[not(equals(parameters('env'), 'prod'))]", "!(env == 'prod')"),
        (
            "[and(greater(parameters('count'), 1), less(parameters('count'), 5), true())]",
            "(count > 1) && (count < 5) && true",
        ),
        ("[or(equals(1, 1), and(true, false))]", "(1 == 1) || (true && false)"),
        ("[and(or(true, false), true)]", "(true || false) && true"),
        ("[mul(add(1, 2), 3)]", "(1 + 2) * 3"),
        ("[sub(5, sub(3, 1))]", "5 - (3 - 1)"),
        ("[if(equals(parameters('env'), 'prod'), 3, 1)]", "(env == 'prod') ? 3 : 1"),
        ("[format('web-{0}-{1}', parameters('env'), 7)]", "'web-${env}-7'"),
        ("[format('{{literal}} {0}', parameters('env'))]", "'{literal} ${env}'"),
        ("[format('{0:D3}', parameters('count'))]", "format('{0:D3}', count)"),
        ("[concat('vm-', parameters('name'), '-nic')]", "'vm-${name}-nic'"),
        ("[concat(parameters('name'), variables('prefix'))]", "concat(name, prefix)"),
        ("[concat(variables('prefix'), 0)]", "'${prefix}0'"),
        ("[concat(variables('prefix'), -1)]", "'${prefix}-1'"),
        ("[concat('a', format('{0}b', parameters('env')))]", "'a${env}b'"),
        ("[toLower(parameters('name'))]", "toLower(name)"),
        ("[UNIQUESTRING(resourceGroup().id)]", "uniqueString(az.resourceGroup().id)"),
        ("[createArray(1, 'two')]", "[1, 'two']"),
        ("[createObject('a', 1, 'b-c', 'd')]", "{ a: 1, 'b-c': 'd' }"),
        ("[json('null')]", "null"),
        ("[json('{\"a\": 1}')]", "json('{\"a\": 1}')"),
        ("[parameters('name')['odd-key'].inner]", "name['odd-key'].inner"),
        ("[string(-1)]", "string(-1)"),
        ("[sub(0, -1)]", "0 - (-1)"),
        ("[copyIndex()]", "i"),
        ("[copyIndex(1)]", "i + 1"),
        ("[copyIndex('disks', 2)]", "j + 2"),
        ("[format('it''s {0}', copyIndex())]", "'it\\'s ${i}'"),
    ],
)
def test_translation(arm: str, expected: str) -> None:
    assert bicep(arm, **{"": "i", "disks": "j"}) == expected


def test_references_are_recorded_for_dependencies() -> None:
    t = translator()
    t.expression("[resourceId('Microsoft.Network/virtualNetworks/subnets', 'core', 'web')]")
    t.expression("[resourceId('Microsoft.Network/networkInterfaces', 'a')]")  # itself: no
    t.expression("[parameters('env')]")
    assert t.references == {"vnet:core"}


@pytest.mark.parametrize(
    ("arm", "message"),
    [
        ("[parameters('missing')]", "unknown parameter"),
        ("[variables(parameters('env'))]", "literal name"),
        ("[copyIndex('nowhere')]", "outside its copy loop"),
        ("[concat(", "invalid ARM expression"),
        ("[if(true, 1)]", "three arguments"),
    ],
)
def test_what_bicep_cannot_say_is_an_error(arm: str, message: str) -> None:
    with pytest.raises(TranslationError, match=message):
        bicep(arm)
