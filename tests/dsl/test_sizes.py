"""Sizes by workload: the catalogue's classes and families, and size requests resolved to the
cheapest priced size in the VM's region."""

from __future__ import annotations

import pytest
from conftest import compile_text, diagnostics_of
from hypothesis import given
from hypothesis import strategies as st

from armc.dsl.sizes import CLASSES, catalogue, family_of, resolve

HEAD = """
param admin_key: string
location westeurope
vnet core 10.0.0.0/16 {
  subnet web 10.0.1.0/24
}
"""


def vm(*settings: str, image: str = "ubuntu-24.04") -> str:
    body = "\n  ".join((f"image {image}", "subnet core.web", *settings))
    return f"vm app {{\n  {body}\n  admin azureuser ssh admin_key\n}}\n"


def size_of(text: str) -> str:
    template = compile_text(HEAD + text)
    vm_resource = next(r for r in template.resources if r.key == "vm:app")
    size: str = vm_resource.body["properties"]["hardwareProfile"]["vmSize"]
    return size


@pytest.mark.parametrize(
    ("name", "family", "workload"),
    [
        ("Standard_E8s_v5", "Esv5", "memory"),
        ("Standard_D2as_v5", "Dasv5", "general"),
        ("Standard_F4s_v2", "Fsv2", "compute"),
        ("Standard_L8s_v3", "Lsv3", "storage"),
        ("Standard_NC4as_T4_v3", "NCasT4_v3", "gpu"),
        ("Standard_HB120rs_v3", "HBrsv3", "hpc"),
        ("Standard_B2s", "Bs", "general"),
    ],
)
def test_family_and_class(name: str, family: str, workload: str) -> None:
    assert family_of(name) == (family, workload)


def test_every_catalogued_size_has_a_class() -> None:
    facts = catalogue()
    assert {f.workload for f in facts} == set(CLASSES)
    assert [f.name for f in facts if f.gpus] == ["Standard_NC4as_T4_v3"]


@pytest.mark.parametrize(
    ("request_text", "expected"),
    [
        ("memory 8vcpu 64gb", "Standard_E8s_v5"),
        ("memory 2vcpu", "Standard_E2s_v5"),
        ("general 2vcpu 8gb", "Standard_B2ms"),
        ("compute 4vcpu", "Standard_F4s_v2"),
        ("storage 8vcpu", "Standard_L8s_v3"),
        ("gpu 1gpu", "Standard_NC4as_T4_v3"),
    ],
)
def test_requests_resolve_to_the_cheapest_match(request_text: str, expected: str) -> None:
    assert size_of(vm(f"size {request_text}")) == expected


@given(
    st.sampled_from(["general", "compute", "memory"]),
    st.integers(min_value=1, max_value=8),
    st.integers(min_value=0, max_value=32),
)
def test_a_resolved_size_meets_the_request(workload: str, vcpus: int, memory: int) -> None:
    choice = resolve(workload, vcpus, memory, 0, "westeurope", "linux")
    if choice is None:
        return
    assert choice.size.workload == workload
    assert choice.size.vcpus >= vcpus and choice.size.memory_gib >= memory
    cheaper = [
        c
        for c in catalogue()
        if c.workload == workload and c.vcpus >= vcpus and c.memory_gib >= memory
    ]
    assert choice.size.name in {c.name for c in cheaper}
    assert "cheapest" in choice.reason(workload, "westeurope", "linux")


def test_windows_prices_pick_the_size_too() -> None:
    text = vm("size memory 4vcpu", "admin2", image="windows-2022").replace(
        "  admin2\n  admin azureuser ssh admin_key", "  admin winadmin password pw"
    )
    assert size_of("param pw: secure string\n" + text) == "Standard_E4s_v5"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        (vm("size memory 8vcpu 64gb", "location eastus2euap"), "no memory size"),
        (vm("size gpu 4gpu"), "no gpu size"),
        (vm("size memory eight"), "size CLASS [Nvcpu] [Ngb] [Ngpu]"),
        (vm("size memory 8vcpu 8vcpu"), "size CLASS"),
    ],
)
def test_bad_requests(text: str, fragment: str) -> None:
    found = [(d.code, d.message) for d in diagnostics_of(HEAD + text)]
    assert any(c == "DSL311" and fragment in m for c, m in found), found


def test_a_request_needs_a_literal_region() -> None:
    text = "param region: string\n" + HEAD.replace("location westeurope", "location region")
    found = [d.message for d in diagnostics_of(text + vm("size memory 8vcpu"))]
    assert any("write 'location REGION'" in m for m in found), found
