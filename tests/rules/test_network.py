"""References between network resources, resolved three ways."""

from __future__ import annotations

from armc.semantics.network import parse_resource_id, parse_resource_id_call


def test_resource_ids() -> None:
    text = (
        "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/core"
        "/subnets/web"
    )
    assert parse_resource_id(text) == ("microsoft.network/virtualnetworks/subnets", ["core", "web"])
    assert parse_resource_id("/subscriptions/0/resourceGroups/rg") is None


def test_resource_id_calls_with_literal_arguments() -> None:
    call = "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'core', 'web')]"
    assert parse_resource_id_call(call) == (
        "microsoft.network/virtualnetworks/subnets",
        ["core", "web"],
    )
    other_group = "[resourceId('rg-net', 'Microsoft.Network/networkSecurityGroups', 'web')]"
    assert parse_resource_id_call(other_group) == (
        "microsoft.network/networksecuritygroups",
        ["web"],
    )
    assert (
        parse_resource_id_call("[resourceId('Microsoft.Network/virtualNetworks', variables('v'))]")
        is None
    )
    wrong_count = "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'core')]"
    assert parse_resource_id_call(wrong_count) is None


def test_a_subnet_declared_inline_and_as_a_child_resource_is_one_subnet() -> None:
    from armc.analysis.run import analyse
    from armc.config import Config
    from tests.analysis.helpers import arm, build

    subnet = {"addressPrefix": "10.0.1.0/24"}
    resources = [
        {
            "type": "Microsoft.Network/virtualNetworks",
            "name": "core",
            "properties": {
                "addressSpace": {"addressPrefixes": ["10.0.0.0/16"]},
                "subnets": [{"name": "web", "properties": subnet}],
            },
        },
        {
            "type": "Microsoft.Network/virtualNetworks/subnets",
            "name": "core/web",
            "properties": subnet,
        },
    ]
    template, _ = build(arm(resources))
    assert analyse(template, config=Config(select=("subnet-overlap",))) == []
