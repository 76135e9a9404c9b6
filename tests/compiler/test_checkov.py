"""secure-baseline.armc passes every checkov ARM check that applies to it.

checkov is never a dependency: it runs from a separate venv named by $ARMC_CHECKOV (the path
of its `checkov` executable) or found on PATH; without it the test skips."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from armc.cli import cli

ROOT = Path(__file__).resolve().parents[2]


def checkov() -> str:
    found = os.environ.get("ARMC_CHECKOV") or shutil.which("checkov")
    if not found:
        pytest.skip("checkov is not installed (set ARMC_CHECKOV to its executable)")
    return found


def test_secure_baseline_has_no_failed_checkov_checks(tmp_path: Path) -> None:
    executable = checkov()
    sample = ROOT / "samples" / "secure-baseline.armc"
    result = CliRunner().invoke(cli, ["build", str(sample), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    command = [
        executable,
        "--framework",
        "arm",
        "--skip-download",
        "--output",
        "json",
        "-f",
        str(tmp_path / "secure-baseline.json"),
    ]
    run = subprocess.run(command, capture_output=True, text=True, timeout=600)
    report = json.loads(run.stdout)
    summary = report["summary"]
    failed = [c["check_id"] for c in report["results"]["failed_checks"]]
    assert summary["passed"] > 0
    assert failed == []
