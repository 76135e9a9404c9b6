"""Bad input for the other commands: `graph`, `import`, `fmt`, `init`, `explain`."""

from __future__ import annotations

from tests.bad_inputs.cases import TEMPLATE_OK, nested
from tests.bad_inputs.runner import Case

BINARY = b"\x00\x01\xff\xfe"

CASES: list[Case] = [
    Case("graph-binary", "graph", {"a.json": BINARY}, "a.json:1:3: error[ARM101]", 2),
    Case(
        "graph-deep-nesting", "graph", {"a.json": nested(10_000)}, "a.json:1:1001: error[ARM100]", 2
    ),
    Case("graph-top-level-array", "graph", {"a.json": "[1]"}, "a.json:1:1: error[ARM103]", 2),
    Case("graph-armc-binary", "graph", {"a.armc": b"\xff"}, "a.armc:1:1: error[DSL111]", 2),
    Case("import-binary", "import", {"a.json": BINARY}, "a.json:1:3: error[ARM101]", 2),
    Case(
        "import-deep-nesting",
        "import",
        {"a.json": nested(10_000)},
        "a.json:1:1001: error[ARM100]",
        2,
    ),
    Case("import-empty", "import", {"a.json": ""}, "a.json:1:1: error[ARM100]", 2),
    Case(
        "import-output-in-a-file",
        "import",
        {"a.json": TEMPLATE_OK, "f": "not a folder"},
        "armc: error[IO003]: cannot write 'f/x.armc'",
        2,
        ("a.json", "-o", "f/x.armc"),
    ),
    Case(
        "fmt-binary", "fmt", {"a.armc": b"\xff\xfe"}, "armc: error[DSL111]: cannot read a.armc", 2
    ),
    Case(
        "fmt-unterminated-string",
        "fmt",
        {"a.armc": 'var x = "abc\n'},
        "a.armc:1:9: error[DSL102]",
        2,
    ),
    Case(
        "fmt-deep-braces",
        "fmt",
        {"a.armc": "var x = " + nested(10_000, "{", "}") + "\n"},
        "a.armc:1:10: error[DSL101]",
        2,
    ),
    Case("fmt-missing", "fmt", {"x.txt": ""}, "armc: error[IO001]", 2, ("nope.armc",)),
    Case(
        "init-below-a-file",
        "init",
        {"f": "not a folder"},
        "armc: error[IO003]: cannot write 'f/sub/main.armc'",
        2,
        ("f/sub",),
    ),
    Case(
        "init-name-escapes",
        "init",
        {"x.txt": ""},
        "Invalid value for --name: not a file name: '../escape'",
        2,
        (".", "--name", "../escape"),
    ),
    Case(
        "init-over-existing",
        "init",
        {"main.armc": "keep me\n"},
        "armc: main.armc exists; use --force to overwrite it",
        2,
        (".",),
    ),
    Case("explain-unknown", "explain", {"x.txt": ""}, "armc: unknown rule 'NOPE'", 2, ("NOPE",)),
]
