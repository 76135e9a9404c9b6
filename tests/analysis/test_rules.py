"""Every rule has a firing and a clean fixture under cases/<ID>/; the firing one's findings
are pinned in tests/golden/rules/<ID>.fire.txt (rewrite with --update-golden).

ARM fixtures (`fire.json`, `clean.json`) are read by the ARM loader and linted with its
evaluated values, as `armc lint` does. Where the DSL can express the case, `fire.armc` and
`clean.armc` sit beside them; the DSL findings are pinned in `<ID>.fire.armc.txt`, with the
line and column in the `.armc` file."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from armc.analysis.context import AdaptedValues
from armc.analysis.dsl_values import evaluate_dsl
from armc.analysis.fixes import apply_fixes
from armc.analysis.run import analyse
from armc.arm.loader import load_template
from armc.arm.values import Unknown
from armc.config import Config, load_config
from armc.dsl import compile_source
from armc.rules.registry import default_registry
from armc.source import SourceFile
from tests.analysis.helpers import build, render
from tests.conftest import Golden

CASES = Path(__file__).parent / "cases"
RULE_IDS = [rule.id for rule in default_registry()]


def _run(rule_id: str, name: str) -> list[str]:
    """`line:column message` of each finding of `rule_id` in fixture `name` (.json or .armc)."""
    path = CASES / rule_id / name
    text = path.read_text(encoding="utf-8")
    config = _config(rule_id)
    if name.endswith(".armc"):
        display = f"{rule_id}/{name}"
        template = compile_source(text, display)
        evaluation = evaluate_dsl(template, SourceFile(display, text))  # as `armc lint` does
        assert evaluation is not None and not evaluation.diagnostics
        values = evaluation.values
        diagnostics = analyse(template, values=values, source_text=text, config=config)
        assert all(d.span and d.span.file.endswith(".armc") for d in diagnostics), diagnostics
    else:
        canonical, _ = render(json.loads(text), str(path))
        assert canonical == text, "fixture is not in canonical layout"
        loaded = load_template(path, display=f"{rule_id}/{name}")
        assert loaded.ok, loaded.diagnostics
        values = AdaptedValues(loaded, lambda v: isinstance(v, Unknown))
        diagnostics = analyse(loaded.template, values=values, config=config)
    assert all(d.code == rule_id for d in diagnostics), diagnostics
    return [f"{d.span.line}:{d.span.column} {d.message}" for d in diagnostics if d.span]


def _config(rule_id: str) -> Config:
    """Only the rule; plus the case's `config.toml` when it has one (the budget rule's)."""
    path = CASES / rule_id / "config.toml"
    if not path.is_file():
        return Config(select=(rule_id,))
    config = load_config(path)
    return replace(config, select=(rule_id,))


FIXTURES = [(r, "json") for r in RULE_IDS] + [
    (r, "armc") for r in RULE_IDS if (CASES / r / "fire.armc").is_file()
]
"""Every rule has ARM JSON fixtures; DSL fixtures where the DSL can express the case."""


@pytest.mark.parametrize(("rule_id", "kind"), FIXTURES)
def test_rule_fires_on_its_fixture(rule_id: str, kind: str, golden: Golden) -> None:
    found = _run(rule_id, f"fire.{kind}")
    assert found, f"{rule_id} found nothing in its firing fixture fire.{kind}"
    suffix = ".armc" if kind == "armc" else ""
    golden.check(f"rules/{rule_id}.fire{suffix}.txt", "\n".join(found) + "\n")


@pytest.mark.parametrize(("rule_id", "kind"), FIXTURES)
def test_rule_is_silent_on_its_clean_fixture(rule_id: str, kind: str) -> None:
    assert (CASES / rule_id / f"clean.{kind}").is_file(), f"{rule_id} has no clean.{kind}"
    assert _run(rule_id, f"clean.{kind}") == []


def test_every_case_directory_belongs_to_a_rule() -> None:
    assert sorted(p.name for p in CASES.iterdir() if p.is_dir()) == sorted(RULE_IDS)


def test_fixes_produce_a_clean_document() -> None:
    """Applying every mechanical fix of a rule leaves valid JSON and removes those findings
    (for each rule that offers fixes on its firing fixture)."""
    with_fixes = []
    for rule_id in RULE_IDS:
        path = CASES / rule_id / "fire.json"
        doc = json.loads(path.read_text(encoding="utf-8"))
        template, source = build(doc, file=str(path))
        config = _config(rule_id)
        before = analyse(template, config=config)
        fixes = [d.fix for d in before if d.fix is not None and d.fix.edits]
        if not fixes:
            continue
        with_fixes.append(rule_id)
        fixed_doc = json.loads(apply_fixes(source, fixes))
        fixed_template, _ = build(fixed_doc, file=str(path))
        after = analyse(fixed_template, config=config)
        assert len(after) == len(before) - len(fixes), rule_id
        fixed_at = {d.fingerprint for d in before if d.fix is not None and d.fix.edits}
        assert not fixed_at & {d.fingerprint for d in after}, rule_id
    assert len(with_fixes) >= 15, with_fixes  # 15 rules offer fixes today
