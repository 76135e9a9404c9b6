"""Array and object functions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from armc.arm.functions.base import (
    DeploymentContext,
    Function,
    arity,
    as_int,
    as_str,
    deep_equal,
    parse_json,
    to_arm_string,
)
from armc.arm.values import EvalError, type_name

# --- arrays and objects -------------------------------------------------------------------


def _create_array(_: DeploymentContext, args: list[Any]) -> list[Any]:
    return list(args)


def _create_object(_: DeploymentContext, args: list[Any]) -> dict[str, Any]:
    if len(args) % 2:
        raise EvalError("createObject: needs key and value pairs (an even number of arguments)")
    result: dict[str, Any] = {}
    for index in range(0, len(args), 2):
        result[as_str(args[index], index, "createObject")] = args[index + 1]
    return result


def _array(_: DeploymentContext, args: list[Any]) -> list[Any]:
    arity(args, 1, 1, "array")
    return args[0] if isinstance(args[0], list) else [args[0]]


def _union(_: DeploymentContext, args: list[Any]) -> Any:
    arity(args, 1, 999, "union")
    if all(isinstance(a, dict) for a in args):
        merged: dict[str, Any] = {}
        for value in args:
            merged.update(value)
        return merged
    if all(isinstance(a, list) for a in args):
        out: list[Any] = []
        for value in args:
            for item in value:
                if not any(deep_equal(item, seen) for seen in out):
                    out.append(item)
        return out
    raise EvalError("union: the arguments must be all arrays or all objects")


def _intersection(_: DeploymentContext, args: list[Any]) -> Any:
    arity(args, 1, 999, "intersection")
    if all(isinstance(a, dict) for a in args):
        first = args[0]
        return {
            k: v
            for k, v in first.items()
            if all(k in other and deep_equal(other[k], v) for other in args[1:])
        }
    if all(isinstance(a, list) for a in args):
        out: list[Any] = []
        for item in args[0]:
            shared = all(any(deep_equal(item, x) for x in other) for other in args[1:])
            if shared and not any(deep_equal(item, seen) for seen in out):
                out.append(item)
        return out
    raise EvalError("intersection: the arguments must be all arrays or all objects")


def _contains(_: DeploymentContext, args: list[Any]) -> bool:
    arity(args, 2, 2, "contains")
    container, item = args
    if isinstance(container, str):
        return to_arm_string(item) in container
    if isinstance(container, list):
        return any(deep_equal(item, x) for x in container)
    if isinstance(container, dict):
        key = as_str(item, 1, "contains").lower()
        return any(k.lower() == key for k in container)
    raise EvalError(f"contains: cannot look inside {type_name(container)}", 0)


def _empty(_: DeploymentContext, args: list[Any]) -> bool:
    arity(args, 1, 1, "empty")
    value = args[0]
    if value is None:
        return True
    if isinstance(value, (str, list, dict)):
        return len(value) == 0
    raise EvalError(f"empty: expects a string, array or object, not {type_name(value)}", 0)


def _length(_: DeploymentContext, args: list[Any]) -> int:
    arity(args, 1, 1, "length")
    value = args[0]
    if isinstance(value, (str, list, dict)):
        return len(value)
    raise EvalError(f"length: expects a string, array or object, not {type_name(value)}", 0)


def _end(name: str, index: int) -> Function:
    """first() / last() of a string or an array."""

    def end(_: DeploymentContext, args: list[Any]) -> Any:
        arity(args, 1, 1, name)
        value = args[0]
        if isinstance(value, (str, list)):
            return value[index] if value else (None if isinstance(value, list) else "")
        raise EvalError(f"{name}: expects a string or an array, not {type_name(value)}", 0)

    return end


def _part(name: str, keep_head: bool) -> Function:
    """take() / skip() of a string or an array."""

    def part(_: DeploymentContext, args: list[Any]) -> Any:
        arity(args, 2, 2, name)
        value, count = args[0], max(as_int(args[1], 1, name), 0)
        if isinstance(value, (str, list)):
            return value[:count] if keep_head else value[count:]
        raise EvalError(f"{name}: expects a string or an array, not {type_name(value)}", 0)

    return part


def _range(_: DeploymentContext, args: list[Any]) -> list[int]:
    arity(args, 2, 2, "range")
    start, count = as_int(args[0], 0, "range"), as_int(args[1], 1, "range")
    if count < 0 or count > 10000:
        raise EvalError(f"range: the count must be between 0 and 10000, not {count}", 1)
    return list(range(start, start + count))


def _items(_: DeploymentContext, args: list[Any]) -> list[dict[str, Any]]:
    arity(args, 1, 1, "items")
    value = args[0]
    if not isinstance(value, dict):
        raise EvalError(f"items: expects an object, not {type_name(value)}", 0)
    return [{"key": k, "value": value[k]} for k in sorted(value, key=str.lower)]


def _json(_: DeploymentContext, args: list[Any]) -> Any:
    arity(args, 1, 1, "json")
    return parse_json(as_str(args[0], 0, "json"), "json")


def _extreme(name: str, pick: Callable[[list[int]], int]) -> Function:
    def extreme(_: DeploymentContext, args: list[Any]) -> int:
        values = args[0] if len(args) == 1 and isinstance(args[0], list) else args
        if not values:
            raise EvalError(f"{name}: needs at least one value")
        return pick([as_int(v, i, name) for i, v in enumerate(values)])

    return extreme


ARRAY_FUNCTIONS: dict[str, Function] = {
    # arrays and objects
    "createarray": _create_array,
    "createobject": _create_object,
    "array": _array,
    "union": _union,
    "intersection": _intersection,
    "contains": _contains,
    "empty": _empty,
    "length": _length,
    "first": _end("first", 0),
    "last": _end("last", -1),
    "take": _part("take", keep_head=True),
    "skip": _part("skip", keep_head=False),
    "range": _range,
    "items": _items,
    "json": _json,
    "min": _extreme("min", min),
    "max": _extreme("max", max),
}
