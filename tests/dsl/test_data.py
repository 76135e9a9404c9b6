"""The data files: present, dated, sourced, and consistent with what the compiler needs."""

from __future__ import annotations

import datetime
import re

from armc import data
from armc.dsl.lower_des_grant import ACCESS_POLICY_API, DEPLOYMENT_API, ROLE_ASSIGNMENT_API
from armc.dsl.lower_names import TYPES


def test_every_file_is_dated_and_sourced() -> None:
    for name in ("api_versions.json", "images.json", "vm_sizes.json"):
        content = data.load(name)
        datetime.date.fromisoformat(content["as_of"])
        assert content["source"]


def test_every_emitted_type_has_a_pinned_stable_api_version() -> None:
    # The des grant pins its nested deployment's apiVersion itself: in the catalogue, AZP005
    # would judge every template's nested deployments by it.
    pinned = {"Microsoft.Resources/deployments": DEPLOYMENT_API}
    for type_name in TYPES.values():
        if type_name.endswith("/subnets"):
            continue
        version = pinned.get(type_name) or data.api_version(type_name)
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", version), version
    for version in (DEPLOYMENT_API, ROLE_ASSIGNMENT_API, ACCESS_POLICY_API):
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", version), version


def test_images_are_complete() -> None:
    for alias, image in data.images().items():
        assert image.urn.count(":") == 3 and image.os in ("linux", "windows")
        assert image.generation in ("V1", "V2")
        assert image.end_of_life is not None and image.source, alias
        datetime.date.fromisoformat(image.end_of_life)


def test_sizes_are_plausible() -> None:
    for name, size in data.vm_sizes().items():
        assert name.startswith("Standard_") and size.vcpus >= 1 and size.memory_gib > 0
        assert set(size.generations) <= {"V1", "V2"} and size.max_data_disks >= 1
