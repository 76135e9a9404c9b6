"""`Rule.resource_types`: the engine skips a rule on a template without any resource of its
types. That must never lose a finding: each gated rule, run directly (ungated) on every
ARM fixture and sample, reports nothing where the template has none of its types."""

from __future__ import annotations

from pathlib import Path

import pytest

from armc.analysis.context import AdaptedValues, RuleContext
from armc.analysis.engine import Engine
from armc.arm.loader import LoadedTemplate, load_template
from armc.arm.values import Unknown
from armc.config import Config
from armc.rules.property_rule import PropertyRule
from armc.rules.registry import default_registry

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "analysis" / "cases"
GATED = [rule for rule in default_registry() if rule.resource_types]


@pytest.fixture(scope="module")
def templates() -> list[LoadedTemplate]:
    paths = sorted(CASES.glob("*/*.json")) + sorted((ROOT / "tests" / "golden").rglob("*.json"))
    found = []
    for path in paths:
        if path.name.endswith(".parameters.json") or path.name == "config.json":
            continue
        loaded = load_template(path)
        if loaded.ok and loaded.template.resources:
            found.append(loaded)
    return found


def test_many_rules_are_gated() -> None:
    assert len(GATED) >= 50


@pytest.mark.parametrize("rule_class", GATED, ids=lambda rule: rule.id)
def test_a_gated_rule_finds_nothing_without_its_types(
    rule_class: type, templates: list[LoadedTemplate]
) -> None:
    wanted = {t.lower() for t in rule_class.resource_types}
    rule = rule_class()
    skipped = 0
    for loaded in templates:
        if any(r.type_lower in wanted for r in loaded.template.resources):
            continue
        skipped += 1
        values = AdaptedValues(loaded, lambda v: isinstance(v, Unknown))
        context = RuleContext(loaded.template, values, config=Config())
        assert list(rule.check(context)) == [], loaded.template.file
    assert skipped > 0


def test_property_rules_are_gated_on_their_type() -> None:
    for rule in default_registry():
        if issubclass(rule, PropertyRule):
            assert rule.resource_types == (rule.resource_type,), rule.id


def test_a_skipped_rule_counts_as_run_for_unused_suppressions(tmp_path: Path) -> None:
    """A suppression of a gated rule in a template without its types is reported unused
    (ARMC004), as it is when the rule runs and finds nothing; an unknown rule stays ARMC002."""
    template = tmp_path / "t.json"
    template.write_text(
        """{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "metadata": {"armc": {"ignore": [{"rule": "public-ip-basic-sku", "reason": "later"}]}},
  "resources": [
    {"type": "Microsoft.Network/virtualNetworks", "apiVersion": "2024-05-01", "name": "v",
     "location": "westeurope",
     "properties": {"addressSpace": {"addressPrefixes": ["10.0.0.0/16"]}}}
  ]
}""",
        encoding="utf-8",
    )
    loaded = load_template(template)
    assert loaded.ok
    engine = Engine(Config(select=("AZR002",)))
    assert engine.rules[0].types == {"microsoft.network/publicipaddresses"}
    codes = [d.code for d in engine.run(loaded.template)]
    assert codes == ["ARMC004"]
