"""Messages people thank you for: did-you-mean hints, shown with the source line and a caret."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from armc.cli import cli
from armc.dsl.regions import region_hint, regions

NETWORK = """\
param key: string
vnet core 10.0.0.0/16 {
  subnet app 10.0.1.0/24
}
"""

CASES = [
    # (source, the message, the hint)
    (
        "vm a {\n  sise Standard_B2s\n  image ubuntu-24.04\n  subnet core.app\n"
        "  admin azureuser ssh key\n}\n",
        "6:3: error[DSL105]: unknown vm setting 'sise'",
        "did you mean 'size'?",
    ),
    (
        "vm a {\n  image ubuntu-24.04\n  subnet cor.app\n  admin azureuser ssh key\n}\n",
        "7:10: error[DSL201]: undefined vnet 'cor'",
        "did you mean 'core'?",
    ),
    (
        "vm a {\n  size standard_b2s\n  image ubuntu-24.04\n  subnet core.app\n"
        "  admin azureuser ssh key\n}\n",
        "6:8: error[DSL306]: unknown VM size 'standard_b2s'",
        "did you mean 'Standard_B2s'?",
    ),
    (
        "vm a {\n  image ubuntu-24.4\n  subnet core.app\n  admin azureuser ssh key\n}\n",
        "6:9: error[DSL305]: unknown image 'ubuntu-24.4'",
        "did you mean 'ubuntu-24.04'?",
    ),
    (
        "location westeurop\n",
        "5:10: error[DSL311]: unknown region 'westeurop'",
        "did you mean 'westeurope'?",
    ),
    (
        "vnet other 10.1.0.0/16 {\n  location eastu2\n}\n",
        "6:12: error[DSL311]: unknown region 'eastu2'",
        "did you mean 'eastus2'?",
    ),
]


@pytest.mark.parametrize(("tail", "message", "hint"), CASES, ids=lambda c: str(c)[:20])
def test_text_diagnostic_has_source_caret_and_hint(
    tail: str, message: str, hint: str, tmp_path: Path
) -> None:
    path = tmp_path / "app.armc"
    path.write_text(NETWORK + tail, encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", "--stdout", str(path)])
    assert result.exit_code == 2
    text = result.output
    assert f"{path}:{message}" in text
    assert f"hint: {hint}" in text
    line_number = int(message.split(":")[0])
    source_line = (NETWORK + tail).splitlines()[line_number - 1]
    assert f"{line_number:>5} | {source_line}" in text
    column = int(message.split(":")[1])
    caret_line = next(
        line for line in text.splitlines() if line.strip().startswith("| ") and "^" in line
    )
    assert caret_line.index("^") - caret_line.index("|") - 2 == column - 1


def test_regions() -> None:
    assert "westeurope" in regions()
    assert region_hint("westeurope") is None
    assert region_hint("West Europe") is None
    assert region_hint("[parameters('location')]") is None
    assert region_hint("mars") is None  # far from every region: maybe a new one, no error
    assert region_hint("northeurop") == "did you mean 'northeurope'?"


def test_region_from_a_parameter_or_string_is_not_checked(tmp_path: Path) -> None:
    path = tmp_path / "app.armc"
    path.write_text(
        'param where: string = "westeurop"\nvnet a 10.0.0.0/16 {\n  location where\n}\n'
        'vnet b 10.1.0.0/16 {\n  location "West Europe"\n}\n',
        encoding="utf-8",
    )
    assert CliRunner().invoke(cli, ["build", "--stdout", str(path)]).exit_code == 0
