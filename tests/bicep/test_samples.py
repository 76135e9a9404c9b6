"""Every sample's Bicep: pycep-parser accepts it, it matches its golden file, and it means what
the ARM JSON output means (resources, conditions, dependencies, parameters, outputs)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from armc.api import build_file
from armc.dsl import compile_file
from armc.source import SourceRegistry

from .arm_eval import ArmEvaluator
from .bicep_eval import BicepEvaluator, parse
from .terms import closure

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "samples").glob("*.armc")) + sorted(
    (ROOT / "samples" / "no-schema").glob("*.armc")
)


def both(sample: Path) -> tuple[dict[str, Any], dict[str, Any], str, str, dict[str, str]]:
    """ARM template, ARM parameters, Bicep, .bicepparam, and the Bicep's module files by the
    path the Bicep names them with."""
    result = build_file(sample, SourceRegistry(), "both")
    assert result.output is not None and result.bicep is not None, result.diagnostics
    return (
        json.loads(result.output.template),
        json.loads(result.output.parameters),
        result.bicep.template,
        result.bicep.parameters,
        {f"./{name}": text for name, text in result.bicep.modules},
    )


@pytest.fixture(scope="module", params=SAMPLES, ids=lambda p: p.stem)
def built(request: pytest.FixtureRequest) -> tuple[Path, tuple[Any, Any, str, str]]:
    return request.param, both(request.param)


def test_every_sample_is_covered() -> None:
    assert len(SAMPLES) >= 6


def test_matches_golden(built: tuple[Path, Any], golden: Any) -> None:
    sample, (_, _, bicep, bicepparam, modules) = built
    golden.check(f"bicep/{sample.stem}.bicep", bicep)
    golden.check(f"bicep/{sample.stem}.bicepparam", bicepparam)
    for path, text in modules.items():
        assert path.startswith(f"./{sample.stem}.") and path.endswith(".json"), path
        golden.check(f"bicep/{path[2:]}", text)


def test_pycep_parses_it(built: tuple[Path, Any]) -> None:
    _, (_, _, bicep, _, _) = built
    declarations = [c for c in parse(bicep).children if hasattr(c, "data")]
    assert {d.data for d in declarations} >= {"param", "resource", "output"}


def test_resources_mean_the_same(built: tuple[Path, Any]) -> None:
    _, (document, _, bicep, _, modules) = built
    arm = ArmEvaluator(document).resources()
    ours = BicepEvaluator(bicep, modules).deployed()
    assert [(r.type, r.name, r.api_version) for r in ours] == [
        (r.type, r.name, r.api_version) for r in arm
    ]
    for left, right in zip(ours, arm, strict=True):
        assert left.body == right.body, left.name
        assert left.condition == right.condition, left.name


def test_dependencies_mean_the_same(built: tuple[Path, Any]) -> None:
    sample, (document, _, bicep, _, modules) = built
    arm = closure(ArmEvaluator(document).resources())
    ours = closure(BicepEvaluator(bicep, modules).deployed())
    assert ours == arm
    # A reference implies every dependency but those the source states (`depends-on`)
    template = compile_file(sample, SourceRegistry())
    stated = {
        (r.key, d.target)
        for r in template.resources
        for d in r.dependencies
        if d.kind == "explicit"
    }
    assert bicep.count("dependsOn:") <= len(stated)


def test_outputs_mean_the_same(built: tuple[Path, Any]) -> None:
    _, (document, _, bicep, _, _) = built
    assert BicepEvaluator(bicep).outputs() == ArmEvaluator(document).outputs()


def test_parameters_mean_the_same(built: tuple[Path, Any]) -> None:
    _, (document, _, bicep, _, _) = built
    evaluator = BicepEvaluator(bicep)
    declared = document.get("parameters", {})
    assert list(evaluator.parameters) == list(declared)
    for name, arm in declared.items():
        decorators = evaluator.decorators[name]
        secure = arm["type"].lower().startswith("secure")
        assert ("secure" in decorators) == secure, name
        assert evaluator.types[name] == arm["type"].lower().removeprefix("secure")
        assert decorators.get("allowed") == arm.get("allowedValues"), name
        assert decorators.get("minValue") == arm.get("minValue"), name
        assert decorators.get("maxValue") == arm.get("maxValue"), name
        assert decorators.get("description") == arm.get("metadata", {}).get("description")
        expected = arm.get("defaultValue", ("param", name))
        assert evaluator.parameter_value(name) == expected, name


def test_bicepparam_matches_the_parameters_file(built: tuple[Path, Any]) -> None:
    sample, (document, arm_params, _, bicepparam, _) = built
    lines = bicepparam.splitlines()
    assert f"using './{sample.stem}.bicep'" in lines
    # pycep-parser does not read .bicepparam files: its assignments are read as variables
    as_bicep = "\n".join(
        "var" + line[len("param") :] if line.startswith("param ") else line
        for line in lines
        if not line.startswith("using ")
    )
    evaluator = BicepEvaluator(as_bicep + "\n")
    assigned = {name: evaluator.eval(value) for name, value in evaluator.variables.items()}
    expected: dict[str, Any] = {}
    for name, entry in arm_params["parameters"].items():
        if "value" in entry:
            expected[name] = entry["value"]
        else:
            reference = entry["reference"]
            vault = reference["keyVault"]["id"].split("/")
            expected[name] = (
                "call",
                "getsecret",
                vault[2],
                vault[4],
                vault[8],
                reference["secretName"],
            )
    for name, declaration in document["parameters"].items():
        if "defaultValue" not in declaration and name not in expected:
            expected[name] = ("call", "readenvironmentvariable", name.upper())
    assert assigned == expected
