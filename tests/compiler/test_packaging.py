"""The wheel carries the grammars and data, and a non-editable install compiles a sample."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    command = [
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "--quiet",
        "-w",
        str(out),
        str(ROOT),
    ]
    run = subprocess.run(command, capture_output=True, text=True)
    if run.returncode != 0:
        pytest.skip(f"cannot build a wheel here (no build backend?): {run.stderr[-500:]}")
    (path,) = out.glob("armc-*.whl")
    return path


def test_wheel_contains_grammars_templates_and_data(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    grammars = {p.name for p in (ROOT / "grammars").glob("*.lark")}
    assert {"armc.lark", "arm_expression.lark"} <= grammars
    for grammar in grammars:
        assert f"armc/grammars/{grammar}" in names
    assert "armc/emit/templates/arm/resource.json.j2" in names
    assert any(n.startswith("armc/data/") and n.endswith(".json") for n in names)


def test_non_editable_install_compiles_a_sample(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    install = [
        sys.executable,
        "-m",
        "pip",
        "install",
        "--no-deps",
        "--quiet",
        "--target",
        str(target),
        str(wheel),
    ]
    subprocess.run(install, check=True, capture_output=True)
    env = {**os.environ, "PYTHONPATH": str(target)}
    sample = ROOT / "samples" / "minimal-linux.armc"
    code = "import armc, sys; print(armc.__file__)"
    where = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    assert where.stdout.startswith(str(target))
    run = subprocess.run(
        [sys.executable, "-m", "armc", "build", str(sample), "--stdout"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    assert '"Microsoft.Compute/virtualMachines"' in run.stdout
