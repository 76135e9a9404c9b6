"""Versioned data files (apiVersions, images, VM sizes), each loaded once, lazily.

Every file carries its `source` and `as_of` date; the files live inside the package so a wheel
ships them."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).parent


@functools.cache
def load(name: str) -> dict[str, Any]:
    """The parsed JSON data file `name` (e.g. "images.json")."""
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


@dataclass(frozen=True, slots=True)
class Image:
    alias: str
    publisher: str
    offer: str
    sku: str
    version: str
    os: str  # "linux" or "windows"
    generation: str  # "V1" or "V2"
    trusted_launch: bool
    end_of_life: str | None
    source: str | None = None

    @property
    def urn(self) -> str:
        return f"{self.publisher}:{self.offer}:{self.sku}:{self.version}"


@dataclass(frozen=True, slots=True)
class VmSize:
    name: str
    vcpus: int
    memory_gib: float
    premium_storage: bool
    accelerated_networking: bool
    max_data_disks: int
    generations: tuple[str, ...]


@functools.cache
def images() -> dict[str, Image]:
    """The image catalogue by alias (`ubuntu-24.04`)."""
    return {
        alias: Image(
            alias=alias,
            publisher=entry["publisher"],
            offer=entry["offer"],
            sku=entry["sku"],
            version=entry["version"],
            os=entry["os"],
            generation=entry["generation"],
            trusted_launch=bool(entry["trusted_launch"]),
            end_of_life=entry.get("end_of_life"),
            source=entry.get("source"),
        )
        for alias, entry in load("images.json")["images"].items()
    }


def vm_size(name: str, entry: dict[str, Any]) -> VmSize:
    """One size from its entry in a sizes file."""
    return VmSize(
        name=name,
        vcpus=int(entry["vcpus"]),
        memory_gib=float(entry["memory_gib"]),
        premium_storage=bool(entry["premium_storage"]),
        accelerated_networking=bool(entry["accelerated_networking"]),
        max_data_disks=int(entry["max_data_disks"]),
        generations=tuple(entry["generations"]),
    )


@functools.cache
def vm_sizes() -> dict[str, VmSize]:
    """Known VM sizes by name (`Standard_D2s_v5`)."""
    return {name: vm_size(name, entry) for name, entry in load("vm_sizes.json")["sizes"].items()}


@functools.cache
def vm_sizes_by_lower_name() -> dict[str, VmSize]:
    """`vm_sizes()` keyed by lower-cased name (ARM compares sizes case-insensitively)."""
    return {name.lower(): size for name, size in vm_sizes().items()}


@functools.cache
def api_versions_by_lower_type() -> dict[str, str]:
    """`api_versions()` keyed by lower-cased resource type."""
    return {name.lower(): version for name, version in api_versions().items()}


@functools.cache
def api_versions() -> dict[str, str]:
    """The pinned apiVersion per resource type."""
    versions: dict[str, str] = load("api_versions.json")["api_versions"]
    return versions


def api_version(resource_type: str) -> str:
    return api_versions()[resource_type]
