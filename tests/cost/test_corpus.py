"""`armc cost` over every VM template of the shared corpus: no crash, unpriced items explicit,
and the whole corpus priced in well under a minute."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from armc.cost.catalog import default_catalog
from armc.cost.estimate import estimate_files
from armc.cost.render import render_estimate


@pytest.fixture(scope="module")
def vm_templates(shared_dir: Path) -> list[tuple[Path, str]]:
    corpus = shared_dir / "corpus"
    if not (corpus / "INDEX.tsv").is_file():
        pytest.skip(f"the corpus is absent: {corpus}")
    rows = [r.split("\t") for r in (corpus / "INDEX.tsv").read_text("utf-8").splitlines()[1:]]
    return [(corpus / r[0], r[1]) for r in rows if r[4].strip() == "1"]


def test_every_vm_template_is_priced_or_explicitly_unpriced(
    vm_templates: list[tuple[Path, str]],
) -> None:
    assert len(vm_templates) > 400
    catalog = default_catalog()
    start = time.perf_counter()
    priced_vms = 0
    for path, kind in vm_templates:
        estimate = estimate_files([path], catalog, strict=False)
        if kind == "bicep":  # armc reads ARM JSON: a Bicep file is reported, not skipped
            assert estimate.problems and "Bicep" in estimate.problems[0]
            continue
        assert estimate.problems == [], path
        for cost in estimate.resources:
            if cost.status in ("unpriced", "partial", "not-modelled"):
                assert cost.unpriced, (path, cost.key)
        vms = [r for r in estimate.resources if "virtualmachine" in r.type.lower()]
        assert vms, path
        priced_vms += sum(r.status == "priced" for r in vms)
        text = render_estimate(estimate, "table")
        assert ("UNPRICED" in text) == any(r.unpriced for r in estimate.resources)
    elapsed = time.perf_counter() - start
    assert priced_vms > 100
    assert elapsed < 60, f"pricing the corpus took {elapsed:.1f} s"
