"""Images: catalogue aliases (with end-of-life dates), gallery images by id, marketplace images
with purchase plans."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import NETWORK, compile_text, diagnostics_of

from armc import data

GALLERY = (
    "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/"
    "Microsoft.Compute/galleries/g/images/hardened/versions/1.0.0"
)


def vm(*settings: str) -> str:
    body = "\n  ".join(("subnet core.web", *settings))
    return f"vm app {{\n  {body}\n  admin azureuser ssh admin_key\n}}\n"


def body(text: str) -> dict[str, Any]:
    resources = {r.key: r.body for r in compile_text(NETWORK + text).resources}
    return resources["vm:app"]


def errors(text: str) -> list[tuple[str, str]]:
    return [(d.code, d.message) for d in diagnostics_of(NETWORK + text)]


def test_every_alias_has_an_end_of_life_date() -> None:
    for alias, image in data.images().items():
        assert image.end_of_life is not None, alias
        assert image.source, alias


def test_gallery_image_by_id() -> None:
    found = body(vm(f'image gallery "{GALLERY}"', "os linux", "trusted-launch on"))
    properties = found["properties"]
    assert properties["storageProfile"]["imageReference"] == {"id": GALLERY}
    assert properties["securityProfile"]["securityType"] == "TrustedLaunch"
    patch = properties["osProfile"]["linuxConfiguration"]["patchSettings"]
    assert patch["patchMode"] == "ImageDefault"  # not a catalogue image
    assert "plan" not in found


def test_marketplace_plan_from_the_urn() -> None:
    found = body(vm('image "cisco:c8000v:byol:latest" plan', "os linux"))
    assert found["plan"] == {"name": "byol", "product": "c8000v", "publisher": "cisco"}
    assert "securityProfile" not in found["properties"]  # not asked for: the image may lack it


def test_explicit_plan() -> None:
    found = body(vm('image "cisco:c8000v:byol:latest"', "plan byol-17 c8000v cisco", "os linux"))
    assert found["plan"] == {"name": "byol-17", "product": "c8000v", "publisher": "cisco"}


@pytest.mark.parametrize(
    ("text", "code", "fragment"),
    [
        (vm(f'image gallery "{GALLERY}"'), "DSL106", "needs 'os linux' or 'os windows'"),
        (vm('image gallery "not-an-id"', "os linux"), "DSL311", "/galleries/"),
        (vm("image ubuntu-24.04 plan", "os linux"), "DSL311", '"publisher:offer:sku:version"'),
        (vm('image "a:b:c:d" plan'), "DSL106", "needs 'os linux'"),
        (
            vm('image "cisco:c8000v:byol:latest"', "plan byol other cisco", "os linux"),
            "DSL311",
            "must be the image's offer and publisher",
        ),
    ],
)
def test_misuse_is_an_error(text: str, code: str, fragment: str) -> None:
    found = errors(text)
    assert any(c == code and fragment in m for c, m in found), found
