"""Cost of backup: vaults and policies are free; each protected VM is unpriced (the catalog has
no protected-instance fee for the vault's region) with its backup storage as a usage line."""

from __future__ import annotations

from pathlib import Path

from armc.cost.catalog import default_catalog
from armc.cost.estimate import LoadRequest, estimate_files
from armc.cost.model import ResourceCost

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "no-schema" / "backup.armc"


def test_backup_sample() -> None:
    catalog = default_catalog()
    estimate = estimate_files([SAMPLE], catalog, request=LoadRequest(region="westeurope"))
    by_type: dict[str, list[ResourceCost]] = {}
    for resource in estimate.resources:
        by_type.setdefault(resource.type.lower(), []).append(resource)
    assert [r.status for r in by_type["microsoft.recoveryservices/vaults"]] == ["free"]
    items = by_type[
        "microsoft.recoveryservices/vaults/backupfabrics/protectioncontainers/protecteditems"
    ]
    assert len(items) == 2
    for item in items:
        assert item.unpriced == [
            "the catalog has no Azure Backup protected-instance price in westeurope"
        ]
        assert [line.unit for line in item.lines] == ["GB"]
