from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from armc.analysis.baseline import load_baseline, write_baseline
from armc.analysis.run import analyse
from armc.diagnostics import CompileError
from tests.analysis.helpers import arm, build, public_ip

DOC = arm([public_ip("a"), public_ip("b")], parameters={"location": {"type": "string"}})


def _lint(doc: dict[str, object]) -> list:
    template, _ = build(doc, file="infra/main.json")
    return analyse(template)


def test_baseline_hides_known_findings_and_reports_new_ones(tmp_path: Path) -> None:
    path = tmp_path / "armc-baseline.json"
    known = _lint(DOC)
    assert len(known) == 2
    write_baseline(path, known)
    baseline = load_baseline(path)
    assert baseline.filter(known) == ([], 2)

    edited = copy.deepcopy(DOC)
    edited["resources"].insert(0, public_ip("new"))  # shifts every line and index
    edited["parameters"]["unused"] = {"type": "string"}
    new, matched = baseline.filter(_lint(edited))
    assert matched == 2
    assert sorted(d.code for d in new) == ["AZP001", "AZR002"]
    assert any("public IP 'new'" in d.message for d in new)


def test_baseline_counts_occurrences(tmp_path: Path) -> None:
    found = _lint(DOC)
    path = tmp_path / "b.json"
    write_baseline(path, found[:1])
    new, matched = load_baseline(path).filter(found + found[:1])
    assert matched == 1 and len(new) == 2


def test_baseline_file_is_sorted_and_stable(tmp_path: Path) -> None:
    one, two = tmp_path / "1.json", tmp_path / "2.json"
    write_baseline(one, _lint(DOC))
    write_baseline(two, list(reversed(_lint(DOC))))
    assert one.read_text() == two.read_text()
    document = json.loads(one.read_text())
    assert document["version"] == 1
    assert {e["file"] for e in document["findings"]} == {"infra/main.json"}


@pytest.mark.parametrize(
    "content",
    [
        "not json",
        '{"version": 99, "findings": []}',
        '{"version": 1, "findings": [{"x": 1}]}',
        '{"version": 1, "findings": 3}',
    ],
)
def test_malformed_baselines_are_input_errors(tmp_path: Path, content: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CompileError) as info:
        load_baseline(path)
    assert info.value.diagnostics[0].code == "ARMC005"


def test_missing_baseline_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(CompileError, match="cannot read baseline"):
        load_baseline(tmp_path / "absent.json")
