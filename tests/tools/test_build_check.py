"""`armc build --check`: stale, missing and fresh outputs, for ARM and Bicep targets."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from armc.cli import cli
from armc.staleness import stale_outputs
from tests.tools.helpers import ROOT

MINIMAL = (ROOT / "samples" / "minimal-linux.armc").read_text(encoding="utf-8")


def build(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["build", *args])
    return result.exit_code, result.output


@pytest.mark.parametrize(
    ("target", "outputs"),
    [
        ("arm", ["app.json", "app.parameters.json"]),
        ("both", ["app.bicep", "app.bicepparam", "app.json", "app.parameters.json"]),
    ],
)
def test_check_reports_missing_stale_and_fresh_outputs(
    tmp_path: Path, target: str, outputs: list[str]
) -> None:
    source = tmp_path / "app.armc"
    source.write_text(MINIMAL, encoding="utf-8")
    out = tmp_path / "out"
    code, text = build("--check", "--target", target, "-o", str(out), str(source))
    assert code == 1
    assert all(f"{out / name} is missing" in text for name in outputs)
    assert not out.exists()
    assert build("--target", target, "-o", str(out), str(source))[0] == 0
    assert sorted(p.name for p in out.iterdir()) == outputs
    code, text = build("--check", "--target", target, "-o", str(out), str(source))
    assert (code, f"{len(outputs)} output(s) up to date" in text) == (0, True)
    source.write_text(MINIMAL.replace("Standard_B2s", "Standard_D2s_v5"), encoding="utf-8")
    code, text = build("--check", "--target", target, "-o", str(out), str(source))
    assert code == 1
    assert f"{out / outputs[0]} is out of date" in text or f"{out / 'app.json'} is out" in text


def test_check_fails_on_compile_errors_like_build(tmp_path: Path) -> None:
    source = tmp_path / "bad.armc"
    source.write_text("vm x {\n", encoding="utf-8")
    assert build("--check", str(source))[0] == 2


def test_stale_outputs_compares_bytes(tmp_path: Path) -> None:
    same, other, missing = tmp_path / "a.json", tmp_path / "b.json", tmp_path / "c.json"
    same.write_text("{}\n", encoding="utf-8")
    other.write_text("{ }\n", encoding="utf-8")
    stale = stale_outputs({same: "{}\n", other: "{}\n", missing: "{}\n"})
    assert [(s.path.name, s.reason) for s in stale] == [
        ("b.json", "differs"),
        ("c.json", "missing"),
    ]
