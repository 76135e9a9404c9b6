"""Edge cases of the model: conditions, unknown counts, ephemeral and unmanaged disks, tiers,
SKUs with no charge, and what is reported instead of guessed."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from armc.cost import disks
from armc.cost.catalog import default_catalog
from armc.cost.estimate import estimate_files
from armc.cost.model import ResourceCost, usd

SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"
H = Decimal(730)
UBUNTU = {
    "publisher": "Canonical",
    "offer": "ubuntu-24_04-lts",
    "sku": "server",
    "version": "latest",
}


def _price(tmp_path: Path, resources: list[dict[str, Any]], **params: Any) -> list[ResourceCost]:
    document = {
        "$schema": SCHEMA,
        "contentVersion": "1.0.0.0",
        "parameters": {
            k: {"type": type(v).__name__ if not isinstance(v, bool) else "bool", "defaultValue": v}
            for k, v in params.items()
        },
        "resources": resources,
    }
    path = tmp_path / "t.json"
    path.write_text(json.dumps(document).replace('"type": "str"', '"type": "string"'))
    return estimate_files([path], default_catalog()).resources


def _vm(name: str = "vm", **properties: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "hardwareProfile": {"vmSize": "Standard_D2s_v5"},
        "storageProfile": {
            "imageReference": UBUNTU,
            "osDisk": {
                "createOption": "FromImage",
                "managedDisk": {"storageAccountType": "Premium_LRS"},
            },
        },
    }
    body.update(properties)
    return {
        "type": "Microsoft.Compute/virtualMachines",
        "apiVersion": "2024-07-01",
        "name": name,
        "location": "eastus",
        "properties": body,
    }


@pytest.mark.parametrize(
    ("prefix", "size", "tier"),
    [
        ("P", 1, ("P1", 4)),
        ("P", 4, ("P1", 4)),
        ("P", 5, ("P2", 8)),
        ("P", 100, ("P10", 128)),
        ("P", 128, ("P10", 128)),
        ("P", 129, ("P15", 256)),
        ("E", 1000, ("E30", 1024)),
        ("S", 1, ("S4", 32)),
        ("S", 32767, ("S80", 32767)),
        ("S", 32768, None),
    ],
)
def test_tiers_round_up(prefix: str, size: int, tier: tuple[str, int] | None) -> None:
    assert disks.tier_for(prefix, size) == tier


def test_previous_tier() -> None:
    assert disks.previous_tier("P", 129) == ("P10", 128)
    assert disks.previous_tier("P", 128) == ("P6", 64)
    assert disks.previous_tier("S", 20) is None


def test_conditions(tmp_path: Path) -> None:
    off = {**_vm("off"), "condition": "[parameters('deploy')]"}
    maybe = {**_vm("maybe"), "condition": "[equals(reference('x').y, 1)]"}
    costs = _price(tmp_path, [off, maybe], deploy=False)
    assert [c.name for c in costs] == ["maybe"]
    assert "deployed only when its condition holds (not known)" in costs[0].notes


def test_unknown_values_are_unpriced(tmp_path: Path) -> None:
    size = _vm("size", hardwareProfile={"vmSize": "[reference('x').size]"})
    loop = {
        **_vm("[concat('n', copyIndex())]"),
        "copy": {"name": "l", "count": "[reference('x').n]"},
    }
    costs = {c.name: c for c in _price(tmp_path, [size, loop])}
    assert costs["size"].unpriced == ["the VM size is not known before deployment"]
    (looped,) = [c for c in costs.values() if c.name != "size"]
    assert looped.unpriced == ["the copy count is not known before deployment"]
    assert looped.monthly_usd == 0 and looped.status == "unpriced"


def test_disks_that_are_not_billed_here(tmp_path: Path) -> None:
    storage = {
        "imageReference": UBUNTU,
        "osDisk": {"createOption": "FromImage", "diffDiskSettings": {"option": "Local"}},
        "dataDisks": [
            {
                "lun": 0,
                "createOption": "Attach",
                "managedDisk": {"id": "[resourceId('Microsoft.Compute/disks', 'd')]"},
            },
            {
                "lun": 1,
                "createOption": "Empty",
                "diskSizeGB": 10,
                "vhd": {"uri": "https://x/y.vhd"},
            },
            {
                "lun": 2,
                "createOption": "Empty",
                "diskSizeGB": 10,
                "managedDisk": {"storageAccountType": "UltraSSD_LRS"},
            },
            {"lun": 3, "createOption": "Empty", "diskSizeGB": 10},
        ],
    }
    (cost,) = _price(tmp_path, [_vm(storageProfile=storage)])
    assert cost.monthly_usd == Decimal("0.096") * H  # the VM only
    assert cost.notes == ["ephemeral OS disk: no disk charge"]
    assert cost.unpriced == [
        "data disk 1: an unmanaged VHD in a storage account",
        "data disk 2: the catalog has no Ultra Disk prices in eastus",
        "data disk 3: the disk type is not set or not known",
    ]
    assert cost.status == "partial"


def test_network_resources_with_no_charge(tmp_path: Path) -> None:
    lb = {
        "type": "Microsoft.Network/loadBalancers",
        "apiVersion": "2024-05-01",
        "location": "eastus",
    }
    bastion = {
        "type": "Microsoft.Network/bastionHosts",
        "apiVersion": "2024-05-01",
        "location": "eastus",
    }
    costs = _price(
        tmp_path,
        [
            {**lb, "name": "basic"},
            {**lb, "name": "norules", "sku": {"name": "Standard"}, "properties": {}},
            {**lb, "name": "gw", "sku": {"name": "Gateway"}},
            {**bastion, "name": "dev", "sku": {"name": "Developer"}},
            {**bastion, "name": "std", "sku": {"name": "Standard"}},
        ],
    )
    status = {c.name: (c.status, c.monthly_usd) for c in costs}
    assert status == {
        "basic": ("free", 0),
        "norules": ("free", 0),
        "gw": ("unpriced", 0),
        "dev": ("free", 0),
        "std": ("unpriced", 0),
    }
    norules = next(c for c in costs if c.name == "norules")
    assert norules.lines[0].usage and norules.lines[0].unit_usd == Decimal("0.005")


def test_public_ip_variants(tmp_path: Path) -> None:
    ip = {
        "type": "Microsoft.Network/publicIPAddresses",
        "apiVersion": "2024-05-01",
        "location": "eastus",
    }
    costs = _price(
        tmp_path,
        [
            {**ip, "name": "global", "sku": {"name": "Standard", "tier": "Global"}},
            {
                **ip,
                "name": "v6",
                "sku": {"name": "Standard"},
                "properties": {"publicIPAddressVersion": "IPv6"},
            },
        ],
    )
    by_name = {c.name: c for c in costs}
    assert by_name["global"].monthly_usd == Decimal("0.01") * H
    assert by_name["v6"].unpriced == [
        "the catalog has no 'Standard IPv6 Static Public IP' price in eastus"
    ]


def test_licensed_images_and_plans_are_noted(tmp_path: Path) -> None:
    rhel = {"publisher": "RedHat", "offer": "RHEL", "sku": "9-lvm-gen2", "version": "latest"}
    vm = _vm(
        storageProfile={
            "imageReference": rhel,
            "osDisk": {
                "createOption": "FromImage",
                "diskSizeGB": 64,
                "managedDisk": {"storageAccountType": "StandardSSD_LRS"},
            },
        }
    )
    vm["plan"] = {"name": "x", "publisher": "y", "product": "z"}
    (cost,) = _price(tmp_path, [vm])
    assert cost.notes == [
        "the image's software licence (RHEL) is not priced",
        "the marketplace plan 'x' is not priced",
    ]
    assert cost.monthly_usd == Decimal("0.096") * H + Decimal("4.8")  # + E6 eastus


def test_money_is_shown_rounded_half_up() -> None:
    assert usd(Decimal("0.005")) == "$0.01"
    assert usd(Decimal("-1234.565")) == "-$1,234.57"
    assert usd(None) == "n/a"
