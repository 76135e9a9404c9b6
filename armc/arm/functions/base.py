"""What every template function shares: the deployment context, argument checks, conversions."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from armc.arm.values import EvalError, type_name

MAX_STRING = 131072
"""ARM's limit on the length of a string a template function builds."""


@dataclass(frozen=True)
class DeploymentContext:
    """Stable placeholder values for what a real deployment would supply.

    The defaults are deliberately recognisable: a zero subscription GUID, resource group
    `armc-rg` in `westus`, deployment `armc-deployment`, and a template link under
    `https://armc.invalid/` so that `uri(deployment().properties.templateLink.uri, 'nested/x')`
    stays concrete (the loader maps such URIs back to files next to the template)."""

    subscription_id: str = "00000000-0000-0000-0000-000000000000"
    tenant_id: str = "00000000-0000-0000-0000-000000000000"
    resource_group: str = "armc-rg"
    location: str = "westus"
    deployment_name: str = "armc-deployment"
    template_uri: str = "https://armc.invalid/templates/azuredeploy.json"

    @property
    def resource_group_id(self) -> str:
        return f"/subscriptions/{self.subscription_id}/resourceGroups/{self.resource_group}"


Function = Callable[[DeploymentContext, list[Any]], Any]


def arity(args: list[Any], low: int, high: int | None = None, name: str = "") -> None:
    high = low if high is None else high
    if not low <= len(args) <= high:
        wanted = str(low) if low == high else f"{low} to {high}" if high < 99 else f"{low}+"
        raise EvalError(f"{name or 'this function'} takes {wanted} arguments, not {len(args)}")


def wrong_type(name: str, index: int, expected: str, value: Any) -> EvalError:
    return EvalError(
        f"{name}: argument {index + 1} must be {expected}, not {type_name(value)}", index
    )


def as_str(value: Any, index: int, name: str) -> str:
    if not isinstance(value, str):
        raise EvalError(
            f"{name}: argument {index + 1} must be a string, not {type_name(value)}", index
        )
    return value


def as_int(value: Any, index: int, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise EvalError(
            f"{name}: argument {index + 1} must be an int, not {type_name(value)}", index
        )
    return value


def as_list(value: Any, index: int, name: str) -> list[Any]:
    if not isinstance(value, list):
        raise EvalError(
            f"{name}: argument {index + 1} must be an array, not {type_name(value)}", index
        )
    return value


def as_bool(value: Any, index: int, name: str) -> bool:
    if not isinstance(value, bool):
        raise EvalError(
            f"{name}: argument {index + 1} must be a bool, not {type_name(value)}", index
        )
    return value


def to_arm_string(value: Any) -> str:
    """`string()` as ARM does it: Json.NET text for objects and arrays, True/False for bools."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "True" if value else "False"
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    return str(value)


def deep_equal(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, dict) and isinstance(b, dict):
        lower_b = {k.lower(): v for k, v in b.items()}
        return len(a) == len(b) and all(
            k.lower() in lower_b and deep_equal(v, lower_b[k.lower()]) for k, v in a.items()
        )
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(deep_equal(x, y) for x, y in zip(a, b, strict=True))
    return bool(type(a) is type(b) and a == b) or (
        isinstance(a, (int, float)) and isinstance(b, (int, float)) and a == b
    )


def parse_json(text: str, name: str) -> Any:
    """`json()`: the value of JSON text, an `EvalError` when it is not JSON."""
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise EvalError(f"{name}: the argument is not valid JSON ({exc.args[0]})", 0) from None
