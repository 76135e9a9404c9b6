"""The `resource` escape hatch gives a resource the default location only where its type
takes one: the type tables decide; for a type they do not describe, a few well-known
extension types and every child type get none; `location none` and `location EXPR` say it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import compile_text, diagnostics_of

from armc.cli import cli
from armc.dsl.raw_location import takes_location
from armc.importer import import_file

PEERING = "Microsoft.Network/virtualNetworks/virtualNetworkPeerings@2024-05-01"
TWO_VNETS = "vnet a 10.0.0.0/16\nvnet b 10.1.0.0/16\n"


def location_of(type_at: str, name: str = "x", body: str = "properties { }") -> object:
    text = f'resource "{type_at}" {name} {{\n  {body}\n}}\n'
    (resource,) = compile_text(text).resources
    return resource.body.get("location", None)


@pytest.mark.parametrize(
    ("type_at", "name", "expected"),
    [
        (PEERING, "a/b", None),  # the tables: no location
        ("Microsoft.Network/virtualNetworks/subnets@2024-05-01", "a/s", None),
        ("Microsoft.Network/networkSecurityGroups@2024-05-01", "n", "[parameters('location')]"),
        (
            "Microsoft.Compute/virtualMachines/extensions@2024-11-01",
            "vm/e",
            "[parameters('location')]",
        ),
        ("Microsoft.Authorization/roleAssignments@2022-04-01", "r", None),  # well known
        ("Microsoft.Foo/bars@2024-01-01", "b", "[parameters('location')]"),  # unknown top-level
        ("Microsoft.Foo/bars/bazs@2024-01-01", "b/z", None),  # unknown child
    ],
)
def test_the_type_decides(type_at: str, name: str, expected: object) -> None:
    assert location_of(type_at, name) == expected


def test_a_location_clause_wins() -> None:
    assert location_of("Microsoft.Foo/bars@2024-01-01", "b", "location none") is None
    assert location_of(PEERING, "a/b", 'location "westus"') == "westus"


def test_location_none_is_only_for_a_resource() -> None:
    found = [(d.code, d.message) for d in diagnostics_of("pip p {\n  location none\n}\n")]
    assert ("DSL311", "only a 'resource' can be without a location ('location none')") in found


def test_a_parameter_named_none_is_a_location() -> None:
    text = 'param none: string = "westus"\nresource "Microsoft.Foo/bars@2024-01-01" b {\n'
    (resource,) = compile_text(text + "  location none\n}\n").resources
    assert resource.body["location"] == "[parameters('none')]"


def test_takes_location_reads_the_tables_at_the_api_version() -> None:
    assert takes_location("microsoft.network/virtualnetworks", "2015-06-15")
    assert not takes_location(
        "Microsoft.Network/virtualNetworks/virtualNetworkPeerings", "2020-01-01"
    )


def test_no_unknown_location_finding_on_the_escape_hatch(tmp_path: Path) -> None:
    source = tmp_path / "peer.armc"
    source.write_text(
        TWO_VNETS + f'resource "{PEERING}" a/to-b {{\n'
        "  properties { remoteVirtualNetwork: { id: b.id }, allowVirtualNetworkAccess: true }\n"
        "}\n"
    )
    result = CliRunner().invoke(cli, ["lint", str(source), "--format", "json"])
    assert "AZV100" not in result.output, result.output


def test_import_says_location_none_where_the_build_would_add_one(tmp_path: Path) -> None:
    template = {
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "parameters": {"location": {"type": "string", "defaultValue": "westeurope"}},
        "resources": [
            {"type": "Microsoft.Foo/bars", "apiVersion": "2024-01-01", "name": "b"},
            {
                "type": "Microsoft.Foo/bars/bazs",
                "apiVersion": "2024-01-01",
                "name": "b/z",
                "location": "[parameters('location')]",
            },
        ],
    }
    path = tmp_path / "t.json"
    path.write_text(json.dumps(template))
    result, _ = import_file(path)
    assert result is not None
    assert "  location none\n" in result.text
    assert "  location location\n" in result.text
    built = {r.name: r.body for r in compile_text(result.text).resources}
    assert "location" not in built["b"]
    assert built["b/z"]["location"] == "[parameters('location')]"


INNER = """param n: string = "x"
resource "Microsoft.Resources/deployments@2022-09-01" d {
  properties {
    mode: "Incremental"
    expressionEvaluationOptions: { scope: "SCOPE" }
    parameters: { n: { value: n } }
    template: {
      resources: [{ name: "[parameters('n')]", location: "[[literal]" }]
    }
  }
}
"""


def test_an_inner_scope_template_is_written_as_is() -> None:
    (resource,) = compile_text(INNER.replace("SCOPE", "inner")).resources
    assert "location" not in resource.body
    properties = resource.body["properties"]
    assert properties["parameters"] == {"n": {"value": "[parameters('n')]"}}
    inner = properties["template"]["resources"][0]
    assert inner == {"name": "[parameters('n')]", "location": "[[literal]"}
    (outer,) = compile_text(INNER.replace("SCOPE", "outer")).resources
    assert outer.body["properties"]["template"]["resources"][0]["name"] == "[[parameters('n')]"
