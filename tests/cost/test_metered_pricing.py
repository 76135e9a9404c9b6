"""The pricing paths of what language v2 builds: Premium SSD v2 and Ultra disks (capacity,
IOPS, throughput), dedicated hosts, private DNS zones, NAT and VPN gateways and Backup.

Disks, hosts and DNS zones use the shipped catalog (real prices, see data/prices/); NAT, VPN
and Backup have no shipped price, so their paths are checked with a catalog of the test's own
(`FIXTURE`: made-up unit prices, never shipped) and with the shipped one (unpriced)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from armc.cost.catalog import Catalog, PriceEntry, default_catalog
from armc.cost.estimate import estimate_files
from armc.cost.model import ResourceCost
from armc.cost.provisioned import ultra_billed_size

SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"
H = Decimal(730)
FIXTURE_SOURCE = "test fixture (not a real price)"
BACKUP_ITEM = "Microsoft.RecoveryServices/vaults/backupFabrics/protectionContainers/protectedItems"


def _entry(service: str, region: str, sku: str, meter: str, unit: str, usd: str) -> PriceEntry:
    return PriceEntry(
        service, region, sku, "", "payg", meter, unit, Decimal(usd), "2026-01-01", FIXTURE_SOURCE
    )


FIXTURE = Catalog(
    [
        *default_catalog().entries,
        _entry("nat-gateway", "global", "Standard", "Standard Gateway", "1 Hour", "0.5"),
        _entry("nat-gateway", "global", "Standard", "Standard Data Processed", "1 GB", "0.25"),
        _entry("vpn-gateway", "westeurope", "VpnGw1AZ", "VpnGw1AZ", "1 Hour", "2"),
        _entry("backup", "westeurope", "Azure VM", "Azure VM Protected Instance", "1/Month", "7"),
        _entry("bastion", "westeurope", "Standard", "Standard Gateway", "1 Hour", "0.3"),
        _entry("bastion", "westeurope", "Standard", "Standard Additional Gateway", "1 Hour", "0.2"),
    ]
)


def _price(
    tmp_path: Path, resources: list[dict[str, Any]], catalog: Catalog | None = None
) -> dict[str, ResourceCost]:
    document = {"$schema": SCHEMA, "contentVersion": "1.0.0.0", "resources": resources}
    path = tmp_path / "t.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    estimate = estimate_files([path], default_catalog() if catalog is None else catalog)
    return {c.name: c for c in estimate.resources}


def _disk(name: str, sku: str, size: int | None, **performance: int) -> dict[str, Any]:
    properties: dict[str, Any] = {"creationData": {"createOption": "Empty"}, **performance}
    if size is not None:
        properties["diskSizeGB"] = size
    return {
        "type": "Microsoft.Compute/disks",
        "apiVersion": "2024-03-02",
        "name": name,
        "location": "westeurope",
        "sku": {"name": sku},
        "zones": ["1"],
        "properties": properties,
    }


# --- Premium SSD v2 and Ultra ----------------------------------------------------------------


def test_premium_ssd_v2_bills_capacity_and_what_is_above_the_free_baseline(tmp_path: Path) -> None:
    costs = _price(
        tmp_path,
        [
            _disk("big", "PremiumV2_LRS", 100, diskIOPSReadWrite=5000, diskMBpsReadWrite=200),
            _disk("base", "PremiumV2_LRS", 100, diskIOPSReadWrite=3000, diskMBpsReadWrite=125),
            _disk("unset", "PremiumV2_LRS", 100),
        ],
    )
    big = costs["big"]
    assert [(line.unit, line.quantity, line.unit_usd) for line in big.lines] == [
        ("GiB-hours", 100 * H, Decimal("0.00013")),
        ("IOPS-hours", 2000 * H, Decimal("0.000008")),
        ("MBps-hours", 75 * H, Decimal("0.000065")),
    ]
    assert big.monthly_usd == Decimal("9.49") + Decimal("11.68") + Decimal("3.55875")
    assert big.status == "priced"
    # at the baseline only the capacity is billed
    assert costs["base"].monthly_usd == Decimal("9.49") and len(costs["base"].lines) == 1
    assert costs["unset"].monthly_usd == Decimal("9.49")
    assert costs["unset"].notes == [
        "disk: IOPS not set, the free 3,000 IOPS assumed",
        "disk: MB/s not set, the free 125 MB/s assumed",
    ]


def test_premium_ssd_v2_in_northeurope_uses_its_own_prices(tmp_path: Path) -> None:
    disk = _disk("ne", "PremiumV2_LRS", 10, diskIOPSReadWrite=3001, diskMBpsReadWrite=126)
    disk["location"] = "northeurope"
    cost = _price(tmp_path, [disk])["ne"]
    assert cost.monthly_usd == H * (
        10 * Decimal("0.00011") + Decimal("0.000007") + Decimal("0.000055")
    )


def test_ultra_bills_its_billed_size_and_every_iops_and_mbps(tmp_path: Path) -> None:
    ultra = _disk("u", "UltraSSD_LRS", 600, diskIOPSReadWrite=1000, diskMBpsReadWrite=10)
    cost = _price(tmp_path, [ultra])["u"]
    assert [(line.quantity, line.unit_usd) for line in cost.lines] == [
        (1024 * H, Decimal("0.000213")),  # 600 GiB is billed as 1 TiB
        (1000 * H, Decimal("0.000088")),
        (10 * H, Decimal("0.000572")),
    ]
    assert "600 GiB → billed as 1024 GiB" in cost.lines[0].description


def test_ultra_without_iops_or_throughput_is_unpriced_for_that_part(tmp_path: Path) -> None:
    cost = _price(tmp_path, [_disk("u", "UltraSSD_LRS", 64)])["u"]
    assert cost.status == "partial"
    assert cost.monthly_usd == 64 * H * Decimal("0.000213")
    assert cost.unpriced == [
        "disk: the provisioned IOPS is not set or not known before deployment",
        "disk: the provisioned MB/s is not set or not known before deployment",
    ]


def test_provisioned_disks_are_never_borrowed_from_another_region(tmp_path: Path) -> None:
    disk = _disk("e", "PremiumV2_LRS", 10)
    disk["location"] = "eastus"
    assert _price(tmp_path, [disk])["e"].unpriced == [
        "disk: the catalog has no Premium SSD v2 prices in eastus"
    ]
    unknown = _disk("s", "PremiumV2_LRS", None)
    unknown["properties"]["diskSizeGB"] = "[reference('x').size]"
    assert _price(tmp_path, [unknown])["s"].unpriced == [
        "disk: the size is not known before deployment"
    ]


def test_a_vm_data_disk_on_premium_ssd_v2_is_priced_with_the_vm(tmp_path: Path) -> None:
    vm = {
        "type": "Microsoft.Compute/virtualMachines",
        "apiVersion": "2024-07-01",
        "name": "vm",
        "location": "westeurope",
        "properties": {
            "hardwareProfile": {"vmSize": "Standard_D4ds_v5"},
            "storageProfile": {
                "osDisk": {"createOption": "FromImage", "diffDiskSettings": {"option": "Local"}},
                "imageReference": {"publisher": "Canonical", "offer": "ubuntu", "sku": "server"},
                "dataDisks": [
                    {
                        "lun": 0,
                        "createOption": "Empty",
                        "diskSizeGB": 256,
                        "diskIOPSReadWrite": 4000,
                        "managedDisk": {"storageAccountType": "PremiumV2_LRS"},
                    }
                ],
            },
        },
    }
    cost = _price(tmp_path, [vm])["vm"]
    compute = Decimal("0.272") * H  # Standard_D4ds_v5 Linux westeurope
    disk = 256 * H * Decimal("0.00013") + 1000 * H * Decimal("0.000008")
    assert cost.monthly_usd == compute + disk
    assert "data disk 0: MB/s not set, the free 125 MB/s assumed" in cost.notes


@pytest.mark.parametrize(
    ("size", "billed"),
    [(1, 4), (4, 4), (5, 8), (100, 128), (512, 512), (513, 1024), (1024, 1024), (1025, 2048)],
)
def test_ultra_billing_ladder(size: int, billed: int) -> None:
    assert ultra_billed_size(size) == billed


@given(st.integers(min_value=1, max_value=65536))
def test_ultra_billed_size_is_the_smallest_step_that_holds_the_disk(size: int) -> None:
    billed = ultra_billed_size(size)
    assert billed >= size
    assert billed in (4, 8, 16, 32, 64, 128, 256, 512) or billed % 1024 == 0
    assert billed - size < max(billed // 2, 1024)


# --- dedicated hosts, private DNS --------------------------------------------------------------


def _host(sku: str, location: str = "westeurope", **properties: Any) -> dict[str, Any]:
    return {
        "type": "Microsoft.Compute/hostGroups/hosts",
        "apiVersion": "2024-07-01",
        "name": "group/host",
        "location": location,
        "sku": {"name": sku},
        "properties": {"platformFaultDomain": 0, **properties},
    }


def test_dedicated_hosts_are_billed_by_host_sku(tmp_path: Path) -> None:
    cost = _price(tmp_path, [_host("ESv5-Type1", licenseType="Windows_Server_Hybrid")])[
        "group/host"
    ]
    assert cost.monthly_usd == Decimal("8.026") * H
    assert cost.notes == ["host licence Windows_Server_Hybrid: software licences are not priced"]
    other = _price(tmp_path, [_host("DSv5-Type1", "eastus")])["group/host"]
    assert other.unpriced == ["the catalog has no dedicated host price for DSv5-Type1 in eastus"]
    missing = _price(tmp_path, [_host("FSv2-Type2")])["group/host"]
    assert missing.status == "unpriced"


def test_private_dns_zone_fee_is_global(tmp_path: Path) -> None:
    zone = {
        "type": "Microsoft.Network/privateDnsZones",
        "apiVersion": "2024-06-01",
        "name": "corp.internal",
        "location": "global",
    }
    cost = _price(tmp_path, [zone])["corp.internal"]
    assert cost.monthly_usd == Decimal("0.5")
    assert cost.lines[1].unit_usd == Decimal("0.4") and cost.lines[1].usage
    empty = _price(tmp_path, [zone], Catalog([]))["corp.internal"]
    assert empty.unpriced == ["the catalog has no private DNS zone price"]


# --- NAT, VPN, Backup: the paths, with a test catalog --------------------------------------------


def test_nat_gateway_hourly_plus_data_processed(tmp_path: Path) -> None:
    nat = {
        "type": "Microsoft.Network/natGateways",
        "apiVersion": "2024-05-01",
        "name": "nat",
        "location": "westeurope",
        "sku": {"name": "Standard"},
    }
    cost = _price(tmp_path, [nat], FIXTURE)["nat"]
    assert cost.monthly_usd == Decimal("0.5") * H and cost.status == "priced"
    processed = cost.lines[1]
    assert processed.usage and processed.unit_usd == Decimal("0.25")
    shipped = _price(tmp_path, [nat])["nat"]
    assert shipped.unpriced == ["the catalog has no NAT gateway price in westeurope"]


def test_bastion_scale_units_over_two_use_the_additional_gateway_meter(tmp_path: Path) -> None:
    bastion = {
        "type": "Microsoft.Network/bastionHosts",
        "apiVersion": "2024-05-01",
        "name": "b",
        "location": "westeurope",
        "sku": {"name": "Standard"},
        "properties": {"scaleUnits": 5},
    }
    cost = _price(tmp_path, [bastion], FIXTURE)["b"]
    assert cost.monthly_usd == Decimal("0.3") * H + 3 * Decimal("0.2") * H
    assert cost.lines[1].quantity == 3 * H
    shipped = _price(tmp_path, [bastion])["b"]
    assert shipped.unpriced == ["the catalog has no Bastion Standard price in westeurope"]


def test_vpn_gateway_hourly_by_sku(tmp_path: Path) -> None:
    def gateway(sku: str) -> dict[str, Any]:
        return {
            "type": "Microsoft.Network/virtualNetworkGateways",
            "apiVersion": "2024-05-01",
            "name": sku,
            "location": "westeurope",
            "properties": {"gatewayType": "Vpn", "sku": {"name": sku, "tier": sku}},
        }

    costs = _price(tmp_path, [gateway("VpnGw1AZ"), gateway("VpnGw2AZ")], FIXTURE)
    assert costs["VpnGw1AZ"].monthly_usd == 2 * H
    assert costs["VpnGw2AZ"].unpriced == [
        "the catalog has no Vpn gateway price for VpnGw2AZ in westeurope"
    ]


def test_backup_protected_item_needs_the_used_size(tmp_path: Path) -> None:
    item = {
        "type": BACKUP_ITEM,
        "apiVersion": "2024-04-01",
        "name": "v/Azure/c/vm",
        "location": "westeurope",
        "properties": {"protectedItemType": "Microsoft.Compute/virtualMachines"},
    }
    with_price = _price(tmp_path, [item], FIXTURE)["v/Azure/c/vm"]
    assert with_price.unpriced == [
        "the protected-instance band depends on the VM's used data size, known only after "
        "deployment"
    ]
    shipped = _price(tmp_path, [item])["v/Azure/c/vm"]
    assert shipped.unpriced == [
        "the catalog has no Azure Backup protected-instance price in westeurope"
    ]
