"""AZV018: parameter defaults and constraints must fit the declared type."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from armc.rules.base import Finding, Rule
from armc.rules.support import is_expression_text

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext

_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "securestring": (str,),
    "int": (int,),
    "bool": (bool,),
    "array": (list,),
    "object": (dict,),
    "secureobject": (dict,),
}


def _fits(value: Any, kind: str) -> bool:
    expected = _TYPES.get(kind)
    if expected is None or (isinstance(value, str) and is_expression_text(value)):
        return True
    if kind == "int" and isinstance(value, bool):
        return False
    return isinstance(value, expected)


def _number(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


class ParameterConstraints(Rule):
    id = "AZV018"
    name = "parameter-constraints"
    category = "validation"
    default_severity = "error"
    summary = "Parameter defaults must match the type, and min/max constraints must be numbers."
    rationale = (
        "ARM rejects a template whose parameter default has another type than the parameter "
        "(a string default for an int, an object for an array), whose minValue or maxValue "
        "is not a number, or whose minValue is larger than its maxValue."
    )
    equivalents = (
        "arm-ttk:Min-And-Max-Value-Are-Numbers",
        "psrule:Azure.Template.ParameterDataTypes",
        "psrule:Azure.Template.ParameterMinMaxValue",
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for name, parameter in ctx.template.parameters.items():
            body = parameter.body
            kind = parameter.type
            if "defaultValue" in body and not _fits(body["defaultValue"], kind):
                yield Finding(
                    f"parameter '{name}' is {kind} but its default is "
                    f"{type(body['defaultValue']).__name__}",
                    (*parameter.path, "defaultValue"),
                )
            bounds = {k: body[k] for k in ("minValue", "maxValue") if k in body}
            for key, value in bounds.items():
                if not _number(value):
                    yield Finding(
                        f"parameter '{name}' has {key} {value!r}, not a number",
                        (*parameter.path, key),
                    )
            low, high = bounds.get("minValue"), bounds.get("maxValue")
            if isinstance(low, int) and isinstance(high, int) and low > high:
                yield Finding(
                    f"parameter '{name}' has minValue {low} above maxValue {high}",
                    (*parameter.path, "minValue"),
                )
