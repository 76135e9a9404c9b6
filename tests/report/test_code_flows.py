"""SARIF code flows: a network-exposure finding carries its path, Internet -> entry -> NSG
rules -> VM, as `codeFlows[].threadFlows[].locations[]` (and still as relatedLocations)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from armc.analysis.context import AdaptedValues
from armc.analysis.run import analyse
from armc.arm.loader import load_template
from armc.arm.values import Unknown
from armc.config import Config
from armc.dsl import compile_source
from armc.report import sarif
from armc.report.render import render
from armc.rules.registry import default_registry
from armc.source import SourceRegistry
from tests.conftest import Golden

CASES = Path(__file__).resolve().parents[1] / "analysis" / "cases"
RULES = ("AZS006", "AZS007")


@pytest.fixture(autouse=True)
def _fixed_version(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sarif, "__version__", "0.0.0-test")


def _sarif(kind: str) -> dict[str, Any]:
    path = CASES / "AZS006" / f"fire.{kind}"
    config = Config(select=RULES)
    display = f"cases/AZS006/fire.{kind}"
    if kind == "armc":
        text = path.read_text(encoding="utf-8")
        diagnostics = analyse(compile_source(text, display), source_text=text, config=config)
    else:
        loaded = load_template(path, display=display)
        values = AdaptedValues(loaded, lambda v: isinstance(v, Unknown))
        diagnostics = analyse(loaded.template, values=values, config=config)
    rules = [rule for rule in default_registry() if rule.id in RULES]
    return dict(json.loads(render(diagnostics, "sarif", SourceRegistry(), rules)))


@pytest.mark.parametrize("kind", ["json", "armc"])
def test_golden(kind: str, golden: Golden) -> None:
    text = json.dumps(_sarif(kind), indent=2, ensure_ascii=False) + "\n"
    golden.check(f"report/code-flows.{kind}.sarif", text)


@pytest.mark.parametrize("kind", ["json", "armc"])
def test_each_exposure_has_its_path_as_a_code_flow(kind: str) -> None:
    results = _sarif(kind)["runs"][0]["results"]
    assert results
    for result in results:
        [flow] = result["codeFlows"]
        [thread] = flow["threadFlows"]
        steps = thread["locations"]
        assert steps[0]["location"]["message"]["text"] == "the Internet"
        assert "physicalLocation" not in steps[0]["location"]
        related = result["relatedLocations"]
        assert len(steps) == len(related) + 1
        for step, place in zip(steps[1:], related, strict=True):
            assert step["location"]["physicalLocation"] == place["physicalLocation"]
            assert step["location"]["message"] == place["message"]
        assert [s["executionOrder"] for s in steps] == list(range(len(steps)))
        essential = [s for s in steps if s["importance"] == "essential"]
        assert [s["location"]["physicalLocation"] for s in essential] == [
            result["locations"][0]["physicalLocation"]
        ]


@pytest.mark.parametrize("kind", ["json", "armc"])
def test_code_flows_are_valid_sarif(kind: str, shared_dir: Path) -> None:
    schema_path = shared_dir / "schemas-sarif" / "sarif-schema-2.1.0.json"
    if not schema_path.is_file():
        pytest.skip(f"the SARIF schema is absent: {schema_path}")
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(_sarif(kind))


def test_other_results_have_no_code_flow() -> None:
    from tests.report.sample import RULES as SAMPLE_RULES
    from tests.report.sample import sample

    diagnostics, sources, _ = sample()
    rules = [rule for rule in default_registry() if rule.id in SAMPLE_RULES]
    document = json.loads(render(diagnostics, "sarif", sources, rules))
    assert all("codeFlows" not in r for r in document["runs"][0]["results"])
