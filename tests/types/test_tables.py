"""The generated type tables: coverage of armc's resource kinds, lookup by apiVersion, layout."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from armc.types import tables
from armc.types.tables import DATA, entries, lookup, package

ARMC_KINDS = [
    "Microsoft.Compute/virtualMachines",
    "Microsoft.Compute/virtualMachineScaleSets",
    "Microsoft.Compute/disks",
    "Microsoft.Compute/availabilitySets",
    "Microsoft.Compute/virtualMachines/extensions",
    "Microsoft.Compute/virtualMachineScaleSets/extensions",
    "Microsoft.Network/networkInterfaces",
    "Microsoft.Network/publicIPAddresses",
    "Microsoft.Network/virtualNetworks",
    "Microsoft.Network/virtualNetworks/subnets",
    "Microsoft.Network/networkSecurityGroups",
    "Microsoft.Network/networkSecurityGroups/securityRules",
    "Microsoft.Network/loadBalancers",
    "Microsoft.Network/bastionHosts",
    "Microsoft.Network/natGateways",
    "Microsoft.KeyVault/vaults",
    "Microsoft.KeyVault/vaults/secrets",
    "Microsoft.Storage/storageAccounts",
    "Microsoft.ManagedIdentity/userAssignedIdentities",
]
"""The resource types armc models (issue 11, point 3), plus the identities its VMs use."""


@pytest.mark.parametrize("kind", ARMC_KINDS)
def test_every_kind_armc_models_is_covered(kind: str) -> None:
    found = entries(kind.lower())
    assert found, kind
    assert all(e.type == kind for e in found)
    root = package(found[-1].package).model(found[-1].model)
    assert root is not None and root.properties


def test_each_entry_names_its_package_version_and_api_version() -> None:
    entry = lookup("Microsoft.Compute/virtualMachines", "2026-04-01")
    assert entry is not None
    assert entry.package == "azure-mgmt-compute"
    assert entry.package_version == tables.index()["packages"]["azure-mgmt-compute"]["version"]
    assert entry.source == (
        f"Microsoft.Compute/virtualMachines@{entry.api_version} "
        f"(azure-mgmt-compute {entry.package_version})"
    )


def test_lookup_takes_the_newest_table_not_newer_than_the_template() -> None:
    versions = [e.api_version for e in entries("microsoft.storage/storageaccounts")]
    assert versions == sorted(versions) and len(versions) > 5
    picked = lookup("Microsoft.Storage/storageAccounts", "2015-06-15")
    assert picked is not None and picked.api_version == "2015-06-15"
    between = lookup("Microsoft.Storage/storageAccounts", "2020-03-01")
    assert between is not None and between.api_version < "2020-03-01"
    oldest = lookup("Microsoft.Storage/storageAccounts", "2010-01-01")
    assert oldest is not None and oldest.api_version == versions[0]
    preview = lookup("Microsoft.Storage/storageAccounts", "2015-06-15-preview")
    assert preview is not None and preview.api_version == "2015-06-15"
    assert lookup("Microsoft.Contoso/widgets", "2024-01-01") is None


def test_read_only_required_and_enum_flags_come_through() -> None:
    entry = lookup("Microsoft.Compute/virtualMachines", "2026-04-01")
    assert entry is not None
    pkg = package(entry.package)
    vm = pkg.model(entry.model)
    assert vm is not None
    props = pkg.model(vm.properties["properties"].spec[1])
    assert props is not None
    assert props.properties["vmid"].read_only and props.properties["provisioningstate"].read_only
    assert not props.properties["storageprofile"].read_only
    os_disk = pkg.model("OSDisk")
    assert os_disk is not None and os_disk.properties["createoption"].required
    caching = os_disk.properties["caching"].spec
    assert caching[0] == "enum"
    enum = pkg.enum(caching[1])
    assert enum is not None and enum.extensible and "ReadWrite" in enum.values
    hardware = pkg.model("HardwareProfile")
    assert hardware is not None
    assert hardware.properties["vmsize"].spec == "string"  # a frozen catalogue, not an enum


def test_old_msrest_tables_unflatten_properties() -> None:
    entry = lookup("Microsoft.Storage/storageAccounts", "2015-06-15")
    assert entry is not None
    pkg = package(entry.package)
    root = pkg.model(entry.model)
    assert root is not None
    inner = pkg.model(root.properties["properties"].spec[1])
    assert inner is not None and "accounttype" in inner.properties


def test_data_files_are_canonical() -> None:
    """Sorted JSON, and gzip members without a timestamp: regeneration is byte-identical."""
    text = (DATA / "index.json").read_text(encoding="utf-8")
    index = json.loads(text)
    assert text == json.dumps(index, sort_keys=True, indent=1) + "\n"
    for info in index["packages"].values():
        raw = (DATA / info["file"]).read_bytes()
        assert raw[4:8] == b"\0\0\0\0", info["file"]  # gzip MTIME
        data = gzip.decompress(raw)
        assert data == json.dumps(json.loads(data), sort_keys=True, separators=(",", ":")).encode()


def test_importing_the_rules_reads_no_table() -> None:
    code = (
        "import armc.rules.validation.types_unknown_property, armc.types.tables as t, sys;"
        "print(t.index.cache_info().currsize, 'armc.types.check' in sys.modules)"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.split() == ["0", "False"]


def test_regenerating_gives_the_committed_tables(tmp_path: Path) -> None:
    pytest.importorskip("azure.mgmt.compute", reason="the Azure SDKs are not installed")
    root = Path(__file__).resolve().parents[2]
    index = json.loads((DATA / "index.json").read_text(encoding="utf-8"))
    current = {k: v for k, v in index["packages"].items() if "==" not in k}
    import importlib.metadata

    for dist, info in current.items():
        try:
            installed = importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            pytest.skip(f"{dist} is not installed")
        if installed != info["version"]:
            pytest.skip(f"{dist} {installed} is installed, the tables are from {info['version']}")
    tool = root / "tools" / "generate_types.py"
    run = [sys.executable, str(tool), "--no-legacy", "--out", str(tmp_path)]
    subprocess.run(run, check=True, capture_output=True, env={**os.environ, "PYTHONHASHSEED": "7"})
    for info in current.values():
        assert (tmp_path / info["file"]).read_bytes() == (DATA / info["file"]).read_bytes()
