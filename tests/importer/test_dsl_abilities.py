"""The importer uses what the DSL gained for it: `name:` members for resources sharing an ARM
name, `tags (EXPR)` and `properties: EXPR` from object parameters, empty secure defaults."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from armc.importer import import_file
from armc.importer.roundtrip import compare_text

PIP = "Microsoft.Network/publicIPAddresses"
NIC = "Microsoft.Network/networkInterfaces"
TEMPLATE: dict[str, Any] = {
    "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
    "contentVersion": "1.0.0.0",
    "parameters": {
        "vmName": {"type": "string", "defaultValue": "vm"},
        "tags": {"type": "object"},
        "settings": {"type": "object", "defaultValue": {"publicIPAllocationMethod": "Static"}},
        "sasToken": {"type": "securestring", "defaultValue": ""},
    },
    "resources": [
        {
            "type": PIP,
            "apiVersion": "2020-06-01",
            "name": "[parameters('vmName')]",
            "location": "[resourceGroup().location]",
            "tags": "[parameters('tags')]",
            "properties": "[parameters('settings')]",
        },
        {
            "type": NIC,
            "apiVersion": "2020-06-01",
            "name": "[parameters('vmName')]",
            "location": "[resourceGroup().location]",
            "dependsOn": [f"[resourceId('{PIP}', parameters('vmName'))]"],
            "properties": {
                "ipConfigurations": [
                    {
                        "name": "ipconfig1",
                        "properties": {
                            "publicIPAddress": {
                                "id": f"[resourceId('{PIP}', parameters('vmName'))]"
                            },
                            "primaryConfig": "[empty(parameters('sasToken'))]",
                        },
                    }
                ]
            },
        },
    ],
}


def test_resources_sharing_an_arm_name_tags_and_properties_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "azuredeploy.json"
    path.write_text(json.dumps(TEMPLATE), encoding="utf-8")
    result, loaded = import_file(path)
    assert result is not None
    text = result.text
    assert f'resource "{NIC}@2020-06-01" vm-networkInterfaces {{\n  name: "vm"\n' in text
    assert "  tags tags\n" in text
    assert "  properties: settings\n" in text
    assert 'param sasToken: secure string = ""' in text
    assert compare_text(loaded, text, str(tmp_path / "out.armc")) == []
