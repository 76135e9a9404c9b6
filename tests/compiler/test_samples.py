"""Every sample compiles; its output matches the golden files, validates against the official
schemas, and is byte-identical across runs and hash seeds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from armc.cli import cli

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "samples").glob("*.armc"))
NO_SCHEMA_SAMPLES = sorted((ROOT / "samples" / "no-schema").glob("*.armc"))
"""Samples of resource types ../shared/schemas-azure has no schema for (validated as UNCHECKED
for exactly those types; everything else in them must validate)."""
NO_SCHEMA_TYPES = frozenset(
    {
        "Microsoft.RecoveryServices/vaults",
        "Microsoft.RecoveryServices/vaults/backupPolicies",
        "Microsoft.RecoveryServices/vaults/backupFabrics/protectionContainers/protectedItems",
        "Microsoft.Network/privateDnsZones",
        "Microsoft.Network/privateDnsZones/virtualNetworkLinks",
        "Microsoft.Network/privateDnsZones/A",
    }
)


def build(sample: Path, out: Path) -> None:
    result = CliRunner().invoke(cli, ["build", str(sample), "-o", str(out)])
    assert result.exit_code == 0, result.output


def test_the_required_samples_exist() -> None:
    names = {p.stem for p in SAMPLES}
    assert {
        "minimal-linux",
        "windows-keyvault",
        "web-tier",
        "vmss-lb",
        "multi-subnet",
        "secure-baseline",
    } <= names


@pytest.mark.parametrize("sample", SAMPLES + NO_SCHEMA_SAMPLES, ids=lambda p: p.stem)
def test_sample_matches_golden(sample: Path, tmp_path: Path, golden: Any) -> None:
    build(sample, tmp_path)
    for suffix in (".json", ".parameters.json"):
        name = sample.stem + suffix
        golden.check(f"build/{name}", (tmp_path / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_sample_validates_against_official_schemas(
    sample: Path, tmp_path: Path, arm_validator: Any
) -> None:
    build(sample, tmp_path)
    for suffix in (".json", ".parameters.json"):
        result = arm_validator.validate_path(tmp_path / (sample.stem + suffix))
        assert result.status == "OK", result.line()


@pytest.mark.parametrize("sample", NO_SCHEMA_SAMPLES, ids=lambda p: p.stem)
def test_no_schema_sample_is_unchecked_only_for_types_without_a_schema(
    sample: Path, tmp_path: Path, arm_validator: Any
) -> None:
    build(sample, tmp_path)
    result = arm_validator.validate_path(tmp_path / (sample.stem + ".json"))
    assert result.status == "UNCHECKED", result.line()
    assert {entry.partition("@")[0] for entry in result.unchecked} <= NO_SCHEMA_TYPES
    assert not result.errors
    parameters = arm_validator.validate_path(tmp_path / (sample.stem + ".parameters.json"))
    assert parameters.status == "OK", parameters.line()


def test_builds_are_byte_identical_across_hash_seeds(tmp_path: Path) -> None:
    outputs = []
    for seed in ("0", "4242"):
        out = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed}
        samples = [*SAMPLES, *NO_SCHEMA_SAMPLES]
        command = [sys.executable, "-m", "armc", "build", *map(str, samples), "-o", str(out)]
        run = subprocess.run(command, env=env, capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
        outputs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) == 2 * (len(SAMPLES) + len(NO_SCHEMA_SAMPLES))
