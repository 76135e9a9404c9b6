"""`armc graph`: every sample in every format; golden dot/mermaid/json; SVG through Graphviz."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from armc.cli import cli
from armc.dsl import compile_source
from armc.graph_export import graph_view, monthly_costs, to_dot, to_json, to_mermaid
from armc.model.graph import build_graph
from tests.tools.helpers import ROOT, TOP_SAMPLES

FORMATS = ("dot", "mermaid", "json")
SUFFIX = {"dot": "dot", "mermaid": "md", "json": "json"}


def run_graph(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["graph", *args])
    return result.exit_code, result.output


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("path", TOP_SAMPLES, ids=lambda p: p.stem)
def test_samples_render_like_their_golden_files(
    path: Path, fmt: str, golden: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    code, text = run_graph(f"samples/{path.name}", "--format", fmt, "--no-cost")
    assert code == 0, text
    golden(f"tools/graph/{path.stem}.{SUFFIX[fmt]}", text)  # type: ignore[operator]


@pytest.mark.parametrize("path", TOP_SAMPLES, ids=lambda p: p.stem)
def test_json_graph_matches_the_model_graph(path: Path) -> None:
    template = compile_source(path.read_text(encoding="utf-8"), str(path))
    graph = build_graph(template)
    document = json.loads(to_json(graph_view(template, graph)))
    assert [n["id"] for n in document["nodes"]] == [r.key for r in template.resources]
    assert {(e["from"], e["to"]) for e in document["edges"]} == set(graph.edges)
    for edge in document["edges"]:
        assert edge["references"], edge
        assert all("line" in ref for ref in edge["references"])


@pytest.mark.parametrize("path", TOP_SAMPLES, ids=lambda p: p.stem)
def test_svg_through_graphviz(path: Path, tmp_path: Path) -> None:
    if shutil.which("dot") is None:
        pytest.skip("Graphviz's dot is not installed (Debian package graphviz)")
    out = tmp_path / "graph.svg"
    code, text = run_graph(str(path), "--format", "svg", "-o", str(out))
    assert code == 0, text
    svg = out.read_text(encoding="utf-8")
    assert "<svg" in svg and "</svg>" in svg
    template = compile_source(path.read_text(encoding="utf-8"), str(path))
    assert svg.count('class="node"') == len(template.resources)


def test_svg_without_graphviz_names_the_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    code, text = run_graph(str(TOP_SAMPLES[0]), "--format", "svg")
    assert code == 2
    assert "Debian package 'graphviz'" in text


def test_exposure_annotations() -> None:
    template = compile_source((ROOT / "samples" / "web-tier.armc").read_text(), "web.armc")
    view = graph_view(template, build_graph(template))
    exposure = {node.key: node.exposure for node in view.nodes}
    assert exposure["pip:web-pip"] == "public IP"
    assert exposure["lb:web"] == "public IP web-pip"
    assert exposure["nic:web-{0}-nic"] == "through load balancer web"
    assert exposure["vm:web-{0}"] == "through NIC web-{0}-nic"
    assert exposure["nsg:web"] == "inbound allowed on 443"
    assert exposure["vnet:core"] is None


def test_private_vm_is_not_exposed() -> None:
    template = compile_source((ROOT / "samples" / "minimal-linux.armc").read_text(), "minimal.armc")
    view = graph_view(template, build_graph(template))
    assert all(node.exposure is None for node in view.nodes)


def test_cost_annotations_render_in_every_format() -> None:
    template = compile_source((ROOT / "samples" / "minimal-linux.armc").read_text(), "m.armc")
    vm = next(r for r in template.resources if r.type_lower.endswith("/virtualmachines"))
    costs = {(vm.type_lower, vm.name): (Decimal("70.08"), True)}
    view = graph_view(template, build_graph(template), costs)
    assert "$70.08/month" in to_dot(view)
    assert "$70.08/month" in to_mermaid(view)
    nodes = json.loads(to_json(view))["nodes"]
    assert [n["monthly_usd"] for n in nodes if n["id"] == vm.key] == ["70.08"]
    assert all("monthly_usd" in n for n in nodes)


def test_partly_priced_resources_show_a_minimum() -> None:
    template = compile_source((ROOT / "samples" / "minimal-linux.armc").read_text(), "m.armc")
    vm = next(r for r in template.resources if r.type_lower.endswith("/virtualmachines"))
    view = graph_view(
        template, build_graph(template), {(vm.type_lower, vm.name): (Decimal(5), False)}
    )
    assert "at least $5.00/month" in to_dot(view)
    node = next(n for n in json.loads(to_json(view))["nodes"] if n["id"] == vm.key)
    assert node["monthly_usd"] == "5.00" and node["monthly_usd_complete"] is False


def test_monthly_costs_is_optional() -> None:
    costs = monthly_costs(ROOT / "samples" / "minimal-linux.armc")
    try:
        import armc.cost  # noqa: F401
    except ImportError:
        assert costs is None
    else:
        assert costs is not None
        vm = costs[("microsoft.compute/virtualmachines", "app")]
        assert vm[0] > 0 and isinstance(vm[1], bool)


def test_arm_template_graph_uses_evaluated_names() -> None:
    code, text = run_graph(str(ROOT / "tests" / "arm" / "fixtures" / "classic.json"), "-f", "json")
    assert code == 0, text
    names = [n["name"] for n in json.loads(text)["nodes"]]
    assert "demo-vnet" in names
    assert not any(name.startswith("[") for name in names)


def test_unreadable_input_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.armc"
    bad.write_text("vm x {\n", encoding="utf-8")
    code, text = run_graph(str(bad))
    assert code == 2
    assert "DSL104" in text
    assert run_graph(str(tmp_path / "missing.json"))[0] == 2


def test_arm_exposure_names_are_evaluated(tmp_path: Path) -> None:
    pip_id = "[resourceId('Microsoft.Network/publicIPAddresses', variables('pip'))]"
    template = {
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "variables": {"pip": "web-pip"},
        "resources": [
            {
                "type": "Microsoft.Network/publicIPAddresses",
                "apiVersion": "2024-05-01",
                "name": "[variables('pip')]",
                "location": "westeurope",
            },
            {
                "type": "Microsoft.Network/networkInterfaces",
                "apiVersion": "2024-05-01",
                "name": "web-nic",
                "location": "westeurope",
                "properties": {
                    "ipConfigurations": [
                        {"name": "ip", "properties": {"publicIPAddress": {"id": pip_id}}}
                    ]
                },
            },
        ],
    }
    path = tmp_path / "t.json"
    path.write_text(json.dumps(template), encoding="utf-8")
    code, text = run_graph(str(path), "-f", "json")
    assert code == 0, text
    exposure = {n["name"]: n["internet_exposure"] for n in json.loads(text)["nodes"]}
    assert exposure == {"web-pip": "public IP", "web-nic": "public IP web-pip"}
