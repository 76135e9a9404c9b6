from __future__ import annotations

from collections.abc import Iterator

import pytest

from armc.rules.base import Finding, Option, OptionError, Rule, RuleDefinitionError
from armc.rules.registry import DuplicateRuleError, RuleRegistry, default_registry, discover


class _Base(Rule):
    abstract = True
    category = "practice"
    default_severity = "warning"
    summary = "s"
    rationale = "r"

    def check(self, ctx: object) -> Iterator[Finding]:
        return iter(())


def _rule(rule_id: str, name: str) -> type[Rule]:
    return type(f"R{rule_id}", (_Base,), {"id": rule_id, "name": name})


def test_discovery_is_deterministic_and_complete() -> None:
    first = [r.id for r in discover()]
    assert first == [r.id for r in discover()]
    assert len(first) >= 8
    assert [r.id for r in default_registry()] == sorted(first)


def test_lookup_by_id_or_slug_ignores_case() -> None:
    registry = default_registry()
    assert registry.get("azs002") is registry.get("Secure-Parameter-Default")
    assert registry.get("nope") is None


def test_duplicate_id_is_rejected_with_both_places() -> None:
    with pytest.raises(DuplicateRuleError, match="duplicate rule id 'AZP900'"):
        RuleRegistry([_rule("AZP900", "one-name"), _rule("AZP900", "other-name")])


def test_duplicate_name_is_rejected() -> None:
    with pytest.raises(DuplicateRuleError, match="duplicate rule name 'same-name'"):
        RuleRegistry([_rule("AZP901", "same-name"), _rule("AZP902", "same-name")])


@pytest.mark.parametrize(
    ("attributes", "message"),
    [
        ({"id": "AZS950", "name": "x-y"}, "ids start with AZP"),
        ({"id": "X1", "name": "x-y"}, "is not like AZS012"),
        ({"id": "AZP950", "name": "Not_Kebab"}, "kebab-case"),
        ({"id": "AZP950", "name": "x-y", "equivalents": ("checkov:10",)}, "not recognised"),
        ({"id": "AZP950", "name": "x-y", "default_severity": "fatal"}, "default_severity"),
    ],
)
def test_invalid_metadata_is_a_definition_error(
    attributes: dict[str, object], message: str
) -> None:
    with pytest.raises(RuleDefinitionError, match=message):
        type("Broken", (_Base,), attributes)


def test_metadata_of_shipped_rules() -> None:
    for rule in default_registry():
        assert rule.help_uri.endswith(f"/docs/rules/{rule.id}.md")
        assert rule.summary.endswith(".") and rule.rationale


def test_options_are_typed_and_defaulted() -> None:
    cls = type(
        "WithOptions",
        (_Base,),
        {
            "id": "AZP960",
            "name": "with-options",
            "options": {"limit": Option(int, 3, "d"), "ratio": Option(float, 0.5, "d")},
        },
    )
    assert cls().settings == {"limit": 3, "ratio": 0.5}
    assert cls({"ratio": 1}).settings["ratio"] == 1.0
    with pytest.raises(OptionError, match="must be of type int"):
        cls({"limit": "3"})
    with pytest.raises(OptionError, match="no option 'limt'"):
        cls({"limt": 3})
    with pytest.raises(OptionError, match="must be of type int"):
        cls({"limit": True})
