"""Parameter checks (types, defaults, allowed values, ranges, lengths, Key Vault references).

Returns the ARM declaration of every parameter, ready for the template model."""

from __future__ import annotations

import re
from typing import Any

from armc.diagnostics import Diagnostics, did_you_mean
from armc.dsl import ir
from armc.dsl.codes import Reporter
from armc.dsl.evaluate import Evaluator, article, value_type
from armc.dsl.values import const_value, is_const, to_json

DSL_TYPES = ("string", "int", "bool", "array", "object")
KEYVAULT_KEY = "x-armc-keyvault"
VAULT_ID = re.compile(
    r"^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\.KeyVault/vaults/[^/]+$",
    re.IGNORECASE,
)


def arm_type(param: ir.ParamDecl) -> str:
    if param.secure:
        return "secureObject" if param.type == "object" else "securestring"
    return param.type


class ParamChecks(Reporter):
    def __init__(self, evaluator: Evaluator, diagnostics: Diagnostics) -> None:
        self.evaluator = evaluator
        self.diagnostics = diagnostics

    def _const(self, expr: ir.Expr, wanted: str, what: str) -> Any:
        value = self.evaluator.expect(expr, wanted, what)
        if not is_const(value):
            self.report("DSL311", f"{what} must be a constant", expr.span)
            return None
        return const_value(value)

    def body(self, param: ir.ParamDecl) -> dict[str, Any]:
        if param.type not in DSL_TYPES:
            self.report(
                "DSL301",
                f"unknown parameter type '{param.type}'",
                param.type_span,
                hint=did_you_mean(param.type, DSL_TYPES) or f"one of {', '.join(DSL_TYPES)}",
            )
            return {"type": "string"}
        if param.secure and param.type not in ("string", "object"):
            self.report(
                "DSL301",
                f"only string and object parameters can be secure, not {param.type}",
                param.type_span,
            )
        body: dict[str, Any] = {"type": arm_type(param)}
        if param.default is not None:
            self._default(param, body)
        if param.allowed is not None:
            allowed = [self._const(e, param.type, "an allowed value") for e in param.allowed]
            body["allowedValues"] = allowed
            default = body.get("defaultValue")
            if (
                param.default is not None
                and is_const(self.evaluator.eval(param.default))
                and default not in allowed
            ):
                self.report(
                    "DSL311",
                    f"the default {default!r} is not one of the allowed values",
                    param.default.span,
                )
        if param.value_range is not None:
            self._bounds(param, body, param.value_range, "int", ("minValue", "maxValue"))
        if param.length is not None:
            self._bounds(param, body, param.length, "string|array", ("minLength", "maxLength"))
        if param.description is not None:
            body["metadata"] = {"description": param.description}
        if param.keyvault is not None:
            self._keyvault(param, body)
        return body

    def _default(self, param: ir.ParamDecl, body: dict[str, Any]) -> None:
        assert param.default is not None
        value = self.evaluator.eval(param.default)
        actual = value_type(value)
        if actual not in (param.type, "any", "null"):
            self.report(
                "DSL301",
                f"the default of '{param.name}' must be "
                f"{article(param.type)}, not {article(actual)}",
                param.default.span,
            )
            return
        if param.secure and is_const(value) and not _empty(const_value(value)):
            self.report(
                "DSL307",
                f"secure parameter '{param.name}' must not have a literal "
                "default: it would be stored in the template",
                param.default.span,
                hint='only an empty default ("" or {}) is allowed',
            )
            return
        body["defaultValue"] = to_json(value)

    def _bounds(
        self,
        param: ir.ParamDecl,
        body: dict[str, Any],
        bounds: tuple[ir.Expr, ir.Expr],
        types: str,
        keys: tuple[str, str],
    ) -> None:
        modifier = "range" if keys[0] == "minValue" else "length"
        if param.type not in types.split("|"):
            self.report(
                "DSL301", f"'{modifier}' does not apply to a {param.type} parameter", bounds[0].span
            )
            return
        low = self._const(bounds[0], "int", f"the lower bound of '{modifier}'")
        high = self._const(bounds[1], "int", f"the upper bound of '{modifier}'")
        if not isinstance(low, int) or not isinstance(high, int):
            return
        if low > high:
            self.report(
                "DSL311",
                f"'{modifier}' lower bound {low} is above the upper bound {high}",
                bounds[0].span,
            )
            return
        body[keys[0]], body[keys[1]] = low, high
        default = body.get("defaultValue")
        if param.default is None or not is_const(self.evaluator.eval(param.default)):
            return  # known only at deployment: no placeholder to measure
        measured = (
            default
            if modifier == "range"
            else (len(default) if isinstance(default, str | list) else None)
        )
        if (
            isinstance(measured, int)
            and not isinstance(measured, bool)
            and not low <= measured <= high
        ):
            self.report(
                "DSL311", f"the default is outside {modifier}({low}, {high})", param.default.span
            )

    def _keyvault(self, param: ir.ParamDecl, body: dict[str, Any]) -> None:
        assert param.keyvault is not None
        vault_expr, secret_expr = param.keyvault
        if not param.secure or param.type != "string":
            self.report(
                "DSL301", "keyvault(...) needs a 'secure string' parameter", param.type_span
            )
            return
        if param.default is not None:
            self.report("DSL311", "a Key Vault parameter takes no default", param.default.span)
        vault = self._const(vault_expr, "string", "the Key Vault resource id")
        secret = self._const(secret_expr, "string", "the secret name")
        if isinstance(vault, str) and not VAULT_ID.match(vault):
            self.report(
                "DSL311",
                "the Key Vault id must look like /subscriptions/<id>/"
                "resourceGroups/<rg>/providers/Microsoft.KeyVault/vaults/<name>",
                vault_expr.span,
            )
            return
        if isinstance(vault, str) and isinstance(secret, str):
            body[KEYVAULT_KEY] = {"vault_id": vault, "secret": secret}


def _empty(value: Any) -> bool:
    """An empty secure default ("" or {}) stores no secret (Bicep's secure-parameter-default)."""
    return isinstance(value, str | dict) and not value


def check_params(
    params: tuple[ir.ParamDecl, ...], evaluator: Evaluator, diagnostics: Diagnostics
) -> dict[str, dict[str, Any]]:
    checks = ParamChecks(evaluator, diagnostics)
    return {param.name: checks.body(param) for param in params}
