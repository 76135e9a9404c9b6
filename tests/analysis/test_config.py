from __future__ import annotations

from pathlib import Path

import pytest

from armc.config import Config, RuleConfig, find_config, load_config, parse_config
from armc.diagnostics import CompileError, Severity


def _errors(text: str, tmp_path: Path) -> list[tuple[int, str, str | None]]:
    path = tmp_path / ".armc.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CompileError) as info:
        load_config(path)
    return [(d.span.line if d.span else 0, d.message, d.hint) for d in info.value.diagnostics]


def test_full_config(tmp_path: Path) -> None:
    path = tmp_path / ".armc.toml"
    path.write_text(
        """
select = ["security", "AZP001"]
ignore = ["AZS004"]
fail_on = "warning"

[rules.nsg-open-management-port]
level = "warning"
options = { ports = [22] }

[rules.AZP001]
level = "info"

[budget]
monthly_usd = 250
""",
        encoding="utf-8",
    )
    config = load_config(path)
    assert config.select == ("security", "AZP001") and config.ignore == ("AZS004",)
    assert config.fail_on == "warning" and config.fail_threshold is Severity.WARNING
    assert config.rules == {
        "AZS003": RuleConfig("warning", {"ports": [22]}),
        "AZP001": RuleConfig("info", {}),
    }
    assert config.budget_monthly_usd == 250.0 and config.path == path


def test_unknown_keys_are_errors_with_did_you_mean(tmp_path: Path) -> None:
    assert _errors('selct = ["AZS001"]\n\n[budget]\nmonthly = 3\n', tmp_path) == [
        (1, "unknown key 'selct'", "did you mean 'select'?"),
        (4, "unknown key 'budget.monthly'", "did you mean 'monthly_usd'?"),
    ]


def test_unknown_rules_options_and_selectors(tmp_path: Path) -> None:
    errors = _errors(
        'select = ["securty"]\n[rules.AZS0003]\nlevel = "error"\n'
        "[rules.AZS003]\noptions = { port = [22] }\n",
        tmp_path,
    )
    assert errors == [
        (2, "unknown rule 'AZS0003'", "did you mean 'AZS003'?"),
        (
            4,
            "rules.AZS003: rule AZS003 has no option 'port' (options: ports)",
            "did you mean 'ports'?",
        ),
        (1, "select: 'securty' matches no rule", "did you mean 'security'?"),
    ]


def test_wrong_types_and_values(tmp_path: Path) -> None:
    errors = _errors('fail_on = "sometimes"\n[rules.AZS003]\nlevel = "loud"\n', tmp_path)
    assert [line for line, _, _ in errors] == [1, 3]
    assert "'sometimes' is not one of" in errors[0][1]
    assert errors[1][1].startswith("rules.AZS003.level: 'loud' is not one of")
    option_type = _errors("[rules.AZS003]\noptions = { ports = 22 }\n", tmp_path)
    assert "must be of type list" in option_type[0][1]


def test_invalid_toml_points_at_the_line(tmp_path: Path) -> None:
    errors = _errors('select = ["a"\nfail_on = 1\n', tmp_path)
    assert errors[0][0] >= 1 and errors[0][1].startswith("invalid TOML")


def test_nearest_config_wins(tmp_path: Path) -> None:
    (tmp_path / ".armc.toml").write_text('fail_on = "info"\n', encoding="utf-8")
    project = tmp_path / "project"
    deep = project / "infra" / "vm"
    deep.mkdir(parents=True)
    (project / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.armc]\nfail_on = "warning"\n', encoding="utf-8"
    )
    (deep / "main.json").write_text("{}", encoding="utf-8")
    assert find_config(deep / "main.json") == (project / "pyproject.toml").resolve()
    assert load_config(start=deep).fail_on == "warning"
    assert load_config(start=tmp_path).fail_on == "info"
    (project / ".armc.toml").write_text('fail_on = "never"\n', encoding="utf-8")
    assert load_config(start=deep).fail_on == "never"  # .armc.toml beats pyproject.toml


def test_pyproject_without_tool_armc_is_skipped(tmp_path: Path) -> None:
    (tmp_path / ".armc.toml").write_text('fail_on = "info"\n', encoding="utf-8")
    inner = tmp_path / "inner"
    inner.mkdir()
    (inner / "pyproject.toml").write_text("[tool.ruff]\nline-length = 100\n", encoding="utf-8")
    assert find_config(inner) == (tmp_path / ".armc.toml").resolve()


def test_no_config_gives_defaults(tmp_path: Path) -> None:
    assert find_config(tmp_path) is None
    assert load_config(start=tmp_path) == Config()
    assert Config().select == () and Config().fail_on == "error"


def test_command_line_beats_file_beats_defaults() -> None:
    from_file = parse_config({"select": ["security"], "ignore": ["AZS004"], "fail_on": "warning"})
    merged = from_file.with_overrides(select=["AZP001,AZP002"], ignore=["AZS001"], fail_on="info")
    assert merged.select == ("AZP001", "AZP002")
    assert merged.ignore == ("AZS004", "AZS001")
    assert merged.fail_on == "info"
    untouched = from_file.with_overrides(select=[], ignore=None, fail_on=None)
    assert untouched == from_file
    assert Config().fail_on == "error"
    with pytest.raises(ValueError, match="unknown --fail-on"):
        from_file.with_overrides(fail_on="loud")


def test_resolve_config_merges_file_and_flags(tmp_path: Path) -> None:
    from armc.analysis.run import resolve_config

    (tmp_path / ".armc.toml").write_text('select = ["security"]\nfail_on = "info"\n')
    config = resolve_config(start=tmp_path, ignore=["AZS004"], fail_on="warning")
    assert config.select == ("security",) and config.ignore == ("AZS004",)
    assert config.fail_on == "warning"
    explicit = tmp_path / "other.toml"
    explicit.write_text('fail_on = "never"\n')
    assert resolve_config(config_file=explicit, start=tmp_path).fail_on == "never"
    with pytest.raises(CompileError) as info:
        resolve_config(start=tmp_path, select=["AZS0001"])
    (problem,) = info.value.diagnostics
    assert problem.message == "--select: 'AZS0001' matches no rule"
    assert problem.hint == "did you mean 'AZS001'?"
