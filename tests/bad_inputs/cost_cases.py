"""Bad input for `armc cost`: broken price catalogs, unknown regions, numbers that are not
numbers, broken parameters files, a budget in the configuration of the wrong type."""

from __future__ import annotations

import json

from tests.bad_inputs.cases import DSL_NET, PARAMS_SCHEMA, TEMPLATE_OK, ip_copy, nested
from tests.bad_inputs.runner import Case

VM = DSL_NET + (
    "vm web {\n  size Standard_B2s\n  image ubuntu-24.04\n  subnet core.app\n"
    "  admin azureuser ssh key\n}\n"
)
"""One priced VM placed in the resource group's region (the DSL says no `location`)."""


def catalog(entries: list[object], **changes: object) -> str:
    document: dict[str, object] = {
        "format": "armc-price-catalog",
        "version": 1,
        "currency": "USD",
        "entries": entries,
    }
    document.update(changes)
    return json.dumps(document, indent=2)


ENTRY = {
    "service": "vm",
    "region": "eastus",
    "sku": "Standard_B2s",
    "os": "linux",
    "pricing": "payg",
    "meter": "B2s",
    "unit": "1 Hour",
    "usd": "0.05",
    "as_of": "2026-01-01",
    "source": "test",
}


def with_catalog(case_id: str, content: str | bytes, expect: str, exit: int = 2) -> Case:
    return Case(
        case_id,
        "cost",
        {"a.armc": VM, "c.json": content},
        expect,
        exit,
        ("a.armc", "--catalog", "c.json"),
    )


def with_option(case_id: str, option: str, value: str, expect: str, exit: int = 2) -> Case:
    return Case(case_id, "cost", {"a.armc": VM}, expect, exit, ("a.armc", option, value))


def with_parameters(case_id: str, content: str | bytes, expect: str, exit: int = 2) -> Case:
    files = {"a.armc": VM, "p.json": content}
    return Case(case_id, "cost", files, expect, exit, ("a.armc", "--parameters", "p.json"))


def budget(value: str) -> dict[str, str]:
    return {"a.armc": VM, ".armc.toml": f"[budget]\nmonthly_usd = {value}\n"}


CASES: list[Case] = [
    # --- the price catalog ------------------------------------------------------------------
    with_catalog("cost-catalog-empty-file", "", "armc: cannot read price catalog c.json"),
    with_catalog("cost-catalog-not-json", "{", "armc: cannot read price catalog c.json"),
    with_catalog("cost-catalog-binary", b"\xff\xfe\x00", "armc: cannot read price catalog c.json"),
    with_catalog(
        "cost-catalog-deep-nesting", nested(100_000), "armc: cannot read price catalog c.json"
    ),
    with_catalog("cost-catalog-top-level-array", "[]", "armc: c.json: (root): [] is not of type"),
    with_catalog(
        "cost-catalog-wrong-version",
        catalog([ENTRY], version=2),
        "armc: c.json: version: 1 was expected",
    ),
    with_catalog(
        "cost-catalog-price-nan",
        catalog([{**ENTRY, "usd": "NaN"}]),
        "armc: c.json: entries/0/usd: 'NaN' does not match",
    ),
    with_catalog(
        "cost-catalog-price-number",
        catalog([{**ENTRY, "usd": 0.05}]),
        "armc: c.json: entries/0/usd: 0.05 is not of type 'string'",
    ),
    with_catalog(
        "cost-catalog-entry-missing-field",
        catalog([{k: v for k, v in ENTRY.items() if k != "sku"}]),
        "armc: c.json: entries/0: 'sku' is a required property",
    ),
    with_catalog(
        "cost-catalog-no-entries",
        catalog([]),
        "web: UNPRICED: the catalog has no Linux payg price for Standard_B2s in eastus",
        0,
    ),
    Case(
        "cost-catalog-missing",
        "cost",
        {"a.armc": VM},
        "Invalid value for '--catalog': File 'nope.json' does not exist",
        2,
        ("a.armc", "--catalog", "nope.json"),
    ),
    # --- regions and numbers ------------------------------------------------------------------
    with_option(
        "cost-unknown-region",
        "--region",
        "marsnorth",
        "web: UNPRICED: the catalog has no Linux payg price for Standard_B2s in marsnorth",
        0,
    ),
    with_option(
        "cost-empty-region",
        "--region",
        "",
        "web: UNPRICED: the catalog has no Linux payg price for Standard_B2s in \n",
        0,
    ),
    with_option("cost-hours-text", "--hours", "many", "Invalid value for --hours: not a number"),
    with_option("cost-hours-nan", "--hours", "NaN", "Invalid value for --hours: not a number"),
    with_option(
        "cost-hours-infinity", "--hours", "Infinity", "Invalid value for --hours: not a number"
    ),
    with_option("cost-hours-negative", "--hours", "-5", "Invalid value for --hours: not a number"),
    with_option("cost-hours-1e999999", "--hours", "1e999999", "Invalid value for --hours"),
    with_option("cost-budget-text", "--budget", "lots", "Invalid value for --budget: not a number"),
    with_option("cost-budget-nan", "--budget", "NaN", "Invalid value for --budget: not a number"),
    with_option("cost-pricing-unknown", "--pricing", "free", "Invalid value for '--pricing'"),
    with_option("cost-format-unknown", "--format", "pdf", "Invalid value for '--format'"),
    # --- the budget in the configuration (the gate must not open because the file is bad) ----
    Case(
        "cost-config-budget-string",
        "cost",
        budget('"lots"'),
        ".armc.toml:2:1: error[CFG001]: budget.monthly_usd: 'lots' is not of type 'number'",
        2,
        ("a.armc",),
    ),
    Case(
        "cost-config-budget-nan",
        "cost",
        budget("nan"),
        ".armc.toml:2:1: error[CFG001]: budget.monthly_usd: nan is not a finite number",
        2,
        ("a.armc",),
    ),
    Case(
        "cost-config-budget-negative",
        "cost",
        budget("-1"),
        ".armc.toml:2:1: error[CFG001]: budget.monthly_usd: -1 is less than the minimum of 0",
        2,
        ("a.armc",),
    ),
    Case(
        "lint-config-budget-inf",
        "lint",
        budget("inf"),
        ".armc.toml:2:1: error[CFG001]: budget.monthly_usd: inf is not a finite number",
        2,
        ("a.armc",),
    ),
    Case(
        "cost-config-not-toml", "cost", {"a.armc": VM, ".armc.toml": "[budget"}, "error[CFG001]", 2
    ),
    Case(
        "cost-over-budget",
        "cost",
        budget("1"),
        "is over the budget $1.00 a month",
        1,
        ("a.armc",),
    ),
    # --- parameters ---------------------------------------------------------------------------
    with_parameters("cost-parameters-not-json", "{", "p.json:1:1: error[ARM100]"),
    with_parameters("cost-parameters-binary", b"\xff\xfe", "p.json:1:1: error[ARM101]"),
    with_parameters(
        "cost-parameters-deep-nesting",
        '{"parameters": {"key": {"value": ' + nested(10_000) + "}}}",
        "p.json:1:1031: error[ARM100]: the JSON is nested more than 1000 levels deep",
    ),
    with_parameters(
        "cost-parameters-not-an-object",
        json.dumps({"$schema": PARAMS_SCHEMA, "parameters": []}, indent=2),
        "p.json:3:17: error[ARM306]: 'parameters' must be an object",
    ),
    with_parameters(
        "cost-parameters-bare-value",
        json.dumps({"$schema": PARAMS_SCHEMA, "parameters": {"key": "ssh-rsa AAA"}}, indent=2),
        "p.json:4:12: error[ARM306]",
    ),
    Case(
        "cost-param-without-equals",
        "cost",
        {"a.armc": VM},
        "armc: error[ARM306]: --param 'key': expected name=value",
        2,
        ("a.armc", "--param", "key"),
    ),
    # --- templates ------------------------------------------------------------------------------
    Case(
        "cost-template-not-json", "cost", {"a.json": "{"}, "armc: a.json: unexpected end of file", 2
    ),
    Case(
        "cost-template-deep-nesting",
        "cost",
        {"a.json": nested(100_000)},
        "armc: a.json: the JSON is nested more than 1000 levels deep",
        2,
    ),
    Case("cost-template-top-level-array", "cost", {"a.json": "[]"}, "armc: a.json: the top", 2),
    Case(
        "cost-missing-file",
        "cost",
        {"x.txt": ""},
        "armc: no such file: nope.json",
        2,
        ("nope.json",),
    ),
    Case(
        "cost-bicep-input",
        "cost",
        {"a.bicep": "param p string\n"},
        "armc: a.bicep: armc does not read Bicep",
        2,
    ),
    Case(
        "cost-armc-does-not-compile",
        "cost",
        {"a.armc": "vm web {\n"},
        "armc: a.armc: the file ends too early",
        2,
    ),
    Case(
        "cost-copy-count-1e9",
        "cost",
        {"a.json": ip_copy(10**9)},
        "TOTAL",
        0,
    ),
    Case(
        "cost-empty-template",
        "cost",
        {"a.json": TEMPLATE_OK},
        "TOTAL",
        0,
    ),
    # --- armc prices ----------------------------------------------------------------------------
    Case(
        "prices-show-deep-catalog",
        "prices",
        {"c.json": nested(100_000)},
        "armc: cannot read price catalog c.json",
        2,
        ("show", "--catalog", "c.json"),
    ),
    Case(
        "prices-import-binary-csv",
        "prices",
        {"p.csv": b"\xff\xfe,\x00\n"},
        "armc: cannot read p.csv: 'utf-8' codec can't decode byte 0xff",
        2,
        ("import", "p.csv", "-o", "c.json"),
    ),
    Case(
        "prices-import-deep-json",
        "prices",
        {"p.json": nested(100_000)},
        "armc: cannot read p.json: maximum recursion depth exceeded",
        2,
        ("import", "p.json", "-o", "c.json"),
    ),
    Case(
        "prices-import-not-a-page",
        "prices",
        {"p.json": '{"Items": 5}'},
        "armc: p.json: not a Retail Prices API page (no 'Items' array)",
        2,
        ("import", "p.json", "-o", "c.json"),
    ),
    Case(
        "prices-import-output-below-a-file",
        "prices",
        {"p.json": '{"Items": []}', "f": "not a folder"},
        "armc: error[IO003]: cannot write 'f/c.json'",
        2,
        ("import", "p.json", "-o", "f/c.json"),
    ),
    Case(
        "cost-diff-one-file",
        "cost",
        {"a.armc": VM},
        "give BASE and HEAD files, or --git-base REV",
        2,
        ("diff", "a.armc"),
    ),
    Case(
        "cost-diff-broken-head",
        "cost",
        {"a.armc": VM, "b.json": '{"resources": [}'},
        "armc: b.json: ",
        2,
        ("diff", "a.armc", "b.json"),
    ),
]
