from __future__ import annotations

import datetime as dt
from typing import Any

from armc.analysis.run import analyse
from armc.analysis.suppressions import EXPIRED, INVALID, UNUSED, comment_suppressions
from armc.config import Config
from armc.diagnostics import Diagnostic
from armc.model.template import JsonPath, SourceMap, Template
from armc.rules.registry import RuleRegistry
from armc.source import Span
from tests.analysis.helpers import arm, build
from tests.analysis.test_engine import Crashes

TODAY = dt.date(2026, 6, 1)

DSL = """\
# armc: ignore-file[no-unused-params] the pipeline passes these for every template
param location string = "westeurope"  # armc: ignore[AZP002] pinned by data residency policy
param adminPassword securestring = "not-really-secret-123"
param spare string
# armc: ignore[AZS002] expires=2026-01-31 rotated before go-live
param otherPassword securestring = "also-not-secret-456"
# armc: ignore[AZS003] nothing here opens ports
# armc: ignore[AZP0002] typo in the rule
# armc: ignore[AZP002]
vm web {
  location "north\\"europe # armc: ignore[AZP002] inside a string is not a comment"
}
"""

LINES: dict[JsonPath, int] = {
    ("parameters", "location"): 2,
    ("parameters", "location", "defaultValue"): 2,
    ("parameters", "adminPassword"): 3,
    ("parameters", "adminPassword", "defaultValue"): 3,
    ("parameters", "spare"): 4,
    ("parameters", "otherPassword"): 6,
    ("parameters", "otherPassword", "defaultValue"): 6,
    ("resources", 0): 10,
    ("resources", 0, "location"): 11,
}


def _dsl_template() -> Template:
    doc = arm(
        [
            {
                "type": "Microsoft.Network/publicIPAddresses",
                "name": "web",
                "location": "northeurope",
                "sku": {"name": "Standard"},
            }
        ],
        parameters={
            "location": {"type": "string", "defaultValue": "westeurope"},
            "adminPassword": {"type": "securestring", "defaultValue": "not-really-secret-123"},
            "spare": {"type": "string"},
            "otherPassword": {"type": "securestring", "defaultValue": "also-not-secret-456"},
        },
    )
    template, _ = build(doc, file="main.armc", origin="dsl")
    spans = {
        path: Span("main.armc", line, 1, line, len(DSL.splitlines()[line - 1]) + 1)
        for path, line in LINES.items()
    }
    template.source_map = SourceMap(spans)
    return template


def _lint_dsl(**kwargs: Any) -> list[Diagnostic]:
    return analyse(_dsl_template(), source_text=DSL, today=TODAY, **kwargs)


def _summary(diagnostics: list[Diagnostic]) -> list[tuple[int, str]]:
    return [(d.span.line if d.span else 0, d.code) for d in diagnostics]


def test_dsl_comment_suppressions() -> None:
    assert _summary(_lint_dsl()) == [
        (2, UNUSED[0]),  # AZP002 accepts a DSL location parameter's literal default
        (3, "AZS002"),  # not suppressed: nothing above it
        (5, EXPIRED[0]),  # the expiry is reported and ...
        (6, "AZS002"),  # ... the finding is back
        (7, UNUSED[0]),
        (8, INVALID[0]),  # unknown rule, with did-you-mean
        (9, INVALID[0]),  # no reason: does not suppress
        (11, "AZP002"),
    ]


def test_messages_of_suppression_problems() -> None:
    by_line = {d.span.line: d for d in _lint_dsl() if d.span and d.code.startswith("ARMC")}
    assert "expired on 2026-01-31" in by_line[5].message
    assert by_line[7].message == "unused suppression: AZS003 reports nothing here"
    assert by_line[8].hint == "did you mean 'AZP002'?"
    assert "needs a reason" in by_line[9].message


def test_suppressions_of_rules_that_did_not_run_are_not_unused() -> None:
    codes = [d.code for d in _lint_dsl(config=Config(select=("AZS002",)))]
    assert UNUSED[0] not in codes


def test_comment_parsing_ignores_hashes_in_strings() -> None:
    found, problems = comment_suppressions(DSL, "main.armc")
    assert [(s.scope, s.line, s.rules) for s in found] == [
        ("file", None, ("no-unused-params",)),
        ("line", 2, ("AZP002",)),
        ("line", 6, ("AZS002",)),
        ("line", 10, ("AZS003",)),
        ("line", 10, ("AZP0002",)),
    ]
    assert len(problems) == 1


def test_several_rules_in_one_comment() -> None:
    found, _ = comment_suppressions("x = 1  # armc: ignore[AZP001, AZS002] both fine\n", "f")
    assert found[0].rules == ("AZP001", "AZS002") and found[0].reason == "both fine"


def _arm_doc(resource_meta: Any = None, template_meta: Any = None) -> dict[str, Any]:
    ip: dict[str, Any] = {
        "type": "Microsoft.Network/publicIPAddresses",
        "name": "legacy",
        "location": "westeurope",
        "sku": {"name": "Basic"},
        "properties": {"publicIPAllocationMethod": "Dynamic"},
    }
    if resource_meta is not None:
        ip["metadata"] = {"armc": {"ignore": resource_meta}}
    other = {
        "type": "Microsoft.Network/publicIPAddresses",
        "name": "other",
        "location": "[parameters('location')]",
        "sku": {"name": "Basic"},
    }
    doc = arm([ip, other], parameters={"location": {"type": "string"}})
    if template_meta is not None:
        doc["metadata"] = {"armc": {"ignore": template_meta}}
    return doc


def _lint_arm(doc: dict[str, Any], registry: RuleRegistry | None = None) -> list[tuple[str, str]]:
    template, _ = build(doc)
    found = analyse(template, today=TODAY, registry=registry)
    return [(d.code, d.message) for d in found]


def test_arm_resource_metadata_suppresses_that_resource_only() -> None:
    found = _lint_arm(
        _arm_doc(
            [
                {
                    "rule": "public-ip-basic-sku",
                    "reason": "migrating in Q3",
                    "expires": "2026-09-30",
                },
                {"rule": "AZP002", "reason": "pinned"},
            ]
        )
    )
    assert [code for code, _ in found] == ["AZR002"]
    assert "public IP 'other'" in found[0][1]


def test_arm_template_metadata_suppresses_the_file() -> None:
    found = _lint_arm(_arm_doc(template_meta=[{"rule": "AZR002", "reason": "all legacy"}]))
    assert [code for code, _ in found] == ["AZP002"]


def test_arm_expired_unused_and_invalid_entries() -> None:
    found = _lint_arm(
        _arm_doc(
            [
                {"rule": "AZR002", "reason": "old", "expires": "2026-05-31"},
                {"rule": "AZS001", "reason": "no VM here"},
                {"rule": "AZP002"},
                {"rule": "AZP002", "reason": "x", "expires": "soon"},
                {"rule": "AZP002", "reason": "x", "until": "2027-01-01"},
                "AZP002",
            ]
        )
    )
    codes = [code for code, _ in found]
    assert codes.count("AZR002") == 2 and codes.count("AZP002") == 1
    assert codes.count(EXPIRED[0]) == 1 and codes.count(UNUSED[0]) == 1
    assert codes.count(INVALID[0]) == 4
    messages = " | ".join(m for _, m in found)
    assert "needs a 'reason'" in messages and "bad expiry date 'soon'" in messages
    assert "unknown key 'until'" in messages


def test_expiry_date_is_inclusive() -> None:
    entry = [{"rule": "AZR002", "reason": "last day", "expires": "2026-06-01"}]
    codes = [code for code, _ in _lint_arm(_arm_doc(entry))]
    assert EXPIRED[0] not in codes and codes.count("AZR002") == 1


def test_a_crashed_rule_leaves_its_suppressions_alone() -> None:
    doc = _arm_doc([{"rule": "AZV990", "reason": "it crashes anyway"}])
    found = _lint_arm(doc, RuleRegistry([Crashes]))
    assert [code for code, _ in found] == ["ARMC001"]


def test_unrecognised_armc_comments_are_reported() -> None:
    found, problems = comment_suppressions("x = 1  # armc: ignore AZP001 no brackets\n", "f")
    assert found == []
    assert [(p.code, p.message) for p in problems] == [(INVALID[0], "unrecognised armc comment")]
    assert comment_suppressions("# armchair: ignore[AZP001] x\n", "f") == ([], [])
