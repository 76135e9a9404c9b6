"""Property-based tests: random valid programs build schema-valid templates, deterministically;
random mutations of real templates never crash lint (nor any rule)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from armc.config import Config
from armc.dsl import compile_source
from armc.dsl.format import format_source
from armc.emit.arm import emit_arm
from armc.emit.bicep import emit_bicep
from armc.linting import LintJob, lint_file

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus"

# --- a small program IR and its text --------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    access: str
    direction: str
    protocol: str
    port: str
    source: str


@dataclass(frozen=True)
class Vm:
    name: str
    count: int | None
    size: str
    image: str
    subnet: int
    public_ip: bool
    nsg: bool
    tag: str | None
    data_disks: tuple[str, ...]


@dataclass(frozen=True)
class Program:
    location: str | None
    subnets: int
    rules: tuple[Rule, ...]
    vms: tuple[Vm, ...]
    env_default: str
    output_ids: bool

    def text(self) -> str:
        lines = [
            "param key: string",
            f'param env: string = "{self.env_default}" allowed("dev", "prod")',
        ]
        if self.location:
            lines.append(f"location {self.location}")
        lines.append('tags { env: env, owner: "platform" }')
        lines.append("vnet core 10.0.0.0/16 {")
        lines += [f"  subnet s{i} 10.0.{i}.0/24" for i in range(self.subnets)]
        lines.append("}")
        if self.rules:
            lines.append("nsg edge {")
            for number, rule in enumerate(self.rules):
                lines.append(
                    f"  {rule.access} {rule.direction} {rule.protocol} {rule.port} "
                    f"from {rule.source} priority {100 + 10 * number}"
                )
            lines.append("}")
        for vm in self.vms:
            count = f"[{vm.count}]" if vm.count is not None else ""
            lines.append(f"vm {vm.name}{count} {{")
            lines.append(f"  size {vm.size}")
            lines.append(f"  image {vm.image}")
            lines.append(f"  subnet core.s{vm.subnet % self.subnets}")
            lines.append("  admin azureuser ssh key")
            if vm.public_ip:
                lines.append("  public-ip")
            if vm.nsg and self.rules:
                lines.append("  nsg edge")
            for disk in vm.data_disks:
                lines.append(f"  data-disk {disk}")
            if vm.tag is not None:
                lines.append(f"  tags {{ note: {json.dumps(vm.tag)} }}")
            lines.append("}")
        if self.output_ids:
            for vm in self.vms:
                where = "[0]" if vm.count is not None else ""
                lines.append(f"output {vm.name}_id = {vm.name}{where}.id")
        return "\n".join(lines) + "\n"


_rules = st.builds(
    Rule,
    st.sampled_from(["allow", "deny"]),
    st.sampled_from(["in", "out"]),
    st.sampled_from(["tcp", "udp", "*"]),
    st.sampled_from(["443", "80", "8000-8080", "22", "*"]),
    st.sampled_from(["Internet", "VirtualNetwork", "10.0.0.0/8", "*"]),
)
_tag = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12).filter(
    lambda t: "$" not in t and "\\" not in t
)


@st.composite
def programs(draw: st.DrawFn) -> Program:
    names = draw(st.lists(st.sampled_from(["web", "app", "db", "jump"]), unique=True, max_size=3))
    vms = tuple(
        Vm(
            name=name,
            count=draw(st.one_of(st.none(), st.integers(1, 3))),
            size=draw(st.sampled_from(["Standard_B2s", "Standard_D2s_v5", "Standard_D4as_v5"])),
            image=draw(st.sampled_from(["ubuntu-24.04", "ubuntu-22.04", "debian-12", "rhel-9"])),
            subnet=draw(st.integers(0, 3)),
            public_ip=draw(st.booleans()),
            nsg=draw(st.booleans()),
            tag=draw(st.one_of(st.none(), _tag)),
            data_disks=tuple(
                draw(st.lists(st.sampled_from(["standard-ssd 64", "premium 128"]), max_size=2))
            ),
        )
        for name in names
    )
    return Program(
        location=draw(st.sampled_from([None, "westeurope", "eastus2"])),
        subnets=draw(st.integers(1, 3)),
        rules=tuple(draw(st.lists(_rules, max_size=3))),
        vms=vms,
        env_default=draw(st.sampled_from(["dev", "prod"])),
        output_ids=draw(st.booleans()),
    )


@st.composite
def layouts(draw: st.DrawFn, text: str) -> str:
    """`text` laid out the way a person might type it: any indentation (spaces or tabs),
    trailing whitespace, runs of blank lines, comments on their own lines and after code, and
    doubled spaces between the words of a line without a string. The meaning is unchanged."""
    out: list[str] = []
    for line in text.splitlines():
        for _ in range(draw(st.integers(0, 2))):
            out.append(draw(st.sampled_from(["", "   ", "\t", "# a note", "  # indented note"])))
        code = line.strip()
        if '"' not in code and draw(st.booleans()):
            code = code.replace(" ", draw(st.sampled_from(["  ", "\t", " \t "])))
        indent = draw(st.sampled_from(["", " ", "    ", "\t", "      "]))
        trailing = draw(st.sampled_from(["", " ", "\t", "  # trailing", " #x"]))
        out.append(indent + code + trailing)
    ending = draw(st.sampled_from(["\n", "\n\n\n", ""]))
    return "\n".join(out) + ending


def _build(text: str) -> tuple[str, str, str, str]:
    """The ARM template and parameters, and the Bicep files, built from `text`."""
    template = compile_source(text, "random.armc")
    arm = emit_arm(template)
    bicep = emit_bicep(template, "random")
    return arm.template, arm.parameters, bicep.template, bicep.parameters


@settings(max_examples=30, deadline=None)
@given(st.data(), programs())
def test_random_programs_build_schema_valid_templates_deterministically(
    arm_validator: Any, data: st.DataObject, program: Program
) -> None:
    text = program.text()
    first = _build(text)
    assert _build(text) == first
    for rendered in first[:2]:
        result = arm_validator.validate_document(json.loads(rendered), file_name="random")
        assert result.status == "OK", (text, result.line())
    # `armc fmt` round-trips: formatting is idempotent, and the formatted program (also from
    # a messy layout of it) builds byte-identical ARM JSON and Bicep.
    formatted = format_source(text)
    assert format_source(formatted) == formatted
    assert _build(formatted) == first
    messy = data.draw(layouts(text), label="layout")
    tidied = format_source(messy)
    assert format_source(tidied) == tidied
    assert _build(messy) == first
    assert _build(tidied) == first


# --- mutations of real templates never crash lint ---------------------------------------------


def _corpus() -> list[Path]:
    fixtures = sorted((ROOT / "tests" / "arm" / "fixtures").glob("*.json"))
    if not CORPUS.is_dir():
        return fixtures
    shared = sorted(p for p in CORPUS.rglob("azuredeploy.json") if p.stat().st_size < 60_000)
    return fixtures + shared[:: max(1, len(shared) // 40)]


TEMPLATES = _corpus()
SWAPS: list[Any] = [
    None,
    True,
    0,
    -1,
    10**30,
    1e308,
    "",
    "[",
    "[concat(]",
    [],
    {},
    [[[]]],
    {"": {}},
]


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            out += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            out += _paths(item, (*prefix, index))
    return out


def _replace(document: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    parent = document
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = new
    return document


@st.composite
def mutated_templates(draw: st.DrawFn) -> str:
    source = draw(st.sampled_from(TEMPLATES))
    text = source.read_text(encoding="utf-8-sig")
    kind = draw(st.sampled_from(["delete", "insert", "swap", "deepen", "huge"]))
    if kind in ("delete", "insert"):
        for _ in range(draw(st.integers(1, 3))):
            position = draw(st.integers(0, len(text)))
            if kind == "delete":
                text = text[:position] + text[position + draw(st.integers(1, 3)) :]
            else:
                piece = draw(st.sampled_from(["{", "}", "[", "]", ",", '"', ":", "/*", "1e999"]))
                text = text[:position] + piece + text[position:]
        return text
    try:
        document = json.loads(text)
    except ValueError:
        return text
    paths = _paths(document)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(paths))
        try:
            if kind == "swap":
                new: Any = draw(st.sampled_from(SWAPS))
            elif kind == "huge":
                new = draw(st.sampled_from([10**400, -(10**30), 1e300, 2**63, "9" * 30]))
            else:
                new = draw(st.sampled_from([[], {"a": None}]))
                for _ in range(draw(st.integers(50, 400))):
                    new = [new]
            document = _replace(document, path, new)
        except (KeyError, IndexError, TypeError):
            continue
        paths = _paths(document)
    return json.dumps(document)


@pytest.mark.skipif(not TEMPLATES, reason="no templates to mutate")
@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(mutated_templates())
def test_mutated_templates_never_crash_lint(tmp_path: Path, text: str) -> None:
    path = tmp_path / "mutated.json"
    path.write_text(text, encoding="utf-8")
    outcome = lint_file(LintJob(path, True, tmp_path, Config()))
    assert outcome.report is not None
    crashed = [d for d in outcome.report.diagnostics if d.code == "ARMC001"]
    assert not crashed, crashed[0].message
