"""Bootstrapping: custom data and scripts read at compile time (never outside the .armc file's
tree), the Custom Script extension, guest attestation and auto-shutdown schedules."""

from __future__ import annotations

import base64
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from armc.diagnostics import CompileError
from armc.dsl import compile_file
from armc.source import SourceRegistry

HEAD = """
param admin_key: string
param admin_password: secure string
vnet core 10.0.0.0/16 {
  subnet app 10.0.1.0/24
}
"""


def vm(*settings: str, kind: str = "vm", image: str = "ubuntu-24.04") -> str:
    admin = (
        "admin winadmin password admin_password"
        if image.startswith("windows")
        else "admin azureuser ssh admin_key"
    )
    body = "\n  ".join((f"image {image}", "subnet core.app", *settings, admin))
    return f"{kind} app {{\n  {body}\n}}\n"


def build(folder: Path, text: str) -> dict[str, dict[str, Any]]:
    path = folder / "main.armc"
    path.write_text(HEAD + text, encoding="utf-8")
    return {r.key: r.body for r in compile_file(path, SourceRegistry()).resources}


def errors(folder: Path, text: str) -> list[tuple[str, str]]:
    with pytest.raises(CompileError) as caught:
        build(folder, text)
    return [(d.code, d.message) for d in caught.value.diagnostics]


def test_custom_data_is_the_file_in_base64(tmp_path: Path) -> None:
    (tmp_path / "boot").mkdir()
    (tmp_path / "boot" / "init.yaml").write_bytes(b"#cloud-config\npackages: [nginx]\n")
    found = build(tmp_path, vm('custom-data "boot/init.yaml"'))
    data = found["vm:app"]["properties"]["osProfile"]["customData"]
    assert base64.b64decode(data) == b"#cloud-config\npackages: [nginx]\n"
    scale_set = build(tmp_path, vm('custom-data "boot/init.yaml"', kind="vmss"))
    profile = scale_set["vmss:app"]["properties"]["virtualMachineProfile"]
    assert profile["osProfile"]["customData"] == data


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=2048))
def test_any_bytes_round_trip(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "data.bin").write_bytes(content)
    found = build(tmp_path, vm('custom-data "data.bin"'))
    assert base64.b64decode(found["vm:app"]["properties"]["osProfile"]["customData"]) == content


def test_custom_script_from_a_file_is_protected(tmp_path: Path) -> None:
    (tmp_path / "setup.sh").write_bytes(b"#!/bin/sh\necho hi\n")
    found = build(tmp_path, vm('script "setup.sh"'))
    extension = found["ext:app/custom-script"]
    assert extension["type"] == "Microsoft.Compute/virtualMachines/extensions"
    properties = extension["properties"]
    assert (properties["publisher"], properties["type"]) == (
        "Microsoft.Azure.Extensions",
        "CustomScript",
    )
    assert properties["settings"] == {}
    assert base64.b64decode(properties["protectedSettings"]["script"]) == b"#!/bin/sh\necho hi\n"


def test_command_on_windows(tmp_path: Path) -> None:
    text = vm('command ("powershell -File c:\\\\setup.ps1 " + "x")', image="windows-2022")
    properties = build(tmp_path, text)["ext:app/custom-script"]["properties"]
    assert properties["type"] == "CustomScriptExtension"
    assert properties["protectedSettings"] == {
        "commandToExecute": "powershell -File c:\\setup.ps1 x"
    }


def test_guest_attestation_and_auto_shutdown(tmp_path: Path) -> None:
    found = build(tmp_path, vm("guest-attestation", "auto-shutdown 1930"))
    attestation = found["ext:app/GuestAttestation"]["properties"]
    assert attestation["publisher"] == "Microsoft.Azure.Security.LinuxAttestation"
    schedule = found["schedule:shutdown-computevm-app"]
    assert schedule["type"] == "Microsoft.DevTestLab/schedules"
    assert schedule["properties"]["dailyRecurrence"] == {"time": "1930"}
    assert schedule["properties"]["timeZoneId"] == "UTC"
    assert schedule["properties"]["targetResourceId"].endswith("'app')]")


def test_a_file_outside_the_tree_is_refused(tmp_path: Path) -> None:
    inner = tmp_path / "project"
    inner.mkdir()
    (tmp_path / "secret.txt").write_text("x")
    found = errors(inner, vm('custom-data "../secret.txt"'))
    assert (
        "DSL311",
        "custom data '../secret.txt' is outside the directory of the .armc file",
    ) in found
    found = errors(inner, vm(f'custom-data "{tmp_path / "secret.txt"}"'))
    assert any("must be relative" in m for _, m in found)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_a_symlink_out_of_the_tree_is_refused(tmp_path: Path) -> None:
    inner = tmp_path / "project"
    inner.mkdir()
    (tmp_path / "secret.txt").write_text("x")
    (inner / "link.txt").symlink_to(tmp_path / "secret.txt")
    found = errors(inner, vm('script "link.txt"'))
    assert any("outside the directory" in m for _, m in found)


@pytest.mark.parametrize(
    ("text", "code", "fragment"),
    [
        (vm('custom-data "missing.yaml"'), "DSL111", "cannot read custom data"),
        (vm('custom-data "."'), "DSL111", "not a file"),
        (vm("custom-data admin_key"), "DSL311", "read at compile time"),
        (vm('custom-data "big.bin"'), "DSL311", "at most 65535"),
        (vm('script "setup.sh"', 'command "./x"'), "DSL311", "not both"),
        (vm('script "setup.sh"', "extensions off"), "DSL311", "remove 'extensions off'"),
        (vm('script "setup.sh"', image="windows-2022"), "DSL311", "on Windows use 'command'"),
        (vm('script "setup.sh"', kind="vmss"), "DSL107", "only supported on a vm"),
        (vm("guest-attestation", "trusted-launch off"), "DSL311", "needs Trusted Launch"),
        (vm("guest-attestation", kind="vmss"), "DSL107", "only supported on a vm"),
        (vm("auto-shutdown 2460"), "DSL311", "not a time of day"),
        (vm("auto-shutdown 7pm"), "DSL311", "not a time of day"),
        (vm("auto-shutdown 1900", kind="vmss"), "DSL107", "only supported on a vm"),
    ],
)
def test_misuse_is_an_error(tmp_path: Path, text: str, code: str, fragment: str) -> None:
    (tmp_path / "setup.sh").write_text("#!/bin/sh\n")
    (tmp_path / "big.bin").write_bytes(b"x" * 65536)
    found = errors(tmp_path, text)
    assert any(c == code and fragment in m for c, m in found), found


DCR = """
param workspace_id: string
dcr logs workspace workspace_id {
  performance 30
  syslog
  events
}
"""


def test_monitor_installs_the_agent_and_associates_the_rule(tmp_path: Path) -> None:
    found = build(tmp_path, DCR + vm("identity system", "monitor logs"))
    rule = found["dcr:logs"]["properties"]
    assert [s["name"] for s in rule["dataSources"]["performanceCounters"]] == ["performance"]
    assert rule["dataSources"]["performanceCounters"][0]["samplingFrequencyInSeconds"] == 30
    assert set(rule["dataSources"]) == {"performanceCounters", "syslog", "windowsEventLogs"}
    assert rule["destinations"]["logAnalytics"][0]["workspaceResourceId"] == (
        "[parameters('workspace_id')]"
    )
    assert rule["dataFlows"][0]["streams"] == [
        "Microsoft-Perf",
        "Microsoft-Syslog",
        "Microsoft-Event",
    ]
    agent = found["ext:app/AzureMonitorLinuxAgent"]["properties"]
    assert (agent["publisher"], agent["enableAutomaticUpgrade"]) == (
        "Microsoft.Azure.Monitor",
        True,
    )
    association = found["dcra:app-logs"]
    assert association["scope"] == "[format('Microsoft.Compute/virtualMachines/{0}', 'app')]"
    assert association["properties"]["dataCollectionRuleId"].endswith("'logs')]")


@pytest.mark.parametrize(
    ("text", "code", "fragment"),
    [
        (DCR + vm("monitor logs"), "DSL311", "managed identity"),
        (DCR + vm("identity system", "monitor nothing"), "DSL201", "undefined dcr 'nothing'"),
        (
            DCR + vm("identity system", "monitor logs", "extensions off"),
            "DSL311",
            "remove 'extensions off'",
        ),
        (DCR + vm("identity system", "monitor logs", kind="vmss"), "DSL107", "only supported"),
        ("dcr empty workspace x\n", "DSL311", "collects nothing"),
        ("dcr slow workspace x {\n  performance 5\n}\n", "DSL311", "10 to 1800 seconds"),
        ("dcr lost {\n  syslog\n}\n", "DSL106", "needs 'workspace ID'"),
    ],
)
def test_monitor_misuse_is_an_error(tmp_path: Path, text: str, code: str, fragment: str) -> None:
    found = errors(tmp_path, text)
    assert any(c == code and fragment in m for c, m in found), found
