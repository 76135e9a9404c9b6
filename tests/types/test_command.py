"""`armc types list` and `armc types show`."""

from __future__ import annotations

import json

from click.testing import CliRunner

from armc.cli import cli


def test_list_names_every_covered_type_with_its_api_versions() -> None:
    result = CliRunner().invoke(cli, ["types", "list", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = {row["type"]: row for row in json.loads(result.output)}
    vm = rows["Microsoft.Compute/virtualMachines"]
    assert vm["api_versions"] == sorted(vm["api_versions"]) and "2015-06-15" in vm["api_versions"]
    assert any(p.startswith("azure-mgmt-compute ") for p in vm["packages"])
    table = CliRunner().invoke(cli, ["types", "list"])
    assert "Microsoft.KeyVault/vaults  " in table.output


def test_show_prints_the_property_tree_of_one_api_version() -> None:
    result = CliRunner().invoke(
        cli, ["types", "show", "Microsoft.Storage/storageAccounts@2015-06-15"]
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "Microsoft.Storage/storageAccounts@2015-06-15 (azure-mgmt-storage 19.1.0)",
        "location: string (required)",
        "properties: object",
        "  accountType: string",
        "tags: map of string",
    ]
    pip = CliRunner().invoke(cli, ["types", "show", "microsoft.network/publicipaddresses"])
    assert "  publicIPAllocationMethod: enum (Dynamic | Static)" in pip.output
    assert "  provisioningState: enum (" in pip.output and "(read-only)" in pip.output


def test_an_unknown_type_is_a_usage_error_with_a_suggestion() -> None:
    result = CliRunner().invoke(cli, ["types", "show", "Microsoft.Network/publicIPAdresses"])
    assert result.exit_code == 2
    assert "did you mean 'Microsoft.Network/publicIPAddresses'?" in result.output
