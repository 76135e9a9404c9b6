"""Backup: a Recovery Services vault, VM backup policies and protected items."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import NETWORK, compile_text, diagnostics_of
from hypothesis import given
from hypothesis import strategies as st

VAULT = """
backup-vault vault {
  policy daily {
    time 0230
    retain-days 30
    retain-weeks 12
    retain-months 12
    retain-years 3
    instant-restore 2
    timezone "W. Europe Standard Time"
  }
  policy short
}
"""


def vm(*settings: str, name: str = "db", kind: str = "vm") -> str:
    body = "\n  ".join(("image ubuntu-24.04", "subnet core.web", *settings))
    return f"{kind} {name} {{\n  {body}\n  admin azureuser ssh admin_key\n}}\n"


def resources(text: str) -> dict[str, dict[str, Any]]:
    return {r.key: r.body for r in compile_text(NETWORK + text).resources}


def errors(text: str) -> list[tuple[str, str]]:
    return [(d.code, d.message) for d in diagnostics_of(NETWORK + text)]


def test_vault_policies_and_protected_item() -> None:
    found = resources(VAULT + vm("backup vault.daily"))
    assert found["backup-vault:vault"]["sku"] == {"name": "RS0", "tier": "Standard"}
    policy = found["backup-policy:vault/daily"]["properties"]
    assert policy["backupManagementType"] == "AzureIaasVM"
    assert policy["schedulePolicy"]["scheduleRunTimes"] == ["2024-01-01T02:30:00Z"]
    retention = policy["retentionPolicy"]
    assert retention["dailySchedule"]["retentionDuration"] == {"count": 30, "durationType": "Days"}
    assert retention["weeklySchedule"]["retentionDuration"]["count"] == 12
    assert retention["monthlySchedule"]["retentionDuration"]["count"] == 12
    assert retention["yearlySchedule"]["retentionDuration"]["count"] == 3
    assert policy["instantRpRetentionRangeInDays"] == 2
    assert policy["timeZone"] == "W. Europe Standard Time"
    defaults = found["backup-policy:vault/short"]["properties"]
    assert defaults["retentionPolicy"]["dailySchedule"]["retentionDuration"]["count"] == 30
    assert set(defaults["retentionPolicy"]) == {"retentionPolicyType", "dailySchedule"}
    item = next(v for k, v in found.items() if k.startswith("backup-item:"))
    assert "resourceGroup().name" in item["name"]
    assert item["properties"]["policyId"].endswith("'vault', 'daily')]")
    assert item["properties"]["sourceResourceId"].endswith("'db')]")


@given(st.integers(min_value=7, max_value=9999))
def test_any_daily_retention_in_range(days: int) -> None:
    text = f"backup-vault v {{\n  policy p {{\n    retain-days {days}\n  }}\n}}\n"
    policy = resources(text)["backup-policy:v/p"]["properties"]
    assert policy["retentionPolicy"]["dailySchedule"]["retentionDuration"]["count"] == days


@pytest.mark.parametrize(
    ("text", "code", "fragment"),
    [
        ("backup-vault v {\n  policy p {\n    retain-days 3\n  }\n}\n", "DSL311", "7 to 9999"),
        ("backup-vault v {\n  policy p {\n    retain-weeks 6000\n  }\n}\n", "DSL311", "1 to 5163"),
        ("backup-vault v {\n  policy p {\n    retain-years 100\n  }\n}\n", "DSL311", "1 to 99"),
        ("backup-vault v {\n  policy p {\n    instant-restore 6\n  }\n}\n", "DSL311", "1 to 5"),
        ("backup-vault v {\n  policy p {\n    time 0215\n  }\n}\n", "DSL311", "half hour"),
        ("backup-vault v {\n  policy p\n  policy p\n}\n", "DSL202", "declared twice"),
        (VAULT + vm("backup vault.weekly"), "DSL201", "undefined policy"),
        (VAULT + vm("backup nowhere.daily"), "DSL201", "undefined backup-vault"),
        (VAULT + vm("backup vault.daily", kind="vmss"), "DSL107", "protects VMs"),
    ],
)
def test_misuse_is_an_error(text: str, code: str, fragment: str) -> None:
    found = errors(text)
    assert any(c == code and fragment in m for c, m in found), found
