"""Whole members given by an object parameter: `properties: p` and `tags t` keep their meaning."""

from __future__ import annotations

import json
from typing import Any

import pytest
from conftest import NETWORK, compile_text, diagnostics_of

from armc.emit.arm import emit_arm
from armc.emit.bicep import emit_bicep

RAW = 'resource "Microsoft.Storage/storageAccounts@2023-01-01" st {{\n{body}\n}}\n'
PARAMS = 'param p: object = { a: 1 }\nparam t: object = { env: "x" }\n'


def body_of(text: str, key: str = "resource:st") -> dict[str, Any]:
    resource = compile_text(text).resource(key)
    assert resource is not None
    return resource.body


def test_properties_from_an_object_parameter_are_emitted() -> None:
    text = PARAMS + RAW.format(body="  properties: p")
    template = compile_text(text)
    assert body_of(text)["properties"] == "[parameters('p')]"
    emitted = json.loads(emit_arm(template).template)
    assert emitted["resources"][0]["properties"] == "[parameters('p')]"
    assert "properties: p\n" in emit_bicep(template, "st").template


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("tags t", "[parameters('t')]"),
        ("tags (t)", "[parameters('t')]"),
        ('tags (union(t, { b: "c" }))', "[union(parameters('t'), createObject('b', 'c'))]"),
        ('tags { b: "c" }', {"b": "c"}),
    ],
)
def test_tags_from_an_object_parameter_are_emitted(clause: str, expected: object) -> None:
    assert body_of(PARAMS + RAW.format(body="  " + clause))["tags"] == expected


def test_default_tags_come_first_and_lose_to_the_parameter() -> None:
    text = 'tags { owner: "me" }\n' + PARAMS + RAW.format(body="  tags t")
    assert body_of(text)["tags"] == "[union(createObject('owner', 'me'), parameters('t'))]"


def test_tags_from_a_parameter_reach_every_expanded_resource() -> None:
    text = (
        PARAMS
        + NETWORK
        + "vm web {\n  image ubuntu-24.04\n  subnet core.web\n  admin azureuser ssh admin_key\n"
        + "  tags t\n}\n"
    )
    assert body_of(text, "vm:web")["tags"] == "[parameters('t')]"
    assert body_of(text, "nic:web-nic")["tags"] == "[parameters('t')]"


@pytest.mark.parametrize(
    ("clause", "code"),
    [("tags nothing", "DSL201"), ('tags ("x")', "DSL311"), ("tags (1 + 2)", "DSL301")],
)
def test_tags_that_are_not_an_object_are_rejected(clause: str, code: str) -> None:
    assert diagnostics_of(PARAMS + RAW.format(body="  " + clause))[0].code == code
