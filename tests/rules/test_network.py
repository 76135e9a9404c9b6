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
