"""benchmarks/compare_checkov.py: the parts that do not need checkov or the corpus."""

from __future__ import annotations

from benchmarks.compare_checkov import TYPES_END, TYPES_START, Facts, anchor, types_section


def test_the_types_section_is_kept() -> None:
    previous = f"# old\n\n{TYPES_START}\n## Types\n\nkept text\n{TYPES_END}\n\nold tail\n"
    assert types_section(previous) == f"{TYPES_START}\n## Types\n\nkept text\n{TYPES_END}"


def test_empty_markers_when_there_is_no_section() -> None:
    assert types_section("# no markers") == f"{TYPES_START}\n{TYPES_END}"


def _facts(start: int, name: str, loop: bool = False) -> Facts:
    return Facts(start, start + 10, "microsoft.compute/virtualmachines", name, None, loop, True)


def test_a_finding_on_a_resource_line_stays() -> None:
    facts = {"t.json": [_facts(10, "a"), _facts(30, "b")]}
    assert anchor(("t.json", 30), "Microsoft.Compute/virtualMachines.b", facts) == (
        ("t.json", 30),
        False,
    )


def test_a_moved_finding_is_placed_by_name_then_by_copy_loop() -> None:
    facts = {"t.json": [_facts(10, "a"), _facts(30, "[concat('b', copyIndex())]", loop=True)]}
    by_name = anchor(("t.json", 3), "Microsoft.Compute/virtualMachines.a", facts)
    assert by_name == (("t.json", 10), True)
    by_loop = anchor(
        ("t.json", 3), "Microsoft.Compute/virtualMachines.[concat(b, copyindex())]", facts
    )
    assert by_loop == (("t.json", 30), True)


def test_an_ambiguous_finding_is_left_alone() -> None:
    facts = {"t.json": [_facts(10, "a"), _facts(30, "b")]}
    assert anchor(("t.json", 3), "Microsoft.Compute/virtualMachines.c", facts) == (
        ("t.json", 3),
        False,
    )
