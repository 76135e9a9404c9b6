"""Every rule has a firing and a clean fixture under cases/<ID>/; the firing one's findings
are pinned in tests/golden/rules/<ID>.fire.txt (rewrite with --update-golden)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from armc.analysis.fixes import apply_fixes
from armc.analysis.run import analyse
from armc.config import Config, load_config
from armc.rules.registry import default_registry
from tests.analysis.helpers import build, render
from tests.conftest import Golden

CASES = Path(__file__).parent / "cases"
RULE_IDS = [rule.id for rule in default_registry()]


def _run(rule_id: str, name: str) -> list[str]:
    path = CASES / rule_id / name
    doc = json.loads(path.read_text(encoding="utf-8"))
    text, _ = render(doc, str(path))
    assert text == path.read_text(encoding="utf-8"), "fixture is not in canonical layout"
    template, _ = build(doc, file=f"{rule_id}/{name}")
    diagnostics = analyse(template, config=_config(rule_id))
    assert all(d.code == rule_id for d in diagnostics), diagnostics
    return [f"{d.span.line}:{d.span.column} {d.message}" for d in diagnostics if d.span]


def _config(rule_id: str) -> Config:
    """Only the rule; plus the case's `config.toml` when it has one (the budget rule's)."""
    path = CASES / rule_id / "config.toml"
    if not path.is_file():
        return Config(select=(rule_id,))
    config = load_config(path)
    return replace(config, select=(rule_id,))


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_rule_fires_on_its_fixture(rule_id: str, golden: Golden) -> None:
    found = _run(rule_id, "fire.json")
    assert found, f"{rule_id} found nothing in its firing fixture"
    golden.check(f"rules/{rule_id}.fire.txt", "\n".join(found) + "\n")


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_rule_is_silent_on_its_clean_fixture(rule_id: str) -> None:
    assert _run(rule_id, "clean.json") == []


def test_every_case_directory_belongs_to_a_rule() -> None:
    assert sorted(p.name for p in CASES.iterdir() if p.is_dir()) == sorted(RULE_IDS)


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_fixes_produce_a_clean_document(rule_id: str) -> None:
    """Applying every mechanical fix of a rule leaves valid JSON and removes those findings."""
    path = CASES / rule_id / "fire.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    template, source = build(doc, file=str(path))
    config = _config(rule_id)
    before = analyse(template, config=config)
    fixes = [d.fix for d in before if d.fix is not None and d.fix.edits]
    if not fixes:
        pytest.skip(f"{rule_id} offers no mechanical fix")
    fixed_doc = json.loads(apply_fixes(source, fixes))
    fixed_template, _ = build(fixed_doc, file=str(path))
    after = analyse(fixed_template, config=config)
    assert len(after) == len(before) - len(fixes)
    fixed_at = {d.fingerprint for d in before if d.fix is not None and d.fix.edits}
    assert not fixed_at & {d.fingerprint for d in after}
