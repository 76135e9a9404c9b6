"""Parameters files and --param values, checked against the template's declarations."""

from __future__ import annotations

import copy
import pickle
from pathlib import Path

import pytest

from armc.arm.parameters import (
    check_parameters,
    convert_cli_text,
    merge_supplied,
    parse_cli_params,
    read_parameters_file,
)
from armc.arm.values import Unknown
from armc.model.template import Parameter

FIXTURES = Path(__file__).parent / "fixtures"

DECLARED = {
    "prefix": Parameter("prefix", {"type": "string", "maxLength": 5}, ("parameters", "prefix")),
    "vmCount": Parameter(
        "vmCount", {"type": "int", "minValue": 1, "maxValue": 5}, ("parameters", "vmCount")
    ),
    "vmSize": Parameter(
        "vmSize",
        {"type": "string", "allowedValues": ["Standard_B2s", "Standard_D2s_v5"]},
        ("parameters", "vmSize"),
    ),
    "tags": Parameter("tags", {"type": "object", "defaultValue": {}}, ("parameters", "tags")),
}


def test_reading_a_parameters_file_keeps_key_spans() -> None:
    file = read_parameters_file(FIXTURES / "classic.parameters.json")
    assert file.ok and not file.diagnostics
    assert file.values["vmCount"].value == 3
    span = file.values["prefix"].span
    assert span is not None and span.line == 5


def test_a_supplied_value_copies_and_pickles_with_its_span() -> None:
    file = read_parameters_file(FIXTURES / "classic.parameters.json")
    value = file.values["prefix"]
    assert value.locate is not None  # found when first asked for
    again = pickle.loads(pickle.dumps(value))
    assert again == value and again.span == value.span and again.where() == value.span
    assert copy.copy(value) == value and hash(copy.copy(value)) == hash(value)
    with pytest.raises(AttributeError):
        value.name = "other"  # type: ignore[misc]


def test_key_vault_references_are_secret_unknowns(tmp_path: Path) -> None:
    path = tmp_path / "kv.parameters.json"
    path.write_text(
        '{"parameters": {"pw": {"reference": {"keyVault": {"id": "x"}, "secretName": "s"}},'
        ' "bad": 3}}'
    )
    file = read_parameters_file(path)
    value = file.values["pw"].value
    assert isinstance(value, Unknown) and value.secret
    assert [d.name for d in file.diagnostics] == ["invalid-parameters-file"]


def test_every_check_reports_where_the_value_is() -> None:
    file = read_parameters_file(FIXTURES / "bad.parameters.json")
    values, diagnostics = check_parameters(DECLARED, file.values)
    names = sorted(d.name for d in diagnostics)
    assert names == [
        "parameter-not-allowed",
        "parameter-out-of-range",
        "parameter-type-mismatch",
        "unknown-parameter",
    ]
    unknown = next(d for d in diagnostics if d.name == "unknown-parameter")
    assert unknown.hint == "did you mean 'prefix'?"
    assert unknown.span is not None and unknown.span.line == 5
    assert isinstance(values["prefix"], Unknown)  # wrong type: not used further
    assert values["vmCount"] == 9


def test_cli_values_are_converted_to_the_declared_type() -> None:
    cli, problems = parse_cli_params(["vmCount=3", "prefix=007", 'tags={"a": 1}', "oops"])
    assert [d.name for d in problems] == ["invalid-parameters-file"]
    values, diagnostics = check_parameters(DECLARED, cli)
    assert values == {"vmCount": 3, "prefix": "007", "tags": {"a": 1}}
    assert diagnostics == []
    assert convert_cli_text("true", "bool") is True
    assert convert_cli_text("[1]", "array") == [1]


def test_cli_overrides_the_file_case_insensitively() -> None:
    file = read_parameters_file(FIXTURES / "classic.parameters.json")
    cli, _ = parse_cli_params(["VMCOUNT=4"])
    merged = merge_supplied(file.values, cli)
    assert merged["VMCOUNT"].value == "4" and "vmCount" not in merged


def test_missing_values_and_bad_defaults() -> None:
    declared = {
        **DECLARED,
        "bad": Parameter("bad", {"type": "int", "defaultValue": "x"}, ("parameters", "bad")),
    }
    values, diagnostics = check_parameters(declared, {}, require_values=True)
    assert sorted(d.name for d in diagnostics) == [
        "missing-parameter-value",
        "missing-parameter-value",
        "missing-parameter-value",
        "parameter-type-mismatch",
    ]
    assert isinstance(values["bad"], Unknown)


def test_allowed_values_compare_strings_case_insensitively_and_arrays_whole() -> None:
    declared = {
        "size": Parameter("size", {"type": "string", "allowedValues": ["Small"]}, ("p",)),
        "pair": Parameter("pair", {"type": "array", "allowedValues": [["a", "b"]]}, ("q",)),
    }
    cli, _ = parse_cli_params(["size=small", 'pair=["a", "b"]'])
    _, diagnostics = check_parameters(declared, cli)
    assert diagnostics == []


def test_a_parameters_type_and_secure_flag_are_kept_after_first_use() -> None:
    parameter = Parameter("pw", {"type": "SecureString"}, ("parameters", "pw"))
    assert "type" not in vars(parameter)
    assert parameter.type == "securestring" and parameter.secure
    assert vars(parameter)["type"] == "securestring"  # stored: later reads skip the property
    assert Parameter("n", {"type": 3}, ("parameters", "n")).type == ""
    assert Parameter.type.__get__(None, Parameter) is Parameter.__dict__["type"]
