"""Bad input on the Bicep side of `armc build --target bicep|both`: outputs that cannot be
written, names that are Bicep keywords, strings Bicep must escape, constructs Bicep cannot say,
stale outputs. (armc writes Bicep; it does not read `.bicep` or `.bicepparam`.)"""

from __future__ import annotations

from tests.bad_inputs.cases import DSL_OK, nested
from tests.bad_inputs.runner import Case

KEYWORDS = """\
param resource: string
param module: int = 3
var existing = resource + "-x"
output for = existing
output if = module
"""

NASTY = 'param p: string\nvar x = "a\\${b}\'c\\\\d\\n[e] </script> ü😀\\t"\noutput o = p + x\n'


def bicep(
    case_id: str,
    files: dict[str, str],
    expect: str,
    exit: int,
    *args: str,
    absent: tuple[str, ...] = (),
) -> Case:
    first = next(iter(files))
    arguments = (first, "--target", "bicep", *args)
    return Case(case_id, "build", files, expect, exit, arguments, absent=absent)


def chain(terms: int) -> str:
    """`p + p + ... + p`: an ARM expression nested `terms` deep (one add() per +)."""
    return "param p: int\nvar x = " + " + ".join(["p"] * terms) + "\noutput o = x\n"


CASES: list[Case] = [
    bicep(
        "bicep-output-is-a-directory",
        {"a.armc": DSL_OK, "a.bicep/x": ""},
        "armc: error[IO003]: cannot write 'a.bicep': it is a directory",
        2,
    ),
    Case(
        "bicepparam-output-is-a-directory",
        "build",
        {"a.armc": DSL_OK, "a.bicepparam/x": ""},
        "armc: error[IO003]: cannot write 'a.bicepparam': it is a directory",
        2,
        ("a.armc", "--target", "both"),
        absent=("wrote",),
    ),
    bicep(
        "bicep-keyword-names",
        {"a.armc": KEYWORDS},
        "output for_ string = '${resource_}-x'",
        0,
        "--stdout",
    ),
    bicep(
        "bicep-nasty-string",
        {"a.armc": NASTY},
        "output o string = '${p}a\\${b}\\'c\\\\d\\n[e] </script> ü😀\\t'",
        0,
        "--stdout",
    ),
    bicep("bicep-empty-program", {"a.armc": ""}, "param location string", 0, "--stdout"),
    bicep(
        "bicep-expression-too-deep",
        {"a.armc": chain(300)},
        "armc: error[BICEP001]: cannot write Bicep",
        2,
        absent=("wrote",),
    ),
    bicep(
        "bicep-deep-parens",
        {
            "a.armc": "param p: int\nvar x = "
            + "(" * 10_000
            + "p"
            + ")" * 10_000
            + "\noutput o = x\n"
        },
        "output o int = p",
        0,
        "--stdout",
    ),
    bicep(
        "bicep-deep-arrays",
        {"a.armc": "var x = " + nested(300) + "\noutput o = x\n"},
        "wrote a.bicep",
        0,
    ),
    bicep(
        "bicep-check-stale",
        {"a.armc": DSL_OK, "a.bicep": "// edited by hand\n", "a.bicepparam": ""},
        "armc: stale: a.bicep is out of date with its .armc source",
        1,
        "--check",
    ),
    bicep(
        "bicep-check-missing",
        {"a.armc": DSL_OK},
        "a.bicep",
        1,
        "--check",
    ),
    Case(
        "bicep-target-unknown",
        "build",
        {"a.armc": DSL_OK},
        "Invalid value for '--target'",
        2,
        ("a.armc", "--target", "terraform"),
    ),
    bicep(
        "bicep-import-outside",
        {"t/a.armc": 'import "../../../../etc/passwd"\n'},
        "t/a.armc:1:1: error[DSL111]",
        2,
    ),
]
