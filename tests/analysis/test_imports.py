"""The engine and reports stay light: no jinja2 or lark, and `armc --version` loads none of it."""

from __future__ import annotations

import subprocess
import sys

CHECK = """
import sys
{imports}
loaded = sorted(m for m in {forbidden!r} if m in sys.modules)
print(",".join(loaded))
"""


def _loaded(imports: str, forbidden: tuple[str, ...]) -> str:
    code = CHECK.format(imports=imports, forbidden=forbidden)
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def test_engine_and_reports_do_not_import_jinja2_or_lark() -> None:
    imports = "\n".join(
        f"import {module}"
        for module in (
            "armc.analysis.run",
            "armc.analysis.batch",
            "armc.analysis.baseline",
            "armc.report.render",
            "armc.report.sarif",
            "armc.report.junit",
            "armc.report.markdown",
            "armc.report.github",
            "armc.report.json_report",
            "armc.commands.rules",
            "armc.commands.explain",
        )
    )
    imports += "\nfrom armc.rules.registry import default_registry\ndefault_registry()"
    assert _loaded(imports, ("jinja2", "lark")) == ""


def test_version_does_not_load_the_engine() -> None:
    imports = "import armc.cli"
    forbidden = ("armc.analysis.engine", "armc.rules.registry", "networkx", "jsonschema")
    assert _loaded(imports, forbidden) == ""
