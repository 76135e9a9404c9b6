"""Rules see evaluated values: a parameters file changes findings, unknowns stay silent."""

from __future__ import annotations

import json
from pathlib import Path

from armc.analysis.context import AdaptedValues
from armc.analysis.run import analyse
from armc.arm.loader import LoadOptions, load_template
from armc.arm.values import Unknown
from armc.config import Config

CASES = Path(__file__).resolve().parents[1] / "analysis" / "cases"


def lint(
    template: Path, rule: str, parameters: dict[str, object] | None, tmp_path: Path
) -> list[str]:
    options = LoadOptions()
    if parameters is not None:
        file = tmp_path / "values.parameters.json"
        file.write_text(
            json.dumps(
                {
                    "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
                    "contentVersion": "1.0.0.0",
                    "parameters": {k: {"value": v} for k, v in parameters.items()},
                }
            )
        )
        options = LoadOptions(parameters_file=file)
    loaded = load_template(template, options)
    values = AdaptedValues(loaded, lambda v: isinstance(v, Unknown))
    return [
        d.message for d in analyse(loaded.template, values=values, config=Config(select=(rule,)))
    ]


def test_a_parameters_file_value_is_checked_and_named(tmp_path: Path) -> None:
    clean = CASES / "AZV005" / "clean.json"
    assert lint(clean, "AZV005", None, tmp_path) == []
    found = lint(clean, "AZV005", {"appPrefix": "10.9.0.0/24"}, tmp_path)
    assert found == [
        "subnet 'param/app' has prefix 10.9.0.0/24 (from parameter 'appPrefix' = \"10.9.0.0/24\"), "
        "outside the VNet's address space 10.2.0.0/16"
    ]


def test_a_good_parameters_file_value_silences_a_default(tmp_path: Path) -> None:
    fire = CASES / "AZR006" / "fire.json"
    assert len(lint(fire, "AZR006", None, tmp_path)) == 2
    assert len(lint(fire, "AZR006", {"vmSize": "Standard_D2s_v5"}, tmp_path)) == 1


def test_secure_values_never_appear_in_messages(tmp_path: Path) -> None:
    fire = CASES / "AZS011" / "fire.json"
    messages = lint(fire, "AZS011", {"plainPassword": "Sup3r-Secret-Value"}, tmp_path)
    assert messages and not any("Sup3r" in m or "P4ssw0rd" in m for m in messages)
