"""The lint flow end to end: collect files, check them in parallel, baseline, render."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from armc.analysis.batch import run_batch
from armc.analysis.files import collect_files
from armc.analysis.pipeline import finish
from armc.report.render import FORMATS
from tests.analysis.batch_work import check_file
from tests.analysis.helpers import arm, public_ip, render

SECRET = "Plant3d-Secret-Value"


def _write(root: Path, count: int) -> None:
    for index in range(count):
        resources = [public_ip(f"ip{index}")]
        parameters = {
            "location": {"type": "string"},
            "pw": {"type": "securestring", "defaultValue": SECRET},
        }
        text, _ = render(arm(resources, parameters=parameters))
        path = root / f"t{index:02}" / "azuredeploy.json"
        path.parent.mkdir(parents=True)
        path.write_text(text, encoding="utf-8")


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path / "infra", 12)
    return [p.as_posix() for p in collect_files(["infra"]).files]


def test_parallel_lint_matches_sequential_and_is_sorted(files: list[str]) -> None:
    parallel = run_batch(check_file, files, jobs=3, threshold=4, stream=io.StringIO())
    sequential = [check_file(path) for path in files]
    assert finish(parallel).text == finish(sequential).text
    outcome = finish(parallel, format="json")
    document = json.loads(outcome.text)
    locations = [(d["location"]["file"], d["location"]["line"]) for d in document["diagnostics"]]
    assert locations == sorted(locations)
    assert {d["code"] for d in document["diagnostics"]} == {"AZP001", "AZR002", "AZS002"}
    assert document["summary"]["total"] == 36


def test_baseline_round_trip(files: list[str], tmp_path: Path) -> None:
    reports = [check_file(path) for path in files]
    baseline = tmp_path / "baseline.json"
    written = finish(reports, write_baseline_to=baseline)
    assert len(written.diagnostics) == 36 and baseline.is_file()
    again = finish(reports, baseline=baseline)
    assert again.diagnostics == [] and again.baselined == 36
    assert again.text == "12 files checked: 0 errors, 0 warnings, 0 infos\n"


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_secret_in_any_format_of_a_multi_file_run(files: list[str], fmt: str) -> None:
    reports = [check_file(path) for path in files]
    assert any(SECRET in (r.source.text if r.source else "") for r in reports)
    assert SECRET not in finish(reports, format=fmt).text
