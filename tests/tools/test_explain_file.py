"""`armc explain FILE --dependency A B` and `armc explain FILE --resource NAME`."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from armc.cli import cli
from tests.tools.helpers import ROOT

MINIMAL = "samples/minimal-linux.armc"


def explain(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["explain", *args])
    return result.exit_code, result.output


@pytest.fixture(autouse=True)
def at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def test_direct_dependency_names_the_property_and_line() -> None:
    code, text = explain(MINIMAL, "--dependency", "app-nic", "core")
    assert code == 0, text
    assert text.splitlines() == [
        "nic:app-nic depends on vnet:core directly:",
        "  samples/minimal-linux.armc:13:10: reference at "
        "properties.ipConfigurations[0].properties.subnet.id",
        "      13 |   subnet core.app",
        "         |          ^^^^^^^^",
    ]


def test_indirect_and_reverse_dependencies() -> None:
    code, text = explain(MINIMAL, "--dependency", "vm:app", "core")
    assert code == 0
    assert "vm:app depends on vnet:core indirectly: vm:app -> nic:app-nic -> vnet:core" in text
    code, text = explain(MINIMAL, "--dependency", "core", "vm:app")
    assert code == 0
    assert "vnet:core does not depend on vm:app; vm:app depends on vnet:core" in text


def test_unknown_resource_gets_a_suggestion() -> None:
    code, text = explain(MINIMAL, "--dependency", "ap", "core")
    assert code == 2
    assert "no resource 'ap'; did you mean 'app'?" in text


def test_resource_expansion_and_defaults(golden: object) -> None:
    code, text = explain(MINIMAL, "--resource", "app")
    assert code == 0, text
    golden("tools/explain-minimal-app.txt", text)  # type: ignore[operator]
    assert "expands to 2 resource(s):" in text
    assert (
        'properties.hardwareProfile.vmSize = "Standard_B2s"    <- line 11: size Standard_B2s'
        in (text)
    )
    assert "properties.diagnosticsProfile.bootDiagnostics.enabled = true    <- default" in text


def test_arm_template_dependency_with_evaluated_names() -> None:
    code, text = explain(
        "tests/arm/fixtures/classic.json", "--dependency", "demo-vnet/default", "demo-vnet"
    )
    assert code == 0, text
    assert "parent/child at (resource)" in text
    assert "tests/arm/fixtures/classic.json:34:25: dependsOn at dependsOn[0]" in text


def test_rule_explanation_still_works() -> None:
    code, text = explain("AZS001")
    assert code == 0
    assert text.startswith("AZS001 ")


def test_a_size_request_explains_its_choice() -> None:
    code, text = explain("samples/workloads.armc", "--resource", "db")
    assert code == 0, text
    why = [line.strip() for line in text.splitlines() if line.strip().startswith("why ")]
    assert len(why) == 1
    assert why[0].startswith(
        "why properties.hardwareProfile.vmSize: 'memory 8vcpu 64gb' is Standard_E8s_v5 "
        "(8 vCPU, 64 GiB): the cheapest of"
    )
    assert "westeurope" in why[0]
    code, text = explain(MINIMAL, "--resource", "app")
    assert "why " not in text  # a size given by name needs no explanation
