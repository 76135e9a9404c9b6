"""The diagnostic codes of the ARM JSON front-end, in one place.

ARM0xx: input handling by `armc lint`; ARM1xx: reading (JSON, expression syntax); ARM2xx:
template structure, references and evaluation; ARM3xx: parameter values. Dependency cycles use
the graph's own code (`GRAPH001 dependency-cycle`)."""

from __future__ import annotations

from typing import NamedTuple

from armc.diagnostics import Diagnostic, Severity
from armc.source import Span


class Code(NamedTuple):
    code: str
    name: str
    summary: str


INPUT_ERROR = Code("ARM001", "input-error", "a named file is not a usable template")
SKIPPED_FILE = Code("ARM002", "skipped-file", "a file lint cannot check in this installation")
JSON_SYNTAX = Code("ARM100", "json-syntax", "the file is not JSON (with ARM's extensions)")
INVALID_ENCODING = Code("ARM101", "invalid-encoding", "the file is not UTF-8")
DUPLICATE_KEY = Code("ARM102", "duplicate-key", "an object repeats a key; ARM keeps the last")
NOT_AN_OBJECT = Code("ARM103", "not-an-object", "the top level is not a JSON object")
UNREADABLE_FILE = Code("ARM104", "unreadable-file", "the file cannot be read")
EXPRESSION_SYNTAX = Code("ARM110", "expression-syntax", "a [...] expression does not parse")
NOT_A_TEMPLATE = Code("ARM200", "not-a-template", "no deploymentTemplate $schema or resources")
UNDEFINED_PARAMETER = Code("ARM201", "undefined-parameter", "parameters('x') of no parameter")
UNDEFINED_VARIABLE = Code("ARM202", "undefined-variable", "variables('x') of no variable")
DANGLING_REFERENCE = Code("ARM204", "dangling-reference", "a reference to no resource")
MISSING_DEPENDSON = Code("ARM205", "missing-dependson", "a reference without dependsOn")
DUPLICATE_RESOURCE = Code("ARM206", "duplicate-resource", "a resource declared twice")
UNKNOWN_FUNCTION = Code("ARM207", "unknown-function", "a call of no ARM function")
EVALUATION_ERROR = Code("ARM208", "evaluation-error", "an expression ARM would fail to evaluate")
INVALID_TEMPLATE = Code("ARM210", "invalid-template", "a template member of the wrong shape")
LINKED_TEMPLATE = Code("ARM211", "linked-template", "a linked template not read")
PARAMETER_TYPE = Code("ARM301", "parameter-type-mismatch", "a value of the wrong type")
PARAMETER_NOT_ALLOWED = Code("ARM302", "parameter-not-allowed", "a value outside allowedValues")
PARAMETER_RANGE = Code("ARM303", "parameter-out-of-range", "outside min/max value or length")
UNKNOWN_PARAMETER = Code("ARM304", "unknown-parameter", "a value for no declared parameter")
MISSING_PARAMETER_VALUE = Code("ARM305", "missing-parameter-value", "no value and no default")
PARAMETERS_FILE = Code("ARM306", "invalid-parameters-file", "a malformed parameters file")

ALL_CODES: tuple[Code, ...] = tuple(
    value for value in list(globals().values()) if isinstance(value, Code)
)


def make(
    code: Code,
    severity: Severity,
    message: str,
    span: Span | None = None,
    hint: str | None = None,
) -> Diagnostic:
    """A diagnostic with one of the codes above."""
    return Diagnostic(code.code, code.name, severity, message, span, (), hint)
