"""Every sample compiles, validates against the official schemas and compiles deterministically."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from arm_document import arm_document
from conftest import ROOT, SAMPLES, VALIDATOR

from armc.dsl import compile_file
from armc.model.template import Template
from armc.source import SourceRegistry

SAMPLE_FILES = sorted(SAMPLES.glob("*.armc"))
REQUIRED = {
    "minimal-linux",
    "windows-keyvault",
    "web-tier",
    "vmss-lb",
    "multi-subnet",
    "secure-baseline",
}


def test_all_required_samples_exist() -> None:
    assert {p.stem for p in SAMPLE_FILES} >= REQUIRED


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.stem)
def test_sample_compiles(path: Path) -> None:
    template = compile_file(path, SourceRegistry())
    assert template.resources
    for resource in template.resources:
        assert template.span(resource.path) is not None
        assert "dependsOn" not in resource.body


@pytest.mark.skipif(not VALIDATOR.is_file(), reason="../shared/tools/validate_arm.py is absent")
def test_samples_validate_against_the_official_schemas(tmp_path: Path) -> None:
    for path in SAMPLE_FILES:
        document = arm_document(compile_file(path, SourceRegistry()))
        (tmp_path / f"{path.stem}.json").write_text(json.dumps(document, indent=2))
    result = subprocess.run(
        [sys.executable, str(VALIDATOR), str(tmp_path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{len(SAMPLE_FILES)} ok, 0 failed, 0 unchecked" in result.stdout


def test_secure_baseline_has_the_hardening() -> None:
    template = compile_file(SAMPLES / "secure-baseline.armc", SourceRegistry())
    vm = template.resource("vm:baseline")
    assert vm is not None
    properties = vm.body["properties"]
    assert properties["securityProfile"]["encryptionAtHost"] is True
    assert properties["osProfile"]["allowExtensionOperations"] is False
    assert properties["osProfile"]["linuxConfiguration"]["disablePasswordAuthentication"] is True
    assert not template.resources_of_type("Microsoft.Network/publicIPAddresses")


SCRIPT = """
import json, sys
sys.path.insert(0, {tests!r})
from arm_document import arm_document
from armc.dsl import compile_file
from armc.model.template import Template
from armc.source import SourceRegistry
paths = sys.argv[1:]
print(json.dumps([arm_document(compile_file(p, SourceRegistry())) for p in paths]))
"""


def test_output_is_identical_across_hash_seeds() -> None:
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
        script = SCRIPT.format(tests=str(Path(__file__).parent))
        result = subprocess.run(
            [sys.executable, "-c", script, *map(str, SAMPLE_FILES)],
            capture_output=True,
            text=True,
            check=True,
            env=env,
        )
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1]


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.stem)
def test_sample_dependencies_resolve_and_form_no_cycle(path: Path) -> None:
    from armc.model.graph import build_graph, find_cycles

    template = compile_file(path, SourceRegistry())
    keys = {r.key for r in template.resources}
    assert len(keys) == len(template.resources)
    for resource in template.resources:
        for dependency in resource.dependencies:
            assert dependency.target in keys
            assert dependency.span is not None
            assert dependency.path[:2] == resource.path
    assert find_cycles(build_graph(template)) == []


def _resolve(template: Template, path: tuple[str | int, ...]) -> bool:
    """True when `path` names a value of the template document."""
    head, *rest = path
    node: Any
    if head == "resources":
        node = [r.body for r in template.resources]
    elif head == "parameters":
        node = {name: p.body for name, p in template.parameters.items()}
    elif head == "outputs":
        node = {name: o.body for name, o in template.outputs.items()}
    else:
        return False
    for key in rest:
        in_dict = isinstance(node, dict) and key in node
        in_list = isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node)
        if not (in_dict or in_list):
            return False
        node = node[key]
    return True


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.stem)
def test_every_source_map_path_names_a_value(path: Path) -> None:
    template = compile_file(path, SourceRegistry())
    missing = [p for p, _ in template.source_map.items() if not _resolve(template, p)]
    assert missing == []
    for resource in template.resources:
        for dependency in resource.dependencies:
            assert _resolve(template, dependency.path), dependency
