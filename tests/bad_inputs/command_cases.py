"""Bad input for the other commands (`graph`, `import`, `fmt`, `init`, `explain`) and for the
files `lint` takes besides templates (configuration, baselines, reports)."""

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
    Case(
        "lint-config-deep-toml",
        "lint",
        {"a.json": TEMPLATE_OK, "c.toml": "a = " + nested(100_000) + "\n"},
        "c.toml:1:1: error[CFG001]: invalid TOML: nested too deeply",
        2,
        ("a.json", "--config", "c.toml"),
    ),
    Case(
        "lint-config-binary",
        "lint",
        {"a.json": TEMPLATE_OK, "c.toml": BINARY},
        "c.toml:1:1: error[CFG001]: cannot read c.toml",
        2,
        ("a.json", "--config", "c.toml"),
    ),
    Case(
        "lint-pyproject-deep-toml-is-skipped",
        "lint",
        {"d/a.json": TEMPLATE_OK, "d/pyproject.toml": "a = " + nested(100_000) + "\n"},
        "1 file checked: 0 errors",
        0,
        ("d/a.json",),
    ),
    Case(
        "lint-baseline-deep-json",
        "lint",
        {"a.json": TEMPLATE_OK, "b.json": nested(100_000)},
        "b.json:1:1: error[ARMC005]: cannot read baseline b.json",
        2,
        ("a.json", "--baseline", "b.json"),
    ),
    Case(
        "lint-baseline-not-a-baseline",
        "lint",
        {"a.json": TEMPLATE_OK, "b.json": "[]"},
        "b.json:1:1: error[ARMC005]: b.json is not an armc baseline",
        2,
        ("a.json", "--baseline", "b.json"),
    ),
    Case(
        "lint-write-baseline-below-a-file",
        "lint",
        {"a.json": TEMPLATE_OK, "f": "not a folder"},
        "f/b.json:1:1: error[ARMC005]: cannot write baseline f/b.json",
        2,
        ("a.json", "--write-baseline", "f/b.json"),
    ),
    Case(
        "lint-output-below-a-file",
        "lint",
        {"a.json": TEMPLATE_OK, "f": "not a folder"},
        "armc: error[IO003]: cannot write 'f/r.txt'",
        2,
        ("a.json", "-o", "f/r.txt"),
    ),
    Case("explain-unknown", "explain", {"x.txt": ""}, "armc: unknown rule 'NOPE'", 2, ("NOPE",)),
]
