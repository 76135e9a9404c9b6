"""Cost of images: a marketplace plan's software charge is noted, never guessed; the VM, its
disks and the gallery image VM are priced as usual."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from armc.cost.catalog import default_catalog
from armc.cost.estimate import LoadRequest, estimate_files

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def test_images_sample() -> None:
    catalog = default_catalog()
    estimate = estimate_files(
        [SAMPLES / "images.armc"], catalog, request=LoadRequest(region="westeurope")
    )
    by_name = {r.name: r for r in estimate.resources}
    assert by_name["router"].notes == ["the marketplace plan '17_13_01a-byol' is not priced"]
    d2 = Decimal("0.115") * 730 + Decimal("5.8072")  # D2s_v5 Linux + OS disk P4, westeurope
    assert by_name["current"].monthly_usd == d2
    assert by_name["hardened"].monthly_usd == d2
    assert by_name["router"].monthly_usd == Decimal("0.23") * 730 + Decimal("5.8072")
