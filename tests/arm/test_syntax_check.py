"""Every expression syntax error in a template is reported where it is written, whether
evaluation read the string (and reported it) or not. `LoadedTemplate.check_syntax` looks for
errors in the text only when evaluation did not read every string opening with `[`: that
shortcut must report what looking everywhere reports."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from armc.arm.loaded import LoadedTemplate
from armc.arm.loader import LoadOptions, load_template

SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"
BROKEN = "[concat('a']"
VM = {"type": "Microsoft.Compute/virtualMachines", "apiVersion": "2023-03-01", "name": "vm"}


def _text(**sections: Any) -> str:
    template = {"$schema": SCHEMA, "contentVersion": "1.0.0.0", **sections}
    return json.dumps(template, indent=2)


def _problems(tmp_path: Path, text: str) -> list[tuple[str, int, int, str]]:
    path = tmp_path / "t.json"
    path.write_text(text, encoding="utf-8")
    loaded = load_template(path, LoadOptions(), display="t.json")
    loaded.evaluate_all()
    return [
        (d.name, d.span.line if d.span else 0, d.span.column if d.span else 0, d.message)
        for d in loaded.diagnostics
    ]


def _nested(parameters: dict[str, Any]) -> str:
    return _text(
        resources=[
            {
                "type": "Microsoft.Resources/deployments",
                "apiVersion": "2022-09-01",
                "name": "inner",
                "properties": {
                    "mode": "Incremental",
                    "expressionEvaluationOptions": {"scope": "inner"},
                    "template": {
                        "$schema": SCHEMA,
                        "contentVersion": "1.0.0.0",
                        "parameters": parameters,
                        "resources": [{**VM, "location": BROKEN}],
                    },
                },
            }
        ]
    )


_TEXTS = {
    "read": _text(resources=[{**VM, "location": BROKEN}]),
    "read twice": _text(resources=[{**VM, "location": BROKEN, "tags": {"a": BROKEN}}]),
    "unread": _text(parameters={"p": {"type": "string", "allowedValues": [BROKEN]}}),
    "unread output member": _text(outputs={"o": {"type": "string", "value": "x", "x": BROKEN}}),
    "escaped bracket": _text(
        parameters={"p": {"type": "string", "allowedValues": ["@x(]"]}}
    ).replace('"@', '"\\u005b'),
    "Copy variable": _text(variables={"Copy": [{"name": "v", "count": 1, "input": BROKEN}]}),
    "expression key": _text(resources=[{**VM, "tags": {BROKEN: "[concat('b')]"}}]),
    "template metadata": _text(metadata={"note": BROKEN}, resources=[VM]),
    "nested scope": _nested({"q": {"type": "string", "allowedValues": [BROKEN]}}),
    "nested scope, all read": _nested({"q": {"type": "string", "defaultValue": BROKEN}}),
}


@pytest.mark.parametrize("name", sorted(_TEXTS))
def test_the_shortcut_reports_what_looking_everywhere_reports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    text = _TEXTS[name]
    found = _problems(tmp_path, text)
    monkeypatch.setattr(LoadedTemplate, "_read_every_bracketed_string", lambda _: False)
    assert found == _problems(tmp_path, text)
    if name != "template metadata":
        assert any(problem[0] == "expression-syntax" for problem in found)
