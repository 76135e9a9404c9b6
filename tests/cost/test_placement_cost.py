"""Cost of placement: dedicated hosts are billed per hour by host SKU (ARM `DSv5-Type1` is the
catalog's `Dsv5_Type1`), VMs on them pay no compute of their own, Spot VMs take the Spot rate
and their max price is checked against it."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from armc.cost.catalog import default_catalog
from armc.cost.estimate import LoadRequest, estimate_files
from armc.cost.model import Estimate, cents

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
H = Decimal(730)
P4 = Decimal("5.8072")  # OS disk 30 GiB (image default) -> Premium SSD P4, westeurope
HOST = Decimal("6.325") * H  # Dsv5_Type1 host, westeurope

PROGRAM = """
param admin_key: string
location westeurope
vnet core 10.0.0.0/16 {
  subnet app 10.0.1.0/24
}
vm spot {
  image ubuntu-24.04
  subnet core.app
  spot delete max-price MAX
  admin azureuser ssh admin_key
}
"""


def _estimate(path: Path) -> Estimate:
    catalog = default_catalog()
    return estimate_files([path], catalog, request=LoadRequest(region="westeurope"))


def test_placement_sample() -> None:
    estimate = _estimate(SAMPLES / "placement.armc")
    by_name = {r.name: r for r in estimate.resources}
    for host in ("db-hosts/db-host-0", "db-hosts/db-host-1"):
        assert by_name[host].status == "priced"
        assert by_name[host].monthly_usd == HOST
        (line,) = by_name[host].lines
        assert line.entry is not None and line.entry.sku == "Dsv5_Type1"
    assert by_name["db-hosts"].status == "free"
    assert by_name["app-near"].status == "free"
    db = by_name["db"]
    assert db.monthly_usd == P4  # the OS disk only: the host pays for the compute
    assert any("billed with the host" in note for note in db.notes)
    app = Decimal("0.115") * H + P4  # D2s_v5 Linux pay-as-you-go
    assert by_name["app-0"].monthly_usd == app
    batch = 3 * (Decimal("0.021252") * H + P4)  # D2s_v5 Linux Spot
    assert by_name["batch"].monthly_usd == batch
    assert cents(estimate.total_monthly_usd) == cents(2 * HOST + P4 + 2 * app + batch)


def test_spot_max_price_below_the_spot_rate_is_noted(tmp_path: Path) -> None:
    notes = {}
    for cap in ("0.01", "0.05"):
        path = tmp_path / f"spot-{cap}.armc"
        path.write_text(PROGRAM.replace("MAX", cap), encoding="utf-8")
        (resource,) = [r for r in _estimate(path).resources if r.name == "spot"]
        notes[cap] = resource.notes
    assert any("below the Spot rate $0.021252/hour" in n for n in notes["0.01"])
    assert notes["0.05"] == ["Spot max price $0.05/hour"]
