"""No secret leaks: a planted secret never appears in any output of any command.

Secrets are planted where a user keeps them: the default of a secure parameter, the values a
parameters file or `--param` gives secure parameters (also when they break allowedValues or
length limits, so that diagnostics talk about them), a Key Vault reference and `list*()`
results. OUTPUTS is the table of every (command, arguments) whose output is grepped; when a new
output exists, add its row here."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.bad_inputs.cases import PARAMS_SCHEMA, template

ROOT = Path(__file__).resolve().parents[2]
SECRET = "Pl4nted-S3cret-Zq9"

TEMPLATE = template(
    parameters={
        "pw": {
            "type": "securestring",
            "defaultValue": SECRET + "-default",
            "allowedValues": ["short", SECRET + "-allowed"],
            "minLength": 60,
        },
        "pw2": {"type": "securestring", "allowedValues": ["x"], "maxLength": 3},
        "obj": {"type": "secureObject", "defaultValue": {"k": SECRET + "-object"}},
        "kv": {"type": "securestring"},
    },
    variables={
        "keys": "[listKeys(resourceId('Microsoft.Storage/storageAccounts', 'sa'), "
        "'2023-01-01').keys[0].value]",
        "derived": "[concat(parameters('pw'), '-x')]",
    },
    resources=[
        {
            "type": "Microsoft.Compute/virtualMachines",
            "apiVersion": "2023-09-01",
            "name": "vm",
            "location": "westus",
            "properties": {
                "osProfile": {
                    "computerName": "vm",
                    "adminUsername": "azureuser",
                    "adminPassword": "[parameters('pw')]",
                    "linuxConfiguration": {"disablePasswordAuthentication": False},
                },
                "hardwareProfile": {"vmSize": "[parameters('pw')]"},
                "a": "[substring(parameters('pw'), 100, 2)]",
                "b": "[add(parameters('pw'), 1)]",
                "c": "[variables('keys')[5]]",
                "d": "[int(variables('derived'))]",
            },
        }
    ],
    outputs={
        "o": {"type": "string", "value": "[parameters('pw')]"},
        "k": {"type": "string", "value": "[variables('keys')]"},
    },
)
PARAMETERS = json.dumps(  # one line: a code frame of any diagnostic in it shows every value
    {
        "$schema": PARAMS_SCHEMA,
        "contentVersion": "1.0.0.0",
        "parameters": {
            "pw": {"value": SECRET + "-file"},
            "pw2": {"value": SECRET + "-file2"},
            "kv": {
                "reference": {
                    "keyVault": {
                        "id": "/subscriptions/0/resourceGroups/r/providers/"
                        "Microsoft.KeyVault/vaults/v"
                    },
                    "secretName": "s",
                }
            },
        },
    }
)
DSL = f"""\
param pw: secure string = "{SECRET}-dsl"
param key: string
var vault = "/subscriptions/0/resourceGroups/r/providers/Microsoft.KeyVault/vaults/v"
param win: secure string keyvault(vault, "win-admin-password")
vnet core 10.0.0.0/16 {{
  subnet app 10.0.1.0/24
}}
vm app {{
  image ubuntu-24.04
  subnet core.app
  admin azureuser ssh key
}}
output leak = pw
"""
DSL_OK = DSL.replace(f' = "{SECRET}-dsl"', "").replace("output leak = pw\n", "")

BROKEN_PARAMETERS = {  # files that do not parse, the secret on the line of the error
    "missing-comma.json": f'{{"parameters": {{"pw": {{"value": "{SECRET}" "x"}}}}}}',
    "unterminated.json": f'{{"parameters": {{"pw": {{"value": "{SECRET}\n}}}}}}',
    "unquoted.json": f'{{"parameters": {{"pw": {{"value": {SECRET}}}}}}}',
}
FORMATS = ("text", "json", "sarif", "github", "junit", "markdown")
LINT_JSON = ("lint", "t.json", "--parameters", "p.json", "--param", f"pw2={SECRET}-cli")
OUTPUTS: list[tuple[str, tuple[str, ...]]] = [
    *((f"lint-json-{f}", (*LINT_JSON, "--format", f)) for f in FORMATS),
    *((f"lint-json-dir-{f}", ("lint", ".", "--format", f)) for f in FORMATS),
    *((f"lint-armc-{f}", ("lint", "bad.armc", "--format", f)) for f in FORMATS),
    ("lint-json-baseline", (*LINT_JSON, "--write-baseline", "baseline.json")),
    ("build-armc-error", ("build", "bad.armc", "-o", "out")),
    ("build-armc-ok", ("build", "ok.armc", "--stdout")),
    ("build-armc-bicep", ("build", "ok.armc", "--target", "bicep", "--stdout")),
    *((f"cost-json-{f}", ("cost", "t.json", "--format", f)) for f in ("table", "json", "markdown")),
    *((f"cost-armc-{f}", ("cost", "ok.armc", "--format", f)) for f in ("table", "json")),
    *((f"graph-json-{f}", ("graph", "t.json", "--format", f)) for f in ("dot", "mermaid", "json")),
    *((f"graph-armc-{f}", ("graph", "ok.armc", "--format", f)) for f in ("dot", "json")),
    ("explain-resource", ("explain", "t.json", "--resource", "vm")),
    *(
        (f"lint-broken-{name[:-5]}-{f}", ("lint", "t.json", "--parameters", name, "--format", f))
        for name in BROKEN_PARAMETERS
        for f in ("text", "json", "sarif")
    ),
    *((f"cost-broken-{n[:-5]}", ("cost", "t.json", "--parameters", n)) for n in BROKEN_PARAMETERS),
]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("secrets")
    (path / "t.json").write_text(TEMPLATE, encoding="utf-8")
    (path / "p.json").write_text(PARAMETERS, encoding="utf-8")
    (path / "t.parameters.json").write_text(PARAMETERS, encoding="utf-8")
    (path / "bad.armc").write_text(DSL, encoding="utf-8")
    (path / "ok.armc").write_text(DSL_OK, encoding="utf-8")
    for name, text in BROKEN_PARAMETERS.items():
        (path / name).write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("name", "args"), OUTPUTS, ids=[name for name, _ in OUTPUTS])
def test_no_output_shows_a_planted_secret(name: str, args: tuple[str, ...], folder: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "armc", *args],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    written = [p for p in folder.rglob("*") if p.is_file() and p.suffix in (".json", ".sarif")]
    produced = [p.read_text(encoding="utf-8") for p in written if p.name == "baseline.json"]
    output = result.stdout + result.stderr + "".join(produced)
    assert "Traceback" not in output
    assert output.strip(), "the command printed something to check"
    assert result.returncode in (0, 1, 2), output[-2000:]
    assert SECRET not in output, [line for line in output.splitlines() if SECRET in line][:3]


def test_the_planted_secrets_are_where_a_leak_would_show_them(folder: Path) -> None:
    # the diagnostics that could leak exist: a failed allowedValues check of the file value and
    # of --param, a length check, a secure default, a secret output
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "armc", *LINT_JSON, "--format", "json"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    codes = {d["code"] for d in json.loads(result.stdout)["diagnostics"]}
    assert {"ARM302", "ARM303", "AZS002", "AZS004"} <= codes
