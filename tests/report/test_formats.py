from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from armc.diagnostics import Diagnostic, Severity
from armc.report import json_report, sarif
from armc.report.github import annotation
from armc.report.markdown import render_markdown
from armc.report.render import FORMATS, render
from armc.rules.registry import default_registry
from armc.source import Span
from tests.conftest import Golden
from tests.report.sample import CLEAN, RULES, SECRET, sample

ROOT = Path(__file__).resolve().parents[2]
EXTENSIONS = {
    "text": "txt",
    "json": "json",
    "sarif": "sarif",
    "github": "txt",
    "junit": "xml",
    "markdown": "md",
}


@pytest.fixture(autouse=True)
def _fixed_version(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(json_report, "__version__", "0.0.0-test")
    monkeypatch.setattr(sarif, "__version__", "0.0.0-test")


def _render(fmt: str) -> str:
    diagnostics, sources, secrets = sample()
    rules = [rule for rule in default_registry() if rule.id in RULES]
    return render(diagnostics, fmt, sources, rules, files=[CLEAN], secrets=secrets)


@pytest.mark.parametrize("fmt", FORMATS)
def test_golden(fmt: str, golden: Golden) -> None:
    golden.check(f"report/sample.{fmt}.{EXTENSIONS[fmt]}", _render(fmt))


@pytest.mark.parametrize("fmt", FORMATS)
def test_output_is_deterministic(fmt: str) -> None:
    assert _render(fmt) == _render(fmt)


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_secret_in_any_format(fmt: str) -> None:
    _, sources, _ = sample()
    assert any(SECRET in s.text for _, s in sources.items())  # the secret is in the input
    output = _render(fmt)
    assert SECRET not in output
    assert SECRET.lower() not in output.lower()
    assert json.dumps(SECRET)[1:-1] not in output


def test_sample_covers_the_features() -> None:
    diagnostics, _, _ = sample()
    codes = {d.code for d in diagnostics}
    assert {"AZS002", "AZS003", "AZS004", "AZR002", "AZP002", "ARMC004", "ARMC001"} <= codes
    assert any(d.fix and d.fix.edits for d in diagnostics)
    assert {d.severity for d in diagnostics} == set(Severity)


def test_sarif_is_valid_against_the_official_schema(shared_dir: Path) -> None:
    schema_path = shared_dir / "schemas-sarif" / "sarif-schema-2.1.0.json"
    if not schema_path.is_file():
        pytest.skip(f"the SARIF schema is absent: {schema_path}")
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    document = json.loads(_render("sarif"))
    jsonschema.Draft4Validator(schema).validate(document)


def test_sarif_content() -> None:
    document = json.loads(_render("sarif"))
    run = document["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    by_id = {r["id"]: r for r in rules}
    nsg = by_id["AZS003"]
    assert nsg["name"] == "nsg-open-management-port"
    assert nsg["defaultConfiguration"]["level"] == "error"
    assert nsg["properties"] == {
        "category": "security",
        "equivalents": ["CKV_AZURE_9", "CKV_AZURE_10"],
        "tags": ["security"],
        "security-severity": "8.0",
    }
    assert nsg["helpUri"].endswith("docs/rules/AZS003.md")
    assert by_id["GRAPH001"] == {"id": "GRAPH001", "name": "dependency-cycle"}
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert re.fullmatch(r"[0-9a-f]{32}", result["partialFingerprints"]["armc/v1"])
    fixed = [r for r in run["results"] if "fixes" in r]
    assert {r["ruleId"] for r in fixed} == {"AZS002", "AZP002", "AZR002"}
    region = run["results"][-1]["locations"][0]["physicalLocation"]["region"]
    assert set(region) == {"startLine", "startColumn", "endLine", "endColumn"}


def test_sarif_uris() -> None:
    assert sarif.artifact_uri("infra/my template.json") == "infra/my%20template.json"
    assert sarif.artifact_uri("/abs/t.json") == "file:///abs/t.json"
    assert sarif.artifact_uri("C:\\work\\t.json") == "file:///C%3A/work/t.json"
    assert sarif.artifact_uri("dir\\t.json") == "dir/t.json"


def test_json_report_matches_its_schema() -> None:
    schema = json.loads((ROOT / "schemas" / "armc-report.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    document = json.loads(_render("json"))
    jsonschema.Draft202012Validator(schema).validate(document)
    assert document["summary"]["total"] == len(document["diagnostics"])


def test_github_annotations_escape_their_data() -> None:
    diagnostic = Diagnostic(
        "AZS003",
        "nsg-open-management-port",
        Severity.INFO,
        "100% open\nsecond line",
        Span("dir,with:odd.json", 3, 4, 5, 6),
    )
    assert annotation(diagnostic) == (
        "::notice file=dir%2Cwith%3Aodd.json,line=3,endLine=5,col=4,"
        "title=AZS003 nsg-open-management-port::100%25 open%0Asecond line"
    )
    bare = Diagnostic("ARMC001", "rule-crashed", Severity.ERROR, "boom")
    assert annotation(bare) == "::error title=ARMC001 rule-crashed::boom"


def test_markdown_truncates_long_reports() -> None:
    many = [
        Diagnostic("AZP001", "no-unused-params", Severity.WARNING, f"p{i}", Span("f", i, 1, i, 2))
        for i in range(1, 8)
    ]
    text = render_markdown(many, max_rows=5)
    assert "| warning | `f:5:1` |" in text and "`f:6:1`" not in text
    assert text.rstrip().endswith("…and 2 more findings (see the full report).")
    assert render_markdown([]) == "### armc\n\nNo findings.\n"


def test_text_without_findings_is_just_the_summary() -> None:
    assert render([], "text") == "0 errors, 0 warnings, 0 infos\n"


def test_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown format 'xml'"):
        render([], "xml")
