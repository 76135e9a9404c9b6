"""Disks and encryption: provisioned performance, shared disks, ephemeral OS disks, disk
encryption sets with customer-managed keys."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import compile_text, diagnostics_of
from hypothesis import given
from hypothesis import strategies as st

HEAD = """
param admin_key: string
param vault_id: string
param key_url: string
vnet core 10.0.0.0/16 {
  subnet app 10.0.1.0/24
}
des cmk key key_url vault vault_id
"""


def vm(*settings: str, name: str = "app", kind: str = "vm") -> str:
    body = "\n  ".join(("image ubuntu-24.04", "subnet core.app", *settings))
    return f"{kind} {name} {{\n  {body}\n  admin azureuser ssh admin_key\n}}\n"


def resources(text: str) -> dict[str, dict[str, Any]]:
    return {r.key: r.body for r in compile_text(HEAD + text).resources}


def errors(text: str) -> list[tuple[str, str]]:
    return [(d.code, d.message) for d in diagnostics_of(HEAD + text)]


def test_disk_encryption_set() -> None:
    found = resources("")
    des = found["des:cmk"]
    assert des["type"] == "Microsoft.Compute/diskEncryptionSets"
    assert des["identity"] == {"type": "SystemAssigned"}
    assert des["properties"] == {
        "activeKey": {
            "sourceVault": {"id": "[parameters('vault_id')]"},
            "keyUrl": "[parameters('key_url')]",
        },
        "encryptionType": "EncryptionAtRestWithCustomerKey",
        "rotationToLatestKeyVersionEnabled": False,
    }


def test_vm_disks_use_the_encryption_set() -> None:
    template = compile_text(HEAD + vm("disk-encryption cmk", "data-disk premium 128"))
    resource = next(r for r in template.resources if r.key == "vm:app")
    storage = resource.body["properties"]["storageProfile"]
    expected = {"id": "[resourceId('Microsoft.Compute/diskEncryptionSets', 'cmk')]"}
    assert storage["osDisk"]["managedDisk"]["diskEncryptionSet"] == expected
    assert storage["dataDisks"][0]["managedDisk"]["diskEncryptionSet"] == expected
    assert "des:cmk" in {d.target for d in resource.dependencies}


def test_provisioned_performance_shares_and_cmk_on_a_disk() -> None:
    found = resources(
        "disk fast premium-v2 512 zones(1) iops 12000 mbps 400\n"
        "disk shared premium 256 {\n  max-shares 2\n  encryption cmk\n}\n"
    )
    fast = found["disk:fast"]["properties"]
    assert (fast["diskIOPSReadWrite"], fast["diskMBpsReadWrite"]) == (12000, 400)
    shared = found["disk:shared"]["properties"]
    assert shared["maxShares"] == 2
    assert shared["encryption"] == {
        "type": "EncryptionAtRestWithCustomerKey",
        "diskEncryptionSetId": "[resourceId('Microsoft.Compute/diskEncryptionSets', 'cmk')]",
    }


def test_ephemeral_os_disk() -> None:
    found = resources(vm("size Standard_D4ds_v5", "os-disk ephemeral cache", "spot delete"))
    os_disk = found["vm:app"]["properties"]["storageProfile"]["osDisk"]
    assert os_disk["diffDiskSettings"] == {"option": "Local", "placement": "CacheDisk"}
    assert os_disk["caching"] == "ReadOnly"
    assert "diskSizeGB" not in os_disk


@given(st.integers(min_value=3000, max_value=80000))
def test_any_iops_within_the_premium_v2_limits(iops: int) -> None:
    found = resources(f"disk fast premium-v2 200 iops {iops}\n")
    assert found["disk:fast"]["properties"]["diskIOPSReadWrite"] == iops


@pytest.mark.parametrize(
    ("text", "code", "fragment"),
    [
        ("disk d premium 128 iops 5000\n", "DSL311", "premium-v2 and ultra disks, not premium"),
        ("disk d premium-v2 10 iops 6000\n", "DSL311", "3000 to 5000 IOPS"),
        ("disk d premium-v2 512 iops 90000\n", "DSL311", "3000 to 80000 IOPS"),
        ("disk d premium-v2 512 iops 4000 mbps 1500\n", "DSL311", "125 to 1000 MB/s"),
        ("disk d ultra 4 iops 2000\n", "DSL311", "100 to 1200 IOPS"),
        ("disk d premium 128 {\n  max-shares 2\n}\n", "DSL311", "needs 256 GiB or more"),
        ("disk d standard-hdd 512 {\n  max-shares 2\n}\n", "DSL311", "cannot be shared"),
        ("disk d premium 512 {\n  max-shares 20\n}\n", "DSL311", "1 to 15"),
        (
            "disk d premium 512\n" + vm("attach d") + vm("attach d", name="b"),
            "DSL311",
            "shared by at most 1",
        ),
        ("disk d premium 512\n" + vm("attach d", name="web[2]"), "DSL311", "attached to 2 VMs"),
        ("disk d premium 512 {\n  encryption nope\n}\n", "DSL201", "undefined des 'nope'"),
        (vm("disk-encryption nope"), "DSL201", "undefined des 'nope'"),
        (vm("os-disk ephemeral", "spot"), "DSL311", "use 'spot delete'"),
        (vm("os-disk ephemeral", "disk-encryption cmk"), "DSL311", "encryption-at-host"),
        (vm("os-disk ephemeral floppy"), "DSL311", "not an ephemeral OS disk placement"),
        ("des other key key_url\n", "DSL106", "needs 'key KEY_URL' and 'vault VAULT_ID'"),
    ],
)
def test_misuse_is_an_error(text: str, code: str, fragment: str) -> None:
    found = errors(text)
    assert any(c == code and fragment in m for c, m in found), found
