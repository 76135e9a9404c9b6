"""Totals exact to the cent against hand calculation from the shipped catalog's prices.

Every expected amount below is written out from the catalog rows it uses (USD; hourly meters
× 730 hours; disks per month)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from armc.cost.catalog import default_catalog
from armc.cost.estimate import LoadError, LoadRequest, estimate_files
from armc.cost.model import Estimate, cents
from armc.cost.pricing import PricingOptions

TEMPLATES = Path(__file__).parent / "templates"
SAMPLES = Path(__file__).resolve().parents[2] / "samples"
H = Decimal(730)


def _estimate(name: str, region: str = "eastus", pricing: str = "payg", **kw: object) -> Estimate:
    catalog = default_catalog()
    request = LoadRequest(region=region, **kw)  # type: ignore[arg-type]
    options = PricingOptions(catalog, region=region, pricing=pricing)
    return estimate_files([TEMPLATES / name], catalog, request=request, options=options)


def _by_name(estimate: Estimate) -> dict[str, Decimal]:
    return {r.name: r.monthly_usd for r in estimate.resources}


def test_westeurope_linux_copy_loop_and_disk_tiers() -> None:
    estimate = _estimate("westeurope-linux-copy.json")
    vm = (
        Decimal("0.115") * H  # Standard_D2s_v5 Linux westeurope
        + Decimal("21.68")  # OS disk 100 GiB Premium -> P10
        + Decimal("19.2")  # data 200 GiB Standard SSD -> E15
        + Decimal("40.96")  # data 1000 GiB Standard HDD -> S30
    )
    disk = Decimal("5.8072")  # 20 GiB Premium -> P4
    assert _by_name(estimate) == {"web-0": vm, "web-1": vm, "scratch": disk, "net": Decimal(0)}
    assert estimate.total_monthly_usd == 2 * vm + disk
    assert cents(estimate.total_monthly_usd) == Decimal("337.39")
    assert not estimate.unpriced


def test_copy_count_from_a_parameter_value() -> None:
    estimate = _estimate("westeurope-linux-copy.json", params=("vmCount=3",))
    assert cents(estimate.total_monthly_usd) == Decimal("503.18")  # 3 × 165.79 + 5.8072


def test_northeurope_windows_hybrid_benefit_and_spot() -> None:
    estimate = _estimate("northeurope-windows.json")
    win = Decimal("0.398") * H + Decimal("19.71") + Decimal("73.22")  # D4s_v5 Win, P10, P20
    ahub = Decimal("0.214") * H + Decimal("19.71")  # Linux rate; 127 GiB default -> P10
    spot = Decimal("0.068394") * H + Decimal("10.207")  # D4s v5 Spot; 64 GiB -> P6
    assert _by_name(estimate) == {"win": win, "win-ahub": ahub, "batch": spot}
    assert cents(estimate.total_monthly_usd) == Decimal("619.53")
    notes = {r.name: r.notes for r in estimate.resources}
    assert notes["win-ahub"] == []
    lines = [line.description for r in estimate.resources for line in r.lines]
    assert any("(image default, assumed)" in d for d in lines)


def test_savings_plan_where_the_catalog_has_it() -> None:
    estimate = _estimate("northeurope-windows.json", pricing="savings-plan-1y")
    costs = {r.name: r for r in estimate.resources}
    assert costs["win-ahub"].monthly_usd == Decimal("0.1612704") * H + Decimal("19.71")
    # no Windows savings-plan price in the catalog: pay-as-you-go, and said so
    assert costs["win"].monthly_usd == Decimal("0.398") * H + Decimal("19.71") + Decimal("73.22")
    assert any("savings-plan-1y" in n for n in costs["win"].notes)
    assert cents(estimate.total_monthly_usd) == Decimal("581.04")


def test_eastus_vmss_public_ips_load_balancer_with_a_parameters_file() -> None:
    params = TEMPLATES / "eastus-vmss-lb.parameters.json"
    estimate = _estimate("eastus-vmss-lb.json", parameters_file=params)
    workers = 3 * (Decimal("0.0416") * H + Decimal("10.207") + Decimal("2.4"))  # B2s, P6, E4
    lb = Decimal("0.025") * H + 2 * Decimal("0.01") * H  # 7 rules: 5 included + 2 overage
    assert _by_name(estimate) == {
        "workers": workers,
        "front-ip": Decimal("0.005") * H,  # Standard static
        "legacy-ip": Decimal("0.004") * H,  # no SKU: Basic, dynamic
        "legacy-static-ip": Decimal("0.0036") * H,
        "front": lb,
        "jump": Decimal("0.188") * H + Decimal("1.536"),  # D2s_v5 Windows, 32 GiB HDD -> S4
    }
    assert cents(estimate.total_monthly_usd) == Decimal("309.75")
    usage = [(r.name, line.unit_usd) for r in estimate.resources for line in r.lines if line.usage]
    assert ("front", Decimal("0.005")) in usage  # data processed, per GB: listed, not guessed
    assert ("front-ip", None) in usage  # egress: no price in the catalog


def test_vmss_capacity_default_and_region_from_resource_group() -> None:
    estimate = _estimate("eastus-vmss-lb.json")
    workers = next(r for r in estimate.resources if r.name == "workers")
    assert workers.monthly_usd == 2 * (Decimal("0.0416") * H + Decimal("10.207") + Decimal("2.4"))
    assert workers.region == "eastus"
    other = _estimate("eastus-vmss-lb.json", region="westus2")
    jump = next(r for r in other.resources if r.name == "jump")
    assert jump.region == "westus2" and jump.status == "partial"
    assert "the catalog has no Windows payg price for Standard_D2s_v5 in westus2" in jump.unpriced


def test_unpriced_items_are_reported_never_estimated() -> None:
    estimate = _estimate("australiaeast-bastion.json")
    status = {r.name: (r.status, r.unpriced) for r in estimate.resources}
    assert status["ops"] == ("priced", [])
    assert status["ops-ip"] == (
        "unpriced",
        ["the catalog has no 'Standard IPv4 Static Public IP' price in australiaeast"],
    )
    assert status["gpu"][0] == "unpriced"
    assert status["logs"] == (
        "not-modelled",
        ["armc does not price Microsoft.Storage/storageAccounts"],
    )
    assert status["old"] == ("free", [])
    assert estimate.total_monthly_usd == Decimal("0.19") * H  # 138.70: Bastion only


def test_hours_are_configurable() -> None:
    catalog = default_catalog()
    options = PricingOptions(catalog, region="eastus", hours=Decimal(100))
    path = TEMPLATES / "australiaeast-bastion.json"
    estimate = estimate_files([path], catalog, options=options)
    assert estimate.total_monthly_usd == Decimal("19.00")


@pytest.mark.parametrize(
    ("sample", "total"),
    [
        # 3 × (D2as_v5 0.096 × 730 + P4 5.2795) + LB 0.025 × 730; the Standard IP is unpriced
        ("vmss-lb.armc", Decimal("244.33")),
        # D4s_v5 Windows 0.414 × 730 + P10 21.68 + P15 41.811428 (westeurope)
        ("windows-keyvault.armc", Decimal("365.71")),
    ],
)
def test_dsl_files_are_priced_through_the_same_loader(sample: str, total: Decimal) -> None:
    catalog = default_catalog()
    request = LoadRequest(region="westeurope")
    estimate = estimate_files([SAMPLES / sample], catalog, request=request)
    assert cents(estimate.total_monthly_usd) == total


def test_files_that_cannot_be_loaded(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    bicep = tmp_path / "main.bicep"
    bicep.write_text("param x string\n", encoding="utf-8")
    catalog = default_catalog()
    with pytest.raises(LoadError):
        estimate_files([bad], catalog)
    loose = estimate_files([bad, bicep], catalog, strict=False)
    assert len(loose.problems) == 2 and "Bicep" in loose.problems[1]
