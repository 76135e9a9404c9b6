"""Malformed programs: each gives a located diagnostic with a stable code."""

from __future__ import annotations

import pytest
from conftest import diagnostics_of

from armc.dsl.codes import CODES

NET = "vnet core 10.0.0.0/16 {\n  subnet web 10.0.1.0/24\n}\n"
KEY = "param k: string\n"


def vm(*lines: str, name: str = "a") -> str:
    body = "".join(f"  {line}\n" for line in lines)
    return f"vm {name} {{\n{body}}}\n"


# (description, program, code, line, column)
CASES: list[tuple[str, str, str, int, int]] = [
    ("unterminated string", 'param x: string = "abc\n', "DSL102", 1, 19),
    ("missing parameter type", "param x: = 3\n", "DSL101", 1, 10),
    ("unknown top-level keyword", "vn core 10.0.0.0/16\n", "DSL105", 1, 1),
    ("misspelt 'param'", "parm x: int\n", "DSL101", 1, 7),
    ("unexpected character", "location westeurope\nvar x = 3 ; 4\n", "DSL103", 2, 11),
    ("unclosed block", "vnet core 10.0.0.0/16 {\n  subnet a 10.0.1.0/24\n", "DSL104", 3, 1),
    ("unknown vm setting", KEY + NET + vm("imgae ubuntu-24.04", "subnet core.web"), "DSL105", 6, 3),
    ("broken interpolation", 'var x = "a-${1 +}"\n', "DSL108", 1, 17),
    ("empty interpolation", 'var x = "a-${}"\n', "DSL108", 1, 12),
    ("expression missing at end of line", "var x = \n", "DSL101", 1, 9),
    (
        "undefined subnet",
        KEY + NET + vm("image ubuntu-24.04", "subnet core.wbe", "admin azureuser ssh k"),
        "DSL201",
        7,
        10,
    ),
    (
        "duplicate vm",
        KEY + NET + vm("image ubuntu-24.04", "subnet core.web", "admin azureuser ssh k") * 2,
        "DSL202",
        10,
        4,
    ),
    ("duplicate parameter", "param a: int\nparam a: string\n", "DSL202", 2, 7),
    ("undefined name in a variable", 'param env: string\nvar x = evn + "x"\n', "DSL201", 2, 9),
    ("default of the wrong type", 'param n: int = "three"\n', "DSL301", 1, 16),
    ("prefix length out of range", "vnet core 10.0.0.0/33\n", "DSL302", 1, 11),
    ("host bits set", "vnet core 10.0.0.1/16\n", "DSL302", 1, 11),
    (
        "subnet outside its vnet",
        "vnet core 10.0.0.0/16 {\n  subnet web 10.1.0.0/24\n}\n",
        "DSL303",
        2,
        14,
    ),
    (
        "overlapping subnets",
        "vnet core 10.0.0.0/16 {\n  subnet a 10.0.1.0/24\n  subnet b 10.0.1.128/25\n}\n",
        "DSL309",
        3,
        12,
    ),
    (
        "port out of range",
        "nsg web {\n  allow in tcp 70000 from Internet priority 100\n}\n",
        "DSL304",
        2,
        16,
    ),
    (
        "unknown image alias",
        KEY + NET + vm("image ubuntu-2404", "subnet core.web", "admin azureuser ssh k"),
        "DSL305",
        6,
        9,
    ),
    (
        "unknown VM size",
        KEY
        + NET
        + vm(
            "size Standrd_D2s_v5", "image ubuntu-24.04", "subnet core.web", "admin azureuser ssh k"
        ),
        "DSL306",
        6,
        8,
    ),
    (
        "literal password",
        NET + vm("image windows-2022", "subnet core.web", 'admin azureuser password "P@ssw0rd!"'),
        "DSL307",
        7,
        28,
    ),
    (
        "SSH key on Windows",
        KEY + NET + vm("image windows-2022", "subnet core.web", "admin azureuser ssh k"),
        "DSL308",
        8,
        23,
    ),
    (
        "NSG rule without priority",
        "nsg web {\n  allow in tcp 22 from VirtualNetwork\n}\n",
        "DSL106",
        2,
        38,
    ),
    (
        "duplicate NSG priority",
        "nsg web {\n  allow in tcp 22 from VirtualNetwork priority 100\n"
        "  allow in tcp 80 from VirtualNetwork priority 100\n}\n",
        "DSL314",
        3,
        48,
    ),
    (
        "NSG priority out of range",
        "nsg web {\n  allow in tcp 22 from VirtualNetwork priority 50\n}\n",
        "DSL313",
        2,
        48,
    ),
    (
        "count that is not an int",
        KEY + NET + vm("image ubuntu-24.04", "subnet core.web", "admin u1 ssh k", name='a["2"]'),
        "DSL310",
        5,
        6,
    ),
    (
        "Linux VM without credentials",
        NET + vm("image ubuntu-24.04", "subnet core.web"),
        "DSL312",
        4,
        4,
    ),
    (
        "password from a non-secure parameter",
        "param pw: string\n"
        + NET
        + vm("image windows-2022", "subnet core.web", "admin azureuser password pw"),
        "DSL307",
        8,
        28,
    ),
    ("Bastion in the wrong subnet", NET + "bastion ops subnet core.web\n", "DSL315", 4, 20),
    (
        "zone and availability set",
        KEY
        + "avset s\n"
        + NET
        + vm("image ubuntu-24.04", "subnet core.web", "zone 1", "avset s", "admin azureuser ssh k"),
        "DSL316",
        10,
        9,
    ),
    (
        "resource type without apiVersion",
        'resource "Microsoft.Insights/actionGroups" ag {\n  location: "global"\n}\n',
        "DSL317",
        1,
        10,
    ),
    (
        "unknown attribute",
        KEY
        + NET
        + vm("image ubuntu-24.04", "subnet core.web", "admin azureuser ssh k")
        + "output x = a.fqdn\n",
        "DSL318",
        10,
        12,
    ),
    ("unknown function", 'var x = lowr("A")\n', "DSL207", 1, 9),
    ("variable cycle", "var a = b\nvar b = a\noutput o = a\n", "DSL206", 1, 5),
    ("'not' applied to an int", "var x = not 3\n", "DSL301", 1, 13),
    (
        "secure parameter with a literal default",
        'param pw: secure string = "hunter2"\n',
        "DSL307",
        1,
        27,
    ),
    ("unknown parameter type", "param x: strng\n", "DSL301", 1, 10),
    ("arithmetic on a string", 'var x = "a" * 2\n', "DSL301", 1, 9),
    (
        "reserved admin user name",
        KEY + NET + vm("image ubuntu-24.04", "subnet core.web", "admin root ssh k"),
        "DSL311",
        8,
        9,
    ),
    (
        "misspelt service tag",
        "nsg web {\n  allow in tcp 443 from Internt priority 100\n}\n",
        "DSL302",
        2,
        25,
    ),
    ("import of a missing file", 'import "nowhere.armc"\n', "DSL204", 1, 1),
    (
        "setting given twice",
        KEY
        + NET
        + vm("image ubuntu-24.04", "image debian-12", "subnet core.web", "admin azureuser ssh k"),
        "DSL110",
        7,
        3,
    ),
    ("pair where a clause is expected", "nsg web {\n  priority: 100\n}\n", "DSL109", 2, 3),
]


@pytest.mark.parametrize(
    ("program", "code", "line", "column"),
    [pytest.param(p, c, ln, col, id=d) for d, p, c, ln, col in CASES],
)
def test_malformed_program_is_located(program: str, code: str, line: int, column: int) -> None:
    diagnostics = diagnostics_of(program)
    located = [(d.code, d.span.line, d.span.column) for d in diagnostics if d.span is not None]
    assert (code, line, column) in located, located
    matching = next(d for d in diagnostics if d.code == code)
    assert matching.name == CODES[code]
    assert matching.span is not None and matching.span.file == "test.armc"


def test_there_are_at_least_25_cases() -> None:
    assert len(CASES) >= 25


def test_did_you_mean_hints() -> None:
    hints: dict[str, str | None] = {}
    for _, program, _, _, _ in CASES:
        for diagnostic in diagnostics_of(program):
            hints.setdefault(diagnostic.code, diagnostic.hint)
    assert hints["DSL105"] == "did you mean 'vnet'?"
    assert hints["DSL305"] == "did you mean 'ubuntu-24.04'?"
    assert hints["DSL306"] == "did you mean 'Standard_D2s_v5'?"


def test_diagnostics_are_sorted_and_all_reported() -> None:
    program = (
        "param a: int = true\nparam b: strng\nvnet core 10.0.0.0/8 {\n  subnet x 11.0.0.0/24\n}\n"
    )
    diagnostics = diagnostics_of(program)
    positions = [(d.span.line, d.span.column) for d in diagnostics if d.span]
    assert positions == sorted(positions)
    assert {d.code for d in diagnostics} >= {"DSL301", "DSL303"}


def test_declaration_names_must_be_plain() -> None:
    diagnostics = diagnostics_of("nsg a.b\nnsg c/d\n")
    assert [(d.code, d.span.line, d.span.column) for d in diagnostics if d.span] == [
        ("DSL205", 1, 5),
        ("DSL205", 2, 5),
    ]


def test_disk_sizes_are_checked() -> None:
    program = (
        KEY
        + NET
        + vm(
            "image ubuntu-24.04",
            "subnet core.web",
            "admin azureuser ssh k",
            "os-disk premium 0",
            "data-disk premium 99999",
        )
    )
    located = [(d.code, d.span.line, d.span.column) for d in diagnostics_of(program) if d.span]
    assert located == [("DSL311", 9, 19), ("DSL311", 10, 21)]


def test_counted_disk_cannot_be_attached() -> None:
    program = (
        KEY
        + "disk data[2] premium 32\n"
        + NET
        + vm("image ubuntu-24.04", "subnet core.web", "admin azureuser ssh k", "attach data")
    )
    located = [(d.code, d.span.line, d.span.column) for d in diagnostics_of(program) if d.span]
    assert located == [("DSL107", 10, 10)]


def test_unclosed_block_names_the_open_brace() -> None:
    (diagnostic,) = diagnostics_of('vnet core 10.0.0.0/16 {\n  subnet a 10.0.1.0/24 # {\n  x "{"\n')
    assert diagnostic.code == "DSL104"
    assert diagnostic.hint == "the '{' at line 1, column 23 is never closed"
