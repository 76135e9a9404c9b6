"""The architecture's import rules, checked on the source (no import-linter needed)."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "armc"

# module prefix -> the only places allowed to import it
RESTRICTED = {
    "jinja2": ("armc/emit/",),
    "lark": ("armc/dsl/", "armc/arm/expressions", "armc/arm/expression"),
}
# Lower layers never import higher ones.
FORBIDDEN = {
    "armc/model/": (
        "armc.cli",
        "armc.commands",
        "armc.api",
        "armc.emit",
        "armc.analysis",
        "armc.rules",
        "armc.report",
        "armc.dsl",
        "armc.arm",
        "armc.cost",
    ),
    "armc/source.py": ("armc.",),
    "armc/diagnostics.py": ("armc.cli", "armc.commands", "armc.model", "armc.emit"),
    "armc/emit/": ("armc.cli", "armc.commands", "armc.analysis", "armc.rules", "armc.report"),
    "armc/dsl/": ("armc.cli", "armc.commands", "armc.emit", "armc.analysis", "armc.report"),
    "armc/arm/": ("armc.cli", "armc.commands", "armc.emit", "armc.analysis", "armc.report"),
    "armc/rules/": ("armc.cli", "armc.commands", "armc.report"),
    "armc/cost/": ("armc.cli", "armc.commands", "armc.analysis", "armc.rules", "armc.report"),
}


def imports(path: Path) -> list[str]:
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def modules() -> list[tuple[str, list[str]]]:
    root = PACKAGE.parent
    return [
        (path.relative_to(root).as_posix(), imports(path)) for path in sorted(PACKAGE.rglob("*.py"))
    ]


def test_heavy_dependencies_stay_in_their_layer() -> None:
    offenders = [
        f"{rel} imports {name}"
        for rel, names in modules()
        for name in names
        for lib, allowed in RESTRICTED.items()
        if (name == lib or name.startswith(lib + ".")) and not rel.startswith(allowed)
    ]
    assert offenders == []


def test_layers_only_point_down() -> None:
    offenders = [
        f"{rel} imports {name}"
        for rel, names in modules()
        for prefix, banned in FORBIDDEN.items()
        if rel.startswith(prefix)
        for name in names
        if name.startswith(banned)
    ]
    assert offenders == []


def test_startup_path_imports_nothing_heavy() -> None:
    import subprocess
    import sys

    code = (
        "import sys, armc.cli\n"
        "heavy = [m for m in ('lark', 'jinja2', 'networkx', 'jsonschema') if m in sys.modules]\n"
        "print(','.join(heavy))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == ""
