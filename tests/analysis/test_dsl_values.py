"""DSL lint evaluates: rules see the compiled template's values as the ARM loader evaluates
them (parameter defaults, `--parameters`, `--param`), with findings on DSL lines."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from armc.analysis.dsl_values import _common
from armc.arm.values import Unknown
from armc.config import Config
from armc.linting import LintJob, lint_file

CASES = Path(__file__).parent / "cases"


def _lint(path: Path, *params: str, parameters_file: Path | None = None) -> list[str]:
    job = LintJob(path, True, path.parent, Config(select=("AZV014",)), parameters_file, params)
    outcome = lint_file(job)
    assert outcome.report is not None
    return [
        f"{d.code} {Path(d.span.file).name}:{d.span.line} {d.message}" if d.span else d.message
        for d in outcome.report.diagnostics
    ]


def test_a_parameter_default_is_evaluated() -> None:
    found = _lint(CASES / "AZV014" / "fire.armc")
    assert found == [
        "AZV014 fire.armc:32 VM 'app' has 3 data disks but size Standard_B1s "
        "(from parameter 'vmSize' = \"Standard_B1s\") allows 2"
    ]


def test_param_on_the_command_line_counts() -> None:
    clean = CASES / "AZV014" / "clean.armc"
    assert _lint(clean) == []
    found = _lint(clean, "vmSize=Standard_B1s")
    assert len(found) == 1 and found[0].startswith("AZV014 clean.armc:32 ")
    assert "(from parameter 'vmSize' = \"Standard_B1s\")" in found[0]


def test_a_parameters_file_counts(tmp_path: Path) -> None:
    values = {"vmSize": {"value": "Standard_B1s"}}
    document = {"$schema": "x/deploymentParameters.json#", "parameters": values}
    file = tmp_path / "p.json"
    file.write_text(json.dumps(document), encoding="utf-8")
    found = _lint(CASES / "AZV014" / "clean.armc", parameters_file=file)
    assert found == [  # as for ARM JSON: with a parameters file, missing values are reported
        "ARM305 clean.armc:3 parameter 'adminUsername' has no value and no default",
        "ARM305 clean.armc:4 parameter 'sshKey' has no value and no default",
        "AZV014 clean.armc:32 VM 'app' has 3 data disks but size Standard_B1s "
        "(from parameter 'vmSize' = \"Standard_B1s\") allows 2",
    ]


def test_a_bad_param_value_is_reported() -> None:
    found = _lint(CASES / "AZV014" / "clean.armc", "nosuch=2")
    assert found == ["parameter 'nosuch' given in --param is not declared by the template"]


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(0, 3) | st.sampled_from(["a", "b"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from("xyz"), inner),
    max_leaves=8,
)


@given(_JSON)
def test_instances_that_agree_keep_their_value(value: object) -> None:
    assert _common(value, value) == value


@given(_JSON, _JSON)
@example([[True], False, {}], [[True], 0, {}])  # False == 0 in Python, not in ARM
def test_instances_that_differ_never_give_a_wrong_value(first: object, second: object) -> None:
    """Where the merged value is known, both instances have it."""

    def check(merged: object, a: object, b: object) -> None:
        if isinstance(merged, Unknown):
            return
        if isinstance(merged, dict):
            assert isinstance(a, dict) and isinstance(b, dict)
            assert set(merged) == set(a) | set(b)
            for key, item in merged.items():
                check(item, a.get(key), b.get(key))
        elif isinstance(merged, list):
            assert isinstance(a, list) and isinstance(b, list)
            for item, x, y in zip(merged, a, b, strict=True):
                check(item, x, y)
        else:
            assert merged == a == b and type(a) is type(b)

    check(_common(first, second), first, second)
