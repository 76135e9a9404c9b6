"""The bad-input cases: what a pre-commit hook meets, and what an attacker would write."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from tests.bad_inputs.runner import Case

SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"
PARAMS_SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#"
HEAD = '{\n"$schema": "' + SCHEMA + '",\n"contentVersion": "1.0.0.0",\n'


def template(**members: Any) -> str:
    """A template (indented: line N of the text is predictable) with `members` added."""
    body: dict[str, Any] = {"$schema": SCHEMA, "contentVersion": "1.0.0.0"}
    body.update(members)
    body.setdefault("resources", [])
    return json.dumps(body, indent=2) + "\n"


def output(value: Any, kind: str = "string") -> str:
    """A template whose only content is one output; its value is on line 7."""
    return template(outputs={"o": {"type": kind, "value": value}})


def ip_copy(count: Any) -> str:
    """A public IP copied `count` times; the count is on line 15."""
    return template(
        resources=[
            {
                "type": "Microsoft.Network/publicIPAddresses",
                "apiVersion": "2023-09-01",
                "name": "[concat('ip', copyIndex())]",
                "location": "westus",
                "sku": {"name": "Standard"},
                "properties": {"publicIPAllocationMethod": "Static"},
                "copy": {"name": "ips", "count": count},
            }
        ]
    )


def nested(depth: int, open_: str = "[", close: str = "]") -> str:
    return open_ * depth + close * depth


def big_template(path: Path) -> None:
    """50 MB: one long string variable, then a reference to no parameter on the last lines."""
    with path.open("w", encoding="utf-8") as handle:
        handle.write(HEAD)
        handle.write('"variables": {"blob": "')
        chunk = "x" * (1 << 20)
        for _ in range(50):
            handle.write(chunk)
        handle.write('"},\n"resources": [],\n"outputs": {"o": {"type": "string",\n')
        handle.write('"value": "[parameters(\'missing\')]"}}\n}\n')


def many_lines(path: Path) -> None:
    """50 MB over a million lines (a huge array), an error at the very end."""
    with path.open("w", encoding="utf-8") as handle:
        handle.write(HEAD)
        handle.write('"variables": {"list": [\n')
        line = '"' + "y" * 40 + '",\n'
        for _ in range(1_200_000):
            handle.write(line)
        handle.write('"end"]},\n"resources": [],\n"outputs": {"o": {"type": "string",\n')
        handle.write('"value": "[variables(\'nothing\')]"}}\n}\n')


def symlink_loop(path: Path) -> None:
    """A folder with a symlink loop between two files and a link to its own parent."""
    path.mkdir()
    (path / "a.json").symlink_to(path / "b.json")
    (path / "b.json").symlink_to(path / "a.json")
    (path / "up").symlink_to(path)
    (path / "bad.json").write_text(template(resources=[42]), encoding="utf-8")


def dangling_link(path: Path) -> None:
    path.symlink_to(path.parent / "nowhere.json")


def fifo(path: Path) -> None:
    os.mkfifo(path)


def self_link(name: str) -> str:
    return template(
        resources=[
            {
                "type": "Microsoft.Resources/deployments",
                "apiVersion": "2022-09-01",
                "name": "again",
                "properties": {"mode": "Incremental", "templateLink": {"relativePath": name}},
            }
        ]
    )


DSL_NET = """\
param key: string
vnet core 10.0.0.0/16 {
  subnet app 10.0.1.0/24
}
"""


def dsl_vm(count: str) -> str:
    return (
        DSL_NET + f"vm web[{count}] {{\n  image ubuntu-24.04\n  subnet core.app\n"
        "  admin azureuser ssh key\n}\n"
    )


def dsl_doubling(chain: int) -> str:
    lines = ['var d0 = "xxxxxxxxxxxxxxxx"']
    lines += [f"var d{i} = d{i - 1} + d{i - 1}" for i in range(1, chain + 1)]
    return "\n".join([*lines, f"output o = length(d{chain})", ""])


def arm_doubling(function: str, start: str) -> str:
    variables = {"d0": start}
    for i in range(1, 41):
        variables[f"d{i}"] = f"[{function}(variables('d{i - 1}'), variables('d{i - 1}'))]"
    return template(variables=variables, outputs={"o": {"type": "int", "value": 1}})


TEMPLATE_OK = template()

JSON_CASES: list[Case] = [
    # --- bytes and encodings -------------------------------------------------------------------
    Case("empty", "lint", {"a.json": ""}, "a.json:1:1: error[ARM100]", 2),
    Case("whitespace-only", "lint", {"a.json": "\n\n   \n"}, "a.json:", 2),
    Case("binary", "lint", {"a.json": b"\x00\x01\x02\xff\xfe"}, "a.json:1:4: error[ARM101]", 2),
    Case("random-bytes", "lint", {"a.json": bytes(range(256)) * 64}, "error[ARM10", 2),
    Case(
        "invalid-utf8",
        "lint",
        {"a.json": b'{\n  "a": "\xc3\x28"\n}'},
        "a.json:2:9: error[ARM101]",
        2,
    ),
    Case("utf16", "lint", {"a.json": TEMPLATE_OK.encode("utf-16")}, "a.json:1:1: error[ARM101]", 2),
    Case("nul-byte", "lint", {"a.json": '{"a": 1}\x00'}, "a.json:1:9: error[ARM100]", 2),
    Case(
        "bom-keeps-columns",
        "lint",
        {"a.json": "\ufeff" + output("[parameters('nope')]")},
        "a.json:7:29: error[ARM201]",
        1,
    ),
    Case("double-bom", "lint", {"a.json": "\ufeff\ufeff" + TEMPLATE_OK}, "0 errors", 0),
    # --- syntax ---------------------------------------------------------------------------------
    Case(
        "unterminated-string",
        "lint",
        {"a.json": '{\n  "a": "abc\n}'},
        "a.json:2:8: error[ARM100]",
        2,
    ),
    Case(
        "unterminated-comment",
        "lint",
        {"a.json": "{\n  /* never closed\n}"},
        "a.json:2:3: error[ARM100]",
        2,
    ),
    Case("unclosed-object", "lint", {"a.json": '{\n  "a": {\n'}, "error[ARM100]", 2),
    Case(
        "deleted-brace",
        "lint",
        {"a.json": TEMPLATE_OK.replace("{", "", 1)},
        "a.json:2:12: error[ARM100]",
        2,
    ),
    Case("trailing-garbage", "lint", {"a.json": TEMPLATE_OK + "}"}, "a.json:6:1: error[ARM100]", 2),
    Case(
        "nan",
        "lint",
        {"a.json": output("NAN", "int").replace('"NAN"', "NaN")},
        "a.json:7:16: error[ARM100]",
        2,
    ),
    Case(
        "infinity",
        "lint",
        {"a.json": output("INF", "int").replace('"INF"', "Infinity")},
        "a.json:7:16: error[ARM100]",
        2,
    ),
    Case(
        "minus-infinity",
        "lint",
        {"a.json": output("INF", "int").replace('"INF"', "-Infinity")},
        "a.json:7:16: error[ARM100]",
        2,
    ),
    Case(
        "huge-integer",
        "lint",
        {"a.json": output("BIG", "int").replace('"BIG"', "9" * 5000)},
        "a.json:7:16: error[ARM100]",
        2,
    ),
    Case(
        "lone-surrogate", "lint", {"a.json": output("X").replace('"X"', '"\\ud800"')}, "0 errors", 0
    ),
    Case(
        "duplicate-keys",
        "lint",
        {"a.json": '{\n  "$schema": "' + SCHEMA + '",\n  "resources": [],\n  "resources": []\n}'},
        "a.json:4:3: warning[ARM102]",
        0,
    ),
    # --- shape ----------------------------------------------------------------------------------
    Case("top-level-array", "lint", {"a.json": "[1, 2]"}, "a.json:1:1: error[ARM103]", 2),
    Case("top-level-string", "lint", {"a.json": '"template"'}, "a.json:1:1: error[ARM103]", 2),
    Case("top-level-null", "lint", {"a.json": "null"}, "a.json:1:1: error[ARM103]", 2),
    Case("top-level-number", "lint", {"a.json": "42"}, "a.json:1:1: error[ARM103]", 2),
    Case("not-a-template", "lint", {"a.json": '{"name": "x"}'}, "armc: error[ARM001]", 2),
    Case(
        "resources-not-array",
        "lint",
        {"a.json": template(resources={"a": 1})},
        "a.json:5:10: error[ARM210]",
        1,
    ),
    Case(
        "resource-not-object",
        "lint",
        {"a.json": template(resources=[42])},
        "a.json:5:5: error[ARM210]",
        1,
    ),
    Case(
        "deep-arrays-10000", "lint", {"a.json": nested(10_000)}, "a.json:1:1001: error[ARM100]", 2
    ),
    Case(
        "deep-arrays-100000", "lint", {"a.json": nested(100_000)}, "a.json:1:1001: error[ARM100]", 2
    ),
    Case(
        "deep-objects-10000",
        "lint",
        {
            "a.json": template(variables={"v": "DEEP"}).replace(
                '"DEEP"', '{"a": ' * 10_000 + "1" + "}" * 10_000
            )
        },
        "a.json:5:5998: error[ARM100]: the JSON is nested more than 1000 levels deep",
        2,
    ),
    Case(
        "deep-objects-990",
        "lint",
        {
            "a.json": template(
                parameters={"p": {"type": "string"}}, variables={"v": "DEEP"}
            ).replace('"DEEP"', '{"a": ' * 990 + "\"[parameters('p')]\"" + "}" * 990)
        },
        "warning[ARM208]: values nested deeper than 200 levels",
        0,
        absent=("ARMC001",),
    ),
    Case(
        "deep-in-resources",
        "lint",
        {"a.json": template().replace('"resources": []', '"resources": ' + nested(10_000))},
        "a.json:4:1015: error[ARM100]",
        2,
    ),
    Case("big-50mb", "lint", {"a.json": big_template}, "a.json:7:23: error[ARM201]", 1),
    Case("many-lines-50mb", "lint", {"a.json": many_lines}, "a.json:1200008:22: error[ARM202]", 1),
    # --- expressions and evaluation ---------------------------------------------------------
    Case(
        "expression-syntax",
        "lint",
        {"a.json": output("[concat('a']")},
        "a.json:7:28: error[ARM110]",
        1,
    ),
    Case(
        "unterminated-expression-string",
        "lint",
        {"a.json": output("[concat('a)]")},
        "a.json:7:25: error[ARM110]",
        1,
    ),
    Case(
        "deep-expression-10000",
        "lint",
        {"a.json": output("[" + "concat(" * 10_000 + "'a'" + ")" * 10_000 + "]")},
        "a.json:7:17: error[ARM110]",
        1,
    ),
    Case(
        "deep-index-10000",
        "lint",
        {"a.json": output("[createArray(1)" + "[0]" * 10_000 + "]")},
        "a.json:7:17: error[ARM110]",
        1,
    ),
    Case(
        "unknown-function",
        "lint",
        {"a.json": output("[frobnicate(1)]")},
        "a.json:7:18: error[ARM207]",
        1,
    ),
    Case(
        "self-referencing-variable",
        "lint",
        {
            "a.json": template(
                variables={"a": "[variables('a')]"},
                outputs={"o": {"type": "string", "value": "[variables('a')]"}},
            )
        },
        "a.json:5:11: error[ARM208]",
        1,
    ),
    Case(
        "mutually-referencing-variables",
        "lint",
        {
            "a.json": template(
                variables={"a": "[variables('b')]", "b": "[variables('a')]"},
                outputs={"o": {"type": "string", "value": "[variables('a')]"}},
            )
        },
        "error[ARM208]: variable 'a' refers to itself",
        1,
    ),
    Case(
        "copy-count-negative",
        "lint",
        {"a.json": ip_copy(-1)},
        "a.json:18:18: warning[ARM208]: copy count -1",
        0,
    ),
    Case(
        "copy-count-1e9",
        "lint",
        {"a.json": ip_copy(10**9)},
        "a.json:18:18: warning[ARM208]: copy count 1000000000",
        0,
    ),
    Case(
        "copy-count-string-1e9",
        "lint",
        {"a.json": ip_copy("1000000000")},
        "a.json:18:19: warning[ARM208]: copy count 1000000000",
        0,
    ),
    Case(
        "copy-count-unicode-digit",
        "lint",
        {"a.json": ip_copy("²")},
        "a.json:18:19: warning[ARM208]: copy count must be an integer",
        0,
    ),
    Case(
        "copy-count-1e400",
        "lint",
        {"a.json": ip_copy("X").replace('"X"', "1e400")},
        "a.json:18:18: warning[ARM208]: copy count inf",
        0,
    ),
    Case(
        "output-copy-1e9",
        "lint",
        {
            "a.json": template(
                outputs={
                    "o": {
                        "type": "array",
                        "copy": {"count": "1000000000", "input": "[copyIndex()]"},
                    }
                }
            )
        },
        "warning[ARM208]: copy count 1000000000",
        0,
    ),
    Case(
        "variable-copy-1e9",
        "lint",
        {
            "a.json": template(
                variables={"copy": [{"name": "v", "count": 10**9, "input": "[copyIndex('v')]"}]}
            )
        },
        "warning[ARM208]: copy count 1000000000",
        0,
    ),
    Case(
        "range-1e9",
        "lint",
        {"a.json": output("[range(0, 1000000000)]", "array")},
        "a.json:7:27: warning[ARM208]",
        0,
    ),
    Case(
        "doubling-strings",
        "lint",
        {"a.json": arm_doubling("concat", "xxxxxxxxxxxxxxxx")},
        "warning[ARM208]: concat() makes a value larger",
        0,
    ),
    Case(
        "doubling-arrays",
        "lint",
        {"a.json": arm_doubling("concat", "[createArray(1, 2, 3)]")},
        "warning[ARM208]: concat() makes a value larger",
        0,
    ),
    Case(
        "doubling-nesting",
        "lint",
        {"a.json": arm_doubling("createArray", "[createObject('a', 1)]")},
        "warning[ARM208]: createArray() makes a value larger",
        0,
    ),
    Case(
        "padleft-huge",
        "lint",
        {"a.json": output("[padLeft('a', 1000000000, 'x')]")},
        "a.json:7:31: warning[ARM208]",
        0,
    ),
    Case(
        "unicode-names",
        "lint",
        {
            "a.json": template(
                parameters={"пароль😀": {"type": "string"}},
                outputs={"ö": {"type": "string", "value": "[parameters('пароль😀x')]"}},
            )
        },
        "error[ARM201]",
        1,
    ),
    # --- parameters files ---------------------------------------------------------------------
    Case(
        "parameters-wrong-type",
        "lint",
        {
            "a.json": template(parameters={"n": {"type": "int"}}),
            "p.json": json.dumps(
                {
                    "$schema": PARAMS_SCHEMA,
                    "contentVersion": "1.0.0.0",
                    "parameters": {"n": {"value": "three"}},
                },
                indent=2,
            ),
        },
        "p.json:5:5: error[ARM301]",
        1,
        ("a.json", "--parameters", "p.json"),
    ),
    Case(
        "parameters-unknown-name",
        "lint",
        {
            "a.json": template(parameters={"n": {"type": "int"}}),
            "p.json": json.dumps(
                {
                    "$schema": PARAMS_SCHEMA,
                    "contentVersion": "1.0.0.0",
                    "parameters": {"n": {"value": 1}, "typo": {"value": 2}},
                },
                indent=2,
            ),
        },
        "p.json:8:5: error[ARM304]",
        1,
        ("a.json", "--parameters", "p.json"),
    ),
    Case(
        "parameters-not-json",
        "lint",
        {"a.json": TEMPLATE_OK, "p.json": "{"},
        "p.json:1:1: error[ARM100]",
        2,
        ("a.json", "--parameters", "p.json"),
    ),
    Case(
        "parameters-top-level-array",
        "lint",
        {"a.json": TEMPLATE_OK, "p.json": "[]"},
        "p.json:1:1: error[ARM103]",
        2,
        ("a.json", "--parameters", "p.json"),
    ),
    Case(
        "parameters-without-value",
        "lint",
        {
            "a.json": template(parameters={"n": {"type": "int"}}),
            "p.json": json.dumps({"parameters": {"n": {"val": 1}}}, indent=2),
        },
        "p.json:3:10: error[ARM306]",
        1,
        ("a.json", "--parameters", "p.json"),
    ),
    Case(
        "param-flag-without-equals",
        "lint",
        {"a.json": TEMPLATE_OK},
        "armc: error[ARM306]",
        1,
        ("a.json", "--param", "novalue"),
    ),
    Case(
        "parameters-file-as-template",
        "lint",
        {"p.json": json.dumps({"$schema": PARAMS_SCHEMA, "parameters": {}})},
        "armc: error[ARM001]",
        2,
    ),
    # --- files, links and folders -------------------------------------------------------------
    Case(
        "linked-outside-the-tree",
        "lint",
        {"t/a.json": self_link("../../etc/passwd.json")},
        "warning[ARM211]",
        0,
        ("t",),
    ),
    Case(
        "linked-to-itself",
        "lint",
        {"t/a.json": self_link("a.json")},
        "t/a.json:11:25: warning[ARM211]: linked template a.json is already being read",
        0,
        ("t",),
    ),
    Case(
        "linked-to-each-other",
        "lint",
        {"t/a.json": self_link("b.json"), "t/b.json": self_link("a.json")},
        "t/b.json:11:25: warning[ARM211]: linked template a.json is already being read",
        0,
        ("t",),
    ),
    Case(
        "linked-absolute-path",
        "lint",
        {"t/a.json": self_link("/etc/hostname")},
        "warning[ARM211]",
        0,
        ("t",),
    ),
    Case(
        "symlink-loop-folder",
        "lint",
        {"d": symlink_loop},
        "d/bad.json:5:5: error[ARM210]",
        1,
        ("d",),
    ),
    Case("dangling-symlink", "lint", {"a.json": dangling_link}, "armc: error[IO001]", 2),
    Case("fifo", "lint", {"a.json": fifo}, "armc: error[IO001]", 2),
    Case(
        "fifo-in-folder",
        "lint",
        {"d/pipe.json": fifo, "d/bad.json": template(resources=[42])},
        "d/bad.json:5:5: error[ARM210]",
        1,
        ("d",),
    ),
    Case("directory-named-json", "lint", {"d.json/x.txt": "x"}, "0 errors", 0, ("d.json",)),
    Case("missing-file", "lint", {"x.txt": ""}, "armc: error[IO001]", 2, ("nope.json",)),
]

DSL_OK = DSL_NET + "output n = core.id\n"


def dsl_cases(command: str) -> list[Case]:
    """The .armc cases, for `armc lint` and `armc build` (which exits 2 on any error)."""
    fail = 2  # an .armc file that does not compile is an input error for both commands
    compiled = "wrote a.json" if command == "build" else "1 file checked: 0 errors"
    return [
        Case(f"{command}-armc-empty", command, {"a.armc": ""}, compiled, 0),
        Case(
            f"{command}-armc-binary",
            command,
            {"a.armc": b"\x00\x01\xff\xfe"},
            "a.armc:1:3: error[DSL111]: invalid UTF-8",
            fail,
        ),
        Case(
            f"{command}-armc-invalid-utf8",
            command,
            {"a.armc": b'param k: string\nvar x = "\xc3\x28"\n'},
            "a.armc:2:10: error[DSL111]: invalid UTF-8",
            fail,
        ),
        Case(
            f"{command}-armc-bom",
            command,
            {"a.armc": "\ufeffvar x = 1 +\n"},
            "a.armc:1:12: error[DSL101]",
            fail,
        ),
        Case(
            f"{command}-armc-nul",
            command,
            {"a.armc": "var x\x00 = 1\n"},
            "a.armc:1:6: error[DSL103]",
            fail,
        ),
        Case(
            f"{command}-armc-unterminated-string",
            command,
            {"a.armc": 'var x = "abc\n'},
            "a.armc:1:9: error[DSL102]",
            fail,
        ),
        Case(
            f"{command}-armc-unclosed-block",
            command,
            {"a.armc": "vnet core 10.0.0.0/16 {\n  subnet app 10.0.1.0/24\n"},
            "a.armc:3:1: error[DSL104]",
            fail,
        ),
        Case(
            f"{command}-armc-deep-braces",
            command,
            {"a.armc": "var x = " + nested(10_000, "{", "}") + "\n"},
            "a.armc:1:10: error[DSL101]",
            fail,
        ),
        Case(
            f"{command}-armc-deep-arrays",
            command,
            {"a.armc": "var x = " + nested(10_000) + "\n"},
            "a.armc:1:1: error[DSL311]",
            fail,
        ),
        Case(
            f"{command}-armc-deep-parens",
            command,
            {
                "a.armc": "param p: int\nvar x = "
                + "(" * 10_000
                + "p"
                + ")" * 10_000
                + "\noutput o = x\n"
            },
            compiled,
            0,
            absent=("error[",),
        ),
        Case(
            f"{command}-armc-deep-negation",
            command,
            {"a.armc": "param p: int\nvar x = " + "-" * 10_000 + "p\noutput o = x\n"},
            "a.armc:1:1: error[DSL311]",
            fail,
        ),
        Case(
            f"{command}-armc-huge-integer",
            command,
            {"a.armc": "var x = 1" + "0" * 5000 + "\noutput o = x\n"},
            "a.armc:1:9: error[DSL311]",
            fail,
        ),
        Case(
            f"{command}-armc-int64-overflow",
            command,
            {"a.armc": "var x = 9223372036854775808\noutput o = x\n"},
            "a.armc:1:9: error[DSL311]",
            fail,
        ),
        Case(
            f"{command}-armc-count-negative",
            command,
            {"a.armc": dsl_vm("-1")},
            "a.armc:5:8: error[DSL310]",
            fail,
        ),
        Case(
            f"{command}-armc-count-1e9",
            command,
            {"a.armc": dsl_vm("1000000000")},
            "a.armc:5:8: error[DSL310]",
            fail,
        ),
        Case(
            f"{command}-armc-count-huge",
            command,
            {"a.armc": dsl_vm("9" * 30)},
            "a.armc:5:8: error[DSL311]",
            fail,
        ),
        Case(
            f"{command}-armc-self-referencing-variable",
            command,
            {"a.armc": "var x = x + 1\noutput o = x\n"},
            "a.armc:1:5: error[DSL206]",
            fail,
        ),
        Case(
            f"{command}-armc-doubling",
            command,
            {"a.armc": dsl_doubling(40)},
            "error[DSL311]: the value is larger than ARM's 4 MB",
            fail,
        ),
        Case(
            f"{command}-armc-literal-as-name",
            command,
            {"a.armc": 'param p: string\nvar true = "x"\noutput o = p + true\n'},
            "a.armc:2:5: error[DSL205]: 'true' is a literal, not a name",
            fail,
        ),
        Case(
            f"{command}-armc-unicode-name",
            command,
            {"a.armc": "vm wéb😀 {\n}\n"},
            "a.armc:1:5: error[DSL103]",
            fail,
        ),
        Case(
            f"{command}-armc-import-itself",
            command,
            {"a.armc": 'import "a.armc"\n' + DSL_OK},
            "a.armc:1:1: error[DSL203]",
            fail,
        ),
        Case(
            f"{command}-armc-import-outside",
            command,
            {"t/a.armc": 'import "../../../../../../etc/passwd"\n'},
            "t/a.armc:1:1: error[DSL111]",
            fail,
            ("t/a.armc",),
            absent=("root:",),
        ),
        Case(
            f"{command}-armc-import-symlink-loop",
            command,
            {
                "l1.armc": lambda p: p.symlink_to(p.parent / "l2.armc"),
                "l2.armc": lambda p: p.symlink_to(p.parent / "l1.armc"),
                "a.armc": 'import "l1.armc"\n',
            },
            "a.armc:1:1: error[DSL111]",
            fail,
            ("a.armc",),
        ),
        Case(
            f"{command}-armc-import-fifo",
            command,
            {"pipe.armc": fifo, "a.armc": 'import "pipe.armc"\n'},
            "a.armc:1:1: error[DSL111]: cannot read imported file 'pipe.armc': not a regular file",
            fail,
            ("a.armc",),
        ),
        Case(
            f"{command}-armc-import-directory",
            command,
            {"a.armc": 'import "sub.armc"\n', "sub.armc/x": ""},
            "a.armc:1:1: error[DSL111]",
            fail,
            ("a.armc",),
        ),
    ]


def build_only_cases() -> list[Case]:
    return [
        Case("build-json-input", "build", {"a.json": TEMPLATE_OK}, "a.json:1:1: error[DSL101]", 2),
        Case("build-missing", "build", {"x.txt": ""}, "armc: error[IO001]", 2, ("nope.armc",)),
        Case(
            "build-out-dir-is-a-file",
            "build",
            {"a.armc": DSL_OK, "out": "file"},
            "Invalid value for '-o'",
            2,
            ("a.armc", "-o", "out"),
        ),
        Case(
            "build-output-is-a-directory",
            "build",
            {"a.armc": DSL_OK, "a.json/x": ""},
            "armc: error[IO003]: cannot write 'a.json': it is a directory",
            2,
        ),
    ]


CASES: list[Case] = [*JSON_CASES, *dsl_cases("lint"), *dsl_cases("build"), *build_only_cases()]
