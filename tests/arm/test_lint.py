"""`armc lint` end to end: output, exit codes, directories, parameters."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from armc.cli import cli

FIXTURES = Path(__file__).parent / "fixtures"


def _lint(*args: str) -> Result:
    """`armc lint` with the front-end's own checks only (the rules have tests of their own)."""
    return CliRunner().invoke(cli, ["lint", "--ignore", "all", *args])


def test_clean_template_exits_0() -> None:
    result = _lint(str(FIXTURES / "nested.json"))
    assert result.exit_code == 0, result.output
    assert result.output == "1 file checked: 0 errors, 0 warnings, 0 infos\n"


def test_findings_and_fail_on() -> None:
    path = str(FIXTURES / "classic.json")
    assert _lint(path).exit_code == 0  # one warning: missing-dependson
    warned = _lint(path, "--fail-on", "warning")
    assert warned.exit_code == 1
    assert "warning[ARM205]" in warned.output and "classic.json:88:29" in warned.output
    assert _lint(str(FIXTURES / "cycle.json")).exit_code == 1
    assert _lint(str(FIXTURES / "cycle.json"), "--fail-on", "never").exit_code == 0


def test_parameters_and_param_options() -> None:
    path = str(FIXTURES / "classic.json")
    bad = _lint(path, "--parameters", str(FIXTURES / "bad.parameters.json"))
    assert bad.exit_code == 1
    for code in ("ARM301", "ARM302", "ARM303", "ARM304"):
        assert code in bad.output
    assert "bad.parameters.json:5:5" in bad.output
    out_of_range = _lint(path, "--param", "vmCount=99")
    assert out_of_range.exit_code == 1 and "above maxValue 5" in out_of_range.output


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("truncated.json", "ARM100"),
        ("not_template.json", "ARM001"),
        ("classic.parameters.json", "ARM001"),
        ("missing.json", "IO001"),
    ],
)
def test_input_errors_exit_2(name: str, code: str) -> None:
    result = _lint(str(FIXTURES / name))
    assert result.exit_code == 2, result.output
    assert code in result.output


def test_expression_errors_are_findings_with_a_code_frame() -> None:
    result = _lint(str(FIXTURES / "expression_error.json"))
    assert result.exit_code == 1
    assert "expression_error.json:6:41: error[ARM110]" in result.output
    assert "^~~" in result.output


def test_directories_find_templates_and_skip_other_json(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "classic.json", tmp_path / "azuredeploy.json")
    shutil.copy(FIXTURES / "bad.parameters.json", tmp_path / "azuredeploy.parameters.json")
    (tmp_path / "package.json").write_text('{"name": "x"}')
    (tmp_path / "broken.json").write_text("{")
    shutil.copy(FIXTURES / "truncated.json", tmp_path / "truncated.json")
    (tmp_path / "main.armc").write_text("vm web {\n  size\n}\n")
    result = _lint(str(tmp_path))
    # the paired parameters file is checked, not used for evaluation
    assert result.exit_code == 1
    assert "azuredeploy.parameters.json:5:5: error[ARM304]" in result.output
    assert "package.json" not in result.output and "broken.json" not in result.output
    assert "main.armc" in result.output
    assert "truncated.json:3:16: error[ARM100]" in result.output  # a broken template is reported
    assert "files checked" in result.output


def test_a_null_parameter_value_is_named_once(tmp_path: Path) -> None:
    parameters = tmp_path / "null.parameters.json"
    parameters.write_text(
        '{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/'
        'deploymentParameters.json#", "contentVersion": "1.0.0.0",'
        ' "parameters": {"vmCount": {"value": null}}}',
        encoding="utf-8",
    )
    result = _lint(str(FIXTURES / "classic.json"), "--parameters", str(parameters))
    line = next(x for x in result.output.splitlines() if "ARM301" in x)
    assert line.endswith("parameter 'vmCount' is int but the value is null"), line


def test_paths_resolve_as_path_resolve_does(tmp_path: Path) -> None:
    """`armc.paths.resolved` joins a name to its parent's resolution unless the name is a
    link (lint's template directories, the loader's linked templates)."""
    from armc.paths import resolved

    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "link").symlink_to(tmp_path / "a" / "b")
    (tmp_path / "link" / "c").mkdir()
    (tmp_path / "chain").symlink_to(tmp_path / "link")
    cases = ["link/c", "link", "chain/c", "a/b/../b", "missing/x", "a/..", ".", "", "a/b/"]
    cases += ["link/../b", "chain/c/../../a"]
    memo: dict[str, Path] = {}  # shared: later cases reuse earlier parents
    for case in cases:
        path = str(tmp_path / case) if case else str(tmp_path)
        assert resolved(path, memo) == Path(path).resolve(), case
