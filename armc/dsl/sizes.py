"""Sizes by workload: each catalogued size's class, and `size CLASS [Nvcpu] [Ngb] [Ngpu]`
resolved to the cheapest matching size that the price catalog prices in the VM's region.

The class follows Azure's size naming (the family letters after `Standard_`): A, B and D are
general purpose, F compute optimized, E and M memory optimized, L storage optimized, N GPU and
H high-performance compute (https://learn.microsoft.com/azure/virtual-machines/vm-naming-conventions)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from armc import data

CLASSES = ("general", "compute", "memory", "storage", "gpu", "hpc")
FAMILY_CLASSES = {
    "A": "general",
    "B": "general",
    "D": "general",
    "F": "compute",
    "E": "memory",
    "M": "memory",
    "L": "storage",
    "N": "gpu",
    "H": "hpc",
}
_FAMILY = re.compile(
    r"^(?:Standard|Basic)_([A-Z]+)(\d+)([a-z]*)((?:_[A-Z][A-Za-z0-9]*)?)(?:_(v\d+))?$"
)


@dataclass(frozen=True, slots=True)
class SizeFacts:
    """What a size request is matched against."""

    name: str
    family: str  # "Dsv5", "NCasT4_v3" ...
    workload: str  # one of CLASSES
    vcpus: int
    memory_gib: float
    gpus: int
    premium_storage: bool
    accelerated_networking: bool
    generations: tuple[str, ...]


def family_of(name: str) -> tuple[str, str] | None:
    """(family, class) of a size name such as Standard_E8s_v5 -> ("Esv5", "memory")."""
    match = _FAMILY.match(name)
    if match is None:
        return None
    letters, _, features, accelerator, version = match.groups()
    workload = FAMILY_CLASSES.get(letters[0])
    if workload is None:
        return None
    suffix = f"_{version}" if accelerator and version else version or ""
    return f"{letters}{features}{accelerator.lstrip('_')}{suffix}", workload


def catalogue() -> list[SizeFacts]:
    """Every size of `vm_sizes.json` whose class is known, by name."""
    facts: list[SizeFacts] = []
    entries = data.load("vm_sizes.json")["sizes"]
    for name, size in sorted(data.vm_sizes().items()):
        family = family_of(name)
        if family is None:
            continue
        entry = entries[name]
        facts.append(
            SizeFacts(
                name,
                family[0],
                family[1],
                size.vcpus,
                size.memory_gib,
                int(entry.get("gpus", 0)),
                size.premium_storage,
                size.accelerated_networking,
                size.generations,
            )
        )
    return facts


@dataclass(frozen=True, slots=True)
class Choice:
    """The resolved size, its hourly price and how many sizes matched."""

    size: SizeFacts
    usd_per_hour: Decimal
    candidates: int

    def reason(self, request: str, region: str, os_name: str) -> str:
        return (
            f"'{request}' is {self.size.name} ({self.size.vcpus} vCPU, "
            f"{self.size.memory_gib:g} GiB"
            + (f", {self.size.gpus} GPU" if self.size.gpus else "")
            + f"): the cheapest of {self.candidates} matching size(s) at ${self.usd_per_hour}"
            f"/hour ({os_name}, pay-as-you-go, {region})"
        )


def resolve(
    workload: str, vcpus: int, memory_gib: int, gpus: int, region: str, os_name: str
) -> Choice | None:
    """The cheapest size of `workload` with at least the given vCPUs, memory and GPUs that the
    price catalog prices in `region` for `os_name`; ties go to fewer vCPUs, then the name."""
    from armc.cost.catalog import default_catalog

    catalog = default_catalog()
    priced: list[tuple[Decimal, int, str, SizeFacts]] = []
    for size in catalogue():
        if size.workload != workload or size.vcpus < vcpus:
            continue
        if size.memory_gib < memory_gib or size.gpus < gpus:
            continue
        entry = catalog.find("vm", region, size.name, os=os_name)
        if entry is not None:
            priced.append((entry.usd, size.vcpus, size.name, size))
    if not priced:
        return None
    priced.sort(key=lambda item: item[:3])
    usd, _, _, size = priced[0]
    return Choice(size, usd, len(priced))
