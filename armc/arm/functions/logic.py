"""Logical, comparison and numeric functions."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from armc.arm.functions.base import (
    DeploymentContext,
    Function,
    arity,
    as_bool,
    as_int,
    deep_equal,
)
from armc.arm.values import EvalError, Unknown, first_unknown, type_name

# --- logic and comparison -----------------------------------------------------------------


def _logical(name: str, deciding: bool) -> Function:
    """and() / or(): one argument equal to `deciding` settles it, even beside Unknowns."""

    def logical(_: DeploymentContext, args: list[Any]) -> Any:
        arity(args, 2, 999, name)
        if any(a is deciding for a in args):
            return deciding
        unknown = first_unknown(args)
        if unknown is not None:
            return unknown
        for index, value in enumerate(args):
            as_bool(value, index, name)
        return not deciding

    return logical


def _not(_: DeploymentContext, args: list[Any]) -> bool:
    arity(args, 1, 1, "not")
    return not as_bool(args[0], 0, "not")


def _bool_fn(_: DeploymentContext, args: list[Any]) -> bool:
    arity(args, 1, 1, "bool")
    value = args[0]
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    if isinstance(value, int):
        return value != 0
    raise EvalError(f"bool: cannot convert {type_name(value)} {value!r}", 0)


def _equals(_: DeploymentContext, args: list[Any]) -> bool:
    arity(args, 2, 2, "equals")
    return deep_equal(args[0], args[1])


def _compare(name: str, test: Callable[[Any, Any], bool]) -> Function:
    def compare(_: DeploymentContext, args: list[Any]) -> bool:
        arity(args, 2, 2, name)
        a, b = args
        numbers = all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in (a, b))
        if not numbers and not (isinstance(a, str) and isinstance(b, str)):
            raise EvalError(f"{name}: compares two numbers or two strings")
        return test(a, b)

    return compare


def _coalesce(_: DeploymentContext, args: list[Any]) -> Any:
    for value in args:
        if isinstance(value, Unknown):
            return value
        if value is not None:
            return value
    return None


# --- numbers ------------------------------------------------------------------------------


def _arith(name: str, op: Callable[[int, int], int]) -> Function:
    def arith(_: DeploymentContext, args: list[Any]) -> int:
        arity(args, 2, 2, name)
        return op(as_int(args[0], 0, name), as_int(args[1], 1, name))

    return arith


def _div(a: int, b: int) -> int:
    if b == 0:
        raise EvalError("div: division by zero", 1)
    return int(a / b) if abs(a) < 2**52 else (abs(a) // abs(b)) * (1 if (a < 0) == (b < 0) else -1)


def _mod(a: int, b: int) -> int:
    if b == 0:
        raise EvalError("mod: division by zero", 1)
    return int(math.fmod(a, b))


def _int_fn(_: DeploymentContext, args: list[Any]) -> int:
    arity(args, 1, 1, "int")
    value = args[0]
    if isinstance(value, bool):
        raise EvalError("int: cannot convert a bool", 0)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value)
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            raise EvalError(f"int: {value!r} is not an integer", 0) from None
    raise EvalError(f"int: cannot convert {type_name(value)}", 0)


def _float_fn(_: DeploymentContext, args: list[Any]) -> float:
    arity(args, 1, 1, "float")
    value = args[0]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            raise EvalError(f"float: {value!r} is not a number", 0) from None
    raise EvalError(f"float: cannot convert {type_name(value)}", 0)


def _literal(value: Any) -> Function:
    def literal(_: DeploymentContext, args: list[Any]) -> Any:
        arity(args, 0, 0)
        return value

    return literal


LOGIC_FUNCTIONS: dict[str, Function] = {
    # logic and comparison
    "and": _logical("and", deciding=False),
    "or": _logical("or", deciding=True),
    "not": _not,
    "bool": _bool_fn,
    "equals": _equals,
    "less": _compare("less", lambda a, b: a < b),
    "lessorequals": _compare("lessOrEquals", lambda a, b: a <= b),
    "greater": _compare("greater", lambda a, b: a > b),
    "greaterorequals": _compare("greaterOrEquals", lambda a, b: a >= b),
    "coalesce": _coalesce,
    "true": _literal(True),
    "false": _literal(False),
    "null": _literal(None),
    # numbers
    "add": _arith("add", lambda a, b: a + b),
    "sub": _arith("sub", lambda a, b: a - b),
    "mul": _arith("mul", lambda a, b: a * b),
    "div": _arith("div", _div),
    "mod": _arith("mod", _mod),
    "int": _int_fn,
    "float": _float_fn,
}
