"""`armc` / `python -m armc` end through `armc.cli.run`: exit codes and output as `main()`
gives them, with no interpreter teardown (`os._exit` after flushing)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import armc.cli

TEMPLATE = {
    "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
    "contentVersion": "1.0.0.0",
    "resources": [],
    "outputs": {"x": {"type": "string", "value": "[resourceId('Microsoft.Web/')]"}},
}


def _armc(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "armc", *args], capture_output=True, text=True, check=False
    )


def test_exit_codes_and_report_file(tmp_path: Path) -> None:
    template = tmp_path / "t.json"
    template.write_text(json.dumps(TEMPLATE), encoding="utf-8")
    report = tmp_path / "out" / "report.json"
    report.parent.mkdir()
    run = _armc("lint", str(template), "--format", "json", "-o", str(report))
    assert run.returncode == 0, run.stderr
    codes = [d["code"] for d in json.loads(report.read_text(encoding="utf-8"))["diagnostics"]]
    assert codes == ["ARM208"]  # an evaluation error, not an internal error (exit 3)
    assert _armc("lint", str(template), "--fail-on", "warning").returncode == 1
    missing = _armc("lint", str(tmp_path / "nope.json"))
    assert missing.returncode == 2 and "IO001" in missing.stderr
    version = _armc("--version")
    assert version.returncode == 0 and version.stdout.startswith("armc, version")


def test_text_and_none_exit_codes(monkeypatch: pytest.MonkeyPatch, capsys: Any) -> None:
    exits: list[int] = []
    monkeypatch.setattr(sys, "gettrace", lambda: None)
    monkeypatch.setattr(sys, "getprofile", lambda: None)
    monkeypatch.setattr(os, "_exit", exits.append)
    for raised, expected in ((SystemExit("bad"), 1), (SystemExit(None), 0), (SystemExit(2), 2)):

        def fake_main(raised: SystemExit = raised) -> None:
            raise raised

        monkeypatch.setattr(armc.cli, "main", fake_main)
        armc.cli.run()
        assert exits[-1] == expected
    assert "bad" in capsys.readouterr().err


def test_a_tracer_gets_a_normal_exit(monkeypatch: pytest.MonkeyPatch) -> None:
    """coverage and cProfile write their results at interpreter exit: no os._exit then."""
    monkeypatch.setattr(sys, "gettrace", lambda: print)
    monkeypatch.setattr(os, "_exit", lambda code: pytest.fail("os._exit under a tracer"))
    monkeypatch.setattr(armc.cli, "main", lambda: sys.exit(4))
    with pytest.raises(SystemExit) as raised:
        armc.cli.run()
    assert raised.value.code == 4
