from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from armc.analysis.context import RuleContext
from armc.analysis.engine import CRASH, Engine, plan
from armc.analysis.run import analyse
from armc.config import Config, RuleConfig
from armc.diagnostics import Severity
from armc.rules.base import Finding, FixSpec, Option, Rule
from armc.rules.registry import RuleRegistry, default_registry
from tests.analysis.helpers import arm, build, public_ip


class _TestRule(Rule):
    abstract = True
    category = "validation"
    summary = "A rule for engine tests."
    rationale = "Tests need rules whose behaviour they control."


class Crashes(_TestRule):
    id = "AZV990"
    name = "always-crashes"
    default_severity = "error"

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        yield Finding("partial finding before the crash", ())
        raise KeyError("boom")


class EveryResource(_TestRule):
    id = "AZV991"
    name = "every-resource"
    default_severity = "info"
    options = {"word": Option(str, "seen", "What to say.")}  # noqa: RUF012

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for resource in ctx.template.resources:
            yield Finding.at(
                resource,
                f"{self.settings['word']} {resource.name}",
                "name",
                fix=FixSpec("rename", (*resource.path, "name"), "renamed"),
            )


class OffByDefault(_TestRule):
    id = "AZV992"
    name = "off-by-default"
    default_severity = "off"

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        yield Finding("asked for", ())


REGISTRY = RuleRegistry([Crashes, EveryResource, OffByDefault])
DOC = arm(
    [
        {"type": "Microsoft.Network/virtualNetworks", "name": "vnet", "properties": {}},
        {"type": "Microsoft.Network/publicIPAddresses", "name": "ip", "properties": {}},
    ]
)


def _run(config: Config | None = None, doc: dict[str, Any] = DOC, origin: str = "arm") -> list:
    template, _ = build(doc, origin=origin)
    return Engine(config, REGISTRY).run(template)


def test_a_crashing_rule_becomes_a_diagnostic_and_the_run_goes_on() -> None:
    diagnostics = _run()
    crash = [d for d in diagnostics if d.code == CRASH[0]]
    assert len(crash) == 1
    assert "AZV990 (always-crashes) crashed" in crash[0].message
    assert "KeyError" in crash[0].message and crash[0].severity is Severity.ERROR
    assert not any("partial finding" in d.message for d in diagnostics)
    assert [d.message for d in diagnostics if d.code == "AZV991"] == ["seen vnet", "seen ip"]


def test_levels_and_options_come_from_config() -> None:
    config = Config(
        rules={"AZV991": RuleConfig("error", {"word": "found"}), "AZV990": RuleConfig("off")}
    )
    diagnostics = _run(config)
    assert [(d.code, d.severity, d.message) for d in diagnostics] == [
        ("AZV991", Severity.ERROR, "found vnet"),
        ("AZV991", Severity.ERROR, "found ip"),
    ]


def test_select_ignore_and_off_rules() -> None:
    ids = lambda config: [p.rule.id for p in plan(config, REGISTRY)]  # noqa: E731
    assert ids(Config()) == ["AZV990", "AZV991"]
    assert ids(Config(select=("every-resource",))) == ["AZV991"]
    assert ids(Config(select=("validation",))) == ["AZV990", "AZV991"]
    assert ids(Config(select=("AZV",), ignore=("AZV990",))) == ["AZV991"]
    assert ids(Config(select=("AZV992",))) == ["AZV992"]  # named: an off rule runs
    assert ids(Config(select=("all",))) == ["AZV990", "AZV991"]
    assert ids(Config(rules={"AZV992": RuleConfig("info")})) == ["AZV990", "AZV991", "AZV992"]
    assert plan(Config(select=("AZV992",)), REGISTRY)[0].severity is Severity.WARNING


def test_results_are_sorted_and_deterministic() -> None:
    first = _run()
    assert first == _run()
    keys = [d.sort_key() for d in first]
    assert keys == sorted(keys)


def test_fixes_become_text_edits_for_arm_input_only() -> None:
    arm_fix = next(d for d in _run() if d.code == "AZV991").fix
    assert arm_fix is not None and arm_fix.edits[0].text == '"renamed"'
    assert (arm_fix.edits[0].span.line, arm_fix.edits[0].span.column) == (7, 15)
    dsl_fix = next(d for d in _run(origin="dsl") if d.code == "AZV991").fix
    assert dsl_fix is not None and dsl_fix.edits == ()


def _fingerprints(doc: dict[str, Any]) -> dict[str, str]:
    template, _ = build(doc)
    found = Engine(Config(select=("AZV991",)), REGISTRY).run(template)
    return {d.message: d.fingerprint or "" for d in found}


def test_fingerprints_survive_unrelated_edits() -> None:
    before = _fingerprints(DOC)
    edited = copy.deepcopy(DOC)
    edited["resources"].insert(0, {"type": "Microsoft.Storage/storageAccounts", "name": "st"})
    edited["parameters"] = {"extra": {"type": "string"}}
    after = _fingerprints(edited)
    assert after["seen vnet"] == before["seen vnet"]
    assert after["seen ip"] == before["seen ip"]
    assert len(set(after.values())) == 3


def test_analyse_uses_the_default_rules() -> None:
    template, _ = build(arm([], parameters={"unused": {"type": "string"}}))
    assert [d.code for d in analyse(template)] == ["AZP001"]
    registry_ids = {r.id for r in default_registry()}
    assert {"AZS001", "AZS003", "AZP001"} <= registry_ids


def test_secrets_are_scrubbed_from_messages() -> None:
    class Leaky(_TestRule):
        id = "AZV993"
        name = "leaky"
        default_severity = "error"

        def check(self, ctx: RuleContext) -> Iterator[Finding]:
            default = ctx.template.parameters["pw"].default
            yield Finding(f"the password is {default}", ("parameters", "pw"), hint=str(default))

    doc = arm([], parameters={"pw": {"type": "securestring", "defaultValue": "hunter2-hunter2"}})
    template, _ = build(doc)
    (finding,) = Engine(None, RuleRegistry([Leaky])).run(template)
    assert "hunter2" not in finding.message and "hunter2" not in (finding.hint or "")
    assert "[redacted]" in finding.message


def test_a_lint_leaves_no_reference_cycle(tmp_path: Path) -> None:
    """Linting many files relies on reference counting: a run whose graph (networkx caches
    edge views that point back at the graph, whose edges hold the references, which hold the
    document) or a recursive closure formed a cycle left each template to the collector."""
    import gc
    import json

    from armc.linting import LintJob, lint_file

    ip = "Microsoft.Network/publicIPAddresses/"
    first = public_ip("a")
    second = {**public_ip("b"), "dependsOn": [ip + "a"]}
    # AZP012: 'a' through 'b'; 'b' twice: the graph reads its edge view to add to the edge
    third = {**public_ip("c"), "dependsOn": [ip + "a", ip + "b", ip + "b"]}
    path = tmp_path / "t.json"
    path.write_text(json.dumps(arm([first, second, third])), encoding="utf-8")
    every = tuple(rule.id for rule in default_registry())
    job = LintJob(path, True, tmp_path, Config(select=every))
    lint_file(job)  # caches filled once
    was_enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)  # what a collection finds is kept in gc.garbage
    try:
        outcome = lint_file(job)
        assert outcome.report is not None
        codes = {d.code for d in outcome.report.diagnostics}
        assert {"AZC005", "AZP012"} <= codes  # the graph was built and read, the closure walked
        del outcome
        gc.collect()
        kinds = {type(item).__name__ for item in gc.garbage}
        # an emptied graph and its view may remain: nothing of the template, its document
        assert not kinds & {"Template", "Resource", "Dependency", "JsonDocument", "SourceFile"}
        assert len(gc.garbage) < 20
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        if was_enabled:
            gc.enable()
