"""A value chosen by a parameter is checked on each alternative, and the finding names the
parameter and value; an unknown alternative never produces a finding."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from armc.analysis.context import AdaptedValues, RuleContext
from armc.analysis.run import analyse
from armc.arm.loader import load_template
from armc.arm.values import Unknown
from armc.config import Config

LINUX = {"disablePasswordAuthentication": True, "ssh": {"publicKeys": [{"keyData": "k"}]}}
CHOICE = "[if(equals(parameters('auth'), 'password'), null(), variables('linux'))]"


def template(auth: dict[str, Any], linux: Any = CHOICE, image: str = "Canonical") -> dict[str, Any]:
    return {
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "parameters": {"auth": auth},
        "variables": {"linux": LINUX},
        "resources": [
            {
                "type": "Microsoft.Compute/virtualMachines",
                "apiVersion": "2023-09-01",
                "name": "vm",
                "location": "westeurope",
                "properties": {
                    "osProfile": {
                        "computerName": "vm",
                        "adminUsername": "azureuser",
                        "linuxConfiguration": linux,
                    },
                    "storageProfile": {
                        "imageReference": {
                            "publisher": image,
                            "offer": "o",
                            "sku": "s",
                            "version": "latest",
                        }
                    },
                },
            }
        ],
    }


def lint(doc: dict[str, Any], rule: str, tmp_path: Path) -> list[str]:
    path = tmp_path / "t.json"
    path.write_text(json.dumps(doc, indent=2), encoding="utf-8")
    loaded = load_template(path)
    values = AdaptedValues(loaded, lambda v: isinstance(v, Unknown))
    found = analyse(loaded.template, values=values, config=Config(select=(rule,)))
    return [d.message for d in found]


ALLOWED = {"type": "string", "defaultValue": "key", "allowedValues": ["key", "password"]}


@pytest.mark.parametrize("rule", ["AZS001", "AZS017"])
def test_each_allowed_value_is_checked_and_named(rule: str, tmp_path: Path) -> None:
    [message] = lint(template(ALLOWED), rule, tmp_path)
    assert "when parameter 'auth' is \"password\"" in message
    assert "(its default)" not in message


@pytest.mark.parametrize("rule", ["AZS001", "AZS017"])
def test_the_default_is_said(rule: str, tmp_path: Path) -> None:
    auth = {**ALLOWED, "defaultValue": "password"}
    [message] = lint(template(auth), rule, tmp_path)
    assert 'is "password" (its default)' in message


@pytest.mark.parametrize("rule", ["AZS001", "AZS017"])
def test_no_alternative_without_passwords_is_silent(rule: str, tmp_path: Path) -> None:
    auth = {"type": "string", "defaultValue": "key", "allowedValues": ["key"]}
    assert lint(template(auth), rule, tmp_path) == []


def test_a_parameter_without_allowed_values_names_the_condition(tmp_path: Path) -> None:
    [message] = lint(template({"type": "string"}), "AZS001", tmp_path)
    assert "when parameter 'auth' is \"password\"" in message


def test_an_os_armc_cannot_tell_gives_no_finding(tmp_path: Path) -> None:
    """Without linuxConfiguration and with an unknown publisher, the machine may be Windows."""
    doc = template(ALLOWED, linux=None, image="somevendor")
    del doc["resources"][0]["properties"]["osProfile"]["linuxConfiguration"]
    assert lint(doc, "AZS001", tmp_path) == []
    assert lint(doc, "AZS017", tmp_path) == []


def test_unknown_alternatives_are_skipped(tmp_path: Path) -> None:
    doc = template(
        ALLOWED,
        linux="[if(equals(parameters('auth'), 'password'), reference('x'), variables('linux'))]",
    )
    assert lint(doc, "AZS001", tmp_path) == []


def test_a_windows_publisher_is_windows(tmp_path: Path) -> None:
    from armc.semantics.compute import os_kind

    doc = template(ALLOWED, image="MicrosoftWindowsServer")
    del doc["resources"][0]["properties"]["osProfile"]["linuxConfiguration"]
    path = tmp_path / "t.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    loaded = load_template(path)
    ctx = RuleContext(loaded.template, AdaptedValues(loaded, lambda v: isinstance(v, Unknown)))
    assert os_kind(ctx, loaded.template.resources[0]) == "windows"


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    others=st.lists(
        st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8).filter(
            lambda s: s != "password"
        ),
        min_size=1,
        max_size=4,
        unique=True,
    ),
    with_password=st.booleans(),
    data=st.data(),
)
def test_fires_exactly_when_an_allowed_value_enables_passwords(
    others: list[str], with_password: bool, data: st.DataObject, tmp_path: Path
) -> None:
    allowed = [*others, "password"] if with_password else list(others)
    allowed = data.draw(st.permutations(allowed))
    default = data.draw(st.sampled_from(allowed))
    auth = {"type": "string", "defaultValue": default, "allowedValues": allowed}
    found = lint(template(auth), "AZS001", tmp_path)
    assert len(found) == (1 if with_password else 0)
    if with_password:
        assert "parameter 'auth' is \"password\"" in found[0]
        assert ("(its default)" in found[0]) == (default == "password")
