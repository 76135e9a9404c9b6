"""`armc cost` and `armc cost diff`: formats, budgets, exit codes, git revisions."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from armc.cli import cli
from tests.conftest import Golden

TEMPLATES = Path(__file__).parent / "templates"
EASTUS = TEMPLATES / "eastus-vmss-lb.json"
PARAMS = TEMPLATES / "eastus-vmss-lb.parameters.json"


def _run(*args: str) -> tuple[int, str]:
    runner = CliRunner()
    result = runner.invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.output


@pytest.mark.parametrize("format_", ["table", "markdown", "json"])
def test_formats_are_pinned(format_: str, golden: Golden) -> None:
    code, out = _run("cost", str(EASTUS), "--parameters", str(PARAMS), "--format", format_)
    assert code == 0
    golden.check(f"cost/eastus-vmss-lb.{format_}", out.replace(str(TEMPLATES), "TEMPLATES"))


def test_json_has_the_documented_fields() -> None:
    code, out = _run("cost", str(EASTUS), "--parameters", str(PARAMS), "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert data["total_monthly_usd"] == "309.75"
    vmss = next(r for r in data["resources"] if r["name"] == "workers")
    assert vmss["type"] == "Microsoft.Compute/virtualMachineScaleSets"
    assert vmss["sku"] == "Standard_B2s"
    assert vmss["monthly_usd"] == "128.925"
    assert vmss["lines"][0]["unit_usd"] == "0.0416" and vmss["lines"][0]["quantity"] == "2190"
    assert vmss["lines"][0]["as_of"] == "2026-08-17"


def test_several_files_and_the_estimate_alias() -> None:
    files = [
        str(TEMPLATES / "westeurope-linux-copy.json"),
        str(TEMPLATES / "australiaeast-bastion.json"),
    ]
    code, out = _run("cost", "estimate", *files, "--format", "json")
    assert code == 0
    assert json.loads(out)["total_monthly_usd"] == "476.09"  # 337.3872 + 138.70
    assert json.loads(out)["unpriced_count"] == 3


def test_budget_flag_and_configuration(tmp_path: Path) -> None:
    code, out = _run("cost", str(EASTUS), "--budget", "300")
    assert code == 0 and "$266.77" in out  # capacity 2 without the parameters file
    code, out = _run("cost", str(EASTUS), "--parameters", str(PARAMS), "--budget", "300")
    assert code == 1 and "over the budget $300.00" in out
    shutil.copy(EASTUS, tmp_path / "main.json")
    (tmp_path / ".armc.toml").write_text("[budget]\nmonthly_usd = 100\n", encoding="utf-8")
    code, _ = _run("cost", str(tmp_path / "main.json"))
    assert code == 1


def test_input_errors_exit_2(tmp_path: Path) -> None:
    code, out = _run("cost", str(tmp_path / "missing.json"))
    assert code == 2 and "no such file" in out
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    assert _run("cost", str(bad))[0] == 2
    catalog = tmp_path / "catalog.json"
    catalog.write_text('{"format": "x"}', encoding="utf-8")
    code, out = _run("cost", str(EASTUS), "--catalog", str(catalog))
    assert code == 2 and "catalog" in out


def test_directories_skip_json_that_is_not_a_template(tmp_path: Path) -> None:
    shutil.copy(EASTUS, tmp_path / "main.json")
    shutil.copy(PARAMS, tmp_path / "main.parameters.json")
    (tmp_path / "metadata.json").write_text('{"itemDisplayName": "x"}', encoding="utf-8")
    code, out = _run("cost", str(tmp_path), "--format", "json")
    assert code == 0, out
    assert json.loads(out)["total_monthly_usd"] == "266.77"  # defaults: capacity 2
    code, out = _run("cost", str(tmp_path / "metadata.json"))
    assert code == 2 and "not an ARM template" in out
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    code, out = _run("cost", str(tmp_path))
    assert code == 2 and "broken.json" in out


def test_own_catalog(tmp_path: Path) -> None:
    pages = sorted((Path(__file__).parent / "fixtures" / "api").glob("*.json"))
    catalog = tmp_path / "mine.json"
    _run("prices", "import", *map(str, pages), "-o", str(catalog), "--as-of", "2026-11-25")
    code, out = _run(
        "cost",
        str(TEMPLATES / "westeurope-linux-copy.json"),
        "--catalog",
        str(catalog),
        "--format",
        "json",
    )
    data = json.loads(out)
    assert code == 0
    assert data["catalog"]["as_of"] == "2026-11-25"
    web = next(r for r in data["resources"] if r["name"] == "web-0")
    assert web["status"] == "partial"  # VM and P10 priced; E15 and S30 are not in that catalog


def test_diff_of_two_files(tmp_path: Path, golden: Golden) -> None:
    head = tmp_path / "head.json"
    document = json.loads(EASTUS.read_text(encoding="utf-8"))
    document["resources"][0]["sku"]["name"] = "Standard_D2s_v5"  # the scale set grows
    del document["resources"][2]  # legacy-ip removed
    head.write_text(json.dumps(document), encoding="utf-8")
    code, out = _run("cost", "diff", str(EASTUS), str(head), "--format", "markdown")
    assert code == 0
    golden.check("cost/diff.markdown", out)
    code, out = _run("cost", "diff", str(EASTUS), str(head), "--format", "json")
    data = json.loads(out)
    # 2 × (0.096 - 0.0416) × 730 = 79.424; minus the Basic dynamic IP 2.92
    assert data["delta_monthly_usd"] == "76.50"
    assert [(r["change"], r["name"]) for r in data["resources"]] == [
        ("changed", "workers"),
        ("removed", "legacy-ip"),
    ]


def test_diff_needs_two_files() -> None:
    assert _run("cost", "diff", str(EASTUS))[0] == 2


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_diff_against_a_git_revision(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    git("init", "-q")
    git("config", "user.email", "t@example.invalid")
    git("config", "user.name", "t")
    target = tmp_path / "infra" / "main.json"
    target.parent.mkdir()
    shutil.copy(TEMPLATES / "australiaeast-bastion.json", target)
    git("add", ".")
    git("commit", "-qm", "base")
    document = json.loads(target.read_text(encoding="utf-8"))
    document["resources"][0]["location"] = "westeurope"  # no Bastion price there
    target.write_text(json.dumps(document), encoding="utf-8")
    (tmp_path / "infra" / "new.json").write_text(
        (TEMPLATES / "northeurope-windows.json").read_text(encoding="utf-8"), encoding="utf-8"
    )
    git("add", "infra/new.json")
    monkeypatch.chdir(tmp_path)
    code, out = _run("cost", "diff", "--git-base", "HEAD", "--format", "json")
    assert code == 0, out
    data = json.loads(out)
    changes = {(r["change"], r["name"]) for r in data["resources"]}
    assert ("changed", "ops") in changes
    assert {("added", "win"), ("added", "win-ahub"), ("added", "batch")} <= changes
    assert data["base_total_monthly_usd"] == "138.70"
    assert data["head_total_monthly_usd"] == "619.53"
    code, out = _run("cost", "diff", "--git-base", "HEAD", "infra/main.json")
    assert code == 0 and "delta -$138.70" in out
