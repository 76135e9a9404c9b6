"""`--format junit`: JUnit XML, one test suite per file and one test case per finding.

Errors and warnings are failures; info diagnostics are passing cases with the message as
output. Files without findings (when the caller lists them) get one passing case."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence

from armc.diagnostics import Diagnostic, Severity

_NO_FILE = "armc"


def _case(diagnostic: Diagnostic, suite: str) -> ET.Element:
    span = diagnostic.span
    where = f"{span.line}:{span.column}" if span else "-"
    case = ET.Element(
        "testcase",
        {"classname": suite, "name": f"{diagnostic.code} {diagnostic.name} at {where}"},
    )
    body = f"{span}: {diagnostic.message}" if span else diagnostic.message
    if diagnostic.hint:
        body += f"\nhint: {diagnostic.hint}"
    if diagnostic.severity >= Severity.WARNING:
        failure = ET.SubElement(
            case,
            "failure",
            {"message": diagnostic.message, "type": diagnostic.severity.label},
        )
        failure.text = body
    else:
        out = ET.SubElement(case, "system-out")
        out.text = body
    return case


def render_junit(diagnostics: Sequence[Diagnostic], files: Iterable[str] = ()) -> str:
    by_file: dict[str, list[Diagnostic]] = {file: [] for file in files}
    for diagnostic in diagnostics:
        file = diagnostic.span.file if diagnostic.span else _NO_FILE
        by_file.setdefault(file, []).append(diagnostic)
    root = ET.Element("testsuites", {"name": "armc"})
    total = failures = 0
    for file in sorted(by_file):
        found = by_file[file]
        suite = ET.SubElement(root, "testsuite", {"name": file})
        if found:
            cases = [_case(d, file) for d in found]
        else:
            cases = [ET.Element("testcase", {"classname": file, "name": "armc lint"})]
        failed = sum(1 for d in found if d.severity >= Severity.WARNING)
        suite.set("tests", str(len(cases)))
        suite.set("failures", str(failed))
        suite.set("errors", "0")
        suite.extend(cases)
        total += len(cases)
        failures += failed
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
