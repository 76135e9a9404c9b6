"""The ARM template functions armc evaluates, by lower-cased name.

Each function takes the deployment context and its evaluated arguments. Arguments that are (or
contain) `Unknown` never reach a function unless it is listed in `ACCEPTS_UNKNOWN`: the
evaluator returns the Unknown instead. Bad arguments raise `EvalError`, which the evaluator
reports where the expression is written. Functions whose result only Azure knows return Unknown;
ARM functions armc does not evaluate are in `NOT_EVALUATED`.

Deployment functions return the placeholders of `DeploymentContext` (documented there), so that
names built from them stay concrete and stable from run to run.
"""

from __future__ import annotations

import base64
import json
import math
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from armc.arm.values import EvalError, Unknown, first_unknown, type_name

_M32 = 0xFFFFFFFF
MAX_STRING = 131072
"""ARM's limit on the length of a string a template function builds."""
_BASE32 = "abcdefghijklmnopqrstuvwxyz234567"


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


# --- helpers -----------------------------------------------------------------------------


def _arity(args: list[Any], low: int, high: int | None = None, name: str = "") -> None:
    high = low if high is None else high
    if not low <= len(args) <= high:
        wanted = str(low) if low == high else f"{low} to {high}" if high < 99 else f"{low}+"
        raise EvalError(f"{name or 'this function'} takes {wanted} arguments, not {len(args)}")


def _wrong_type(name: str, index: int, expected: str, value: Any) -> EvalError:
    return EvalError(
        f"{name}: argument {index + 1} must be {expected}, not {type_name(value)}", index
    )


def _str(value: Any, index: int, name: str) -> str:
    if not isinstance(value, str):
        raise EvalError(
            f"{name}: argument {index + 1} must be a string, not {type_name(value)}", index
        )
    return value


def _int(value: Any, index: int, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise EvalError(
            f"{name}: argument {index + 1} must be an int, not {type_name(value)}", index
        )
    return value


def _list(value: Any, index: int, name: str) -> list[Any]:
    if not isinstance(value, list):
        raise EvalError(
            f"{name}: argument {index + 1} must be an array, not {type_name(value)}", index
        )
    return value


def _bool(value: Any, index: int, name: str) -> bool:
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


def unique_string(*parts: str) -> str:
    """Azure's `uniqueString()`: the arguments joined by '-', UTF-8, MurmurHash64 (seed 0),
    the 64 bits written as 13 base32 characters, high bits first.

    Algorithm as public in Microsoft's Kudu `HashHelper.MurmurHash64` and decompiled
    `Azure.Deployments.Expression` `ExpressionBuiltInFunctions.UniqueString`; checked against
    values Azure returned: uniqueString('aaa') = 'zavj67f3en4hc'."""
    value = _murmur64("-".join(parts).encode("utf-8"))
    chars = []
    for _ in range(13):
        chars.append(_BASE32[value >> 59])
        value = (value << 5) & 0xFFFFFFFFFFFFFFFF
    return "".join(chars)


def _rotl(value: int, count: int) -> int:
    return ((value << count) | (value >> (32 - count))) & _M32


def _mix(value: int) -> int:
    value ^= value >> 16
    value = (value * 0x85EBCA6B) & _M32
    value ^= value >> 13
    value = (value * 0xC2B2AE35) & _M32
    return value ^ (value >> 16)


def _murmur64(data: bytes) -> int:
    c1, c2 = 0x239B961B, 0xAB0E9789
    length = len(data)
    h1 = h2 = 0
    index = 0
    while index + 7 < length:
        k1 = int.from_bytes(data[index : index + 4], "little")
        k2 = int.from_bytes(data[index + 4 : index + 8], "little")
        k1 = (_rotl((k1 * c1) & _M32, 15) * c2) & _M32
        h1 = ((_rotl(h1 ^ k1, 19) + h2) * 5 + 0x561CCD1B) & _M32
        k2 = (_rotl((k2 * c2) & _M32, 17) * c1) & _M32
        h2 = ((_rotl(h2 ^ k2, 13) + h1) * 5 + 0x0BCAA747) & _M32
        index += 8
    tail = length - index
    if tail > 0:
        k1 = int.from_bytes(data[index : index + min(tail, 4)], "little")
        h1 ^= (_rotl((k1 * c1) & _M32, 15) * c2) & _M32
        if tail > 4:
            k2 = int.from_bytes(data[index + 4 : length], "little")
            h2 ^= (_rotl((k2 * c2) & _M32, 17) * c1) & _M32
    h1 ^= length
    h2 ^= length
    h1 = (h1 + h2) & _M32
    h2 = (h2 + h1) & _M32
    h1 = _mix(h1)
    h2 = _mix(h2)
    h1 = (h1 + h2) & _M32
    h2 = (h2 + h1) & _M32
    return (h2 << 32) | h1


def _deep_equal(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, dict) and isinstance(b, dict):
        lower_b = {k.lower(): v for k, v in b.items()}
        return len(a) == len(b) and all(
            k.lower() in lower_b and _deep_equal(v, lower_b[k.lower()]) for k, v in a.items()
        )
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_deep_equal(x, y) for x, y in zip(a, b, strict=True))
    return bool(type(a) is type(b) and a == b) or (
        isinstance(a, (int, float)) and isinstance(b, (int, float)) and a == b
    )


# --- string functions ---------------------------------------------------------------------


def _concat(_: DeploymentContext, args: list[Any]) -> Any:
    if not args:
        return ""
    if all(isinstance(a, list) for a in args):
        return [item for a in args for item in a]
    unknown = first_unknown(args)
    if unknown is not None:
        return unknown
    if any(isinstance(a, (list, dict)) for a in args):
        raise EvalError("concat: mix arrays with arrays and strings with strings")
    return "".join(to_arm_string(a) for a in args)


def _format(_: DeploymentContext, args: list[Any]) -> str:
    _arity(args, 1, 999, "format")
    template = _str(args[0], 0, "format")
    values = args[1:]
    out: list[str] = []
    index = 0
    while index < len(template):
        char = template[index]
        if char == "{":
            if template.startswith("{{", index):
                out.append("{")
                index += 2
                continue
            close = template.find("}", index)
            if close < 0:
                raise EvalError("format: unclosed '{' in the format string", 0)
            spec = template[index + 1 : close]
            number, _colon, style = spec.partition(":")
            number = number.split(",")[0].strip()
            if not number.isdigit() or int(number) >= len(values):
                raise EvalError(f"format: '{{{spec}}}' has no matching argument", 0)
            out.append(_format_item(values[int(number)], style))
            index = close + 1
            continue
        if char == "}" and template.startswith("}}", index):
            out.append("}")
            index += 2
            continue
        out.append(char)
        index += 1
    return "".join(out)


def _format_item(value: Any, style: str) -> str:
    if style and isinstance(value, int) and not isinstance(value, bool):
        kind, digits = style[:1].upper(), style[1:]
        width = int(digits) if digits.isdigit() else 0
        if kind == "D":
            return str(value).zfill(width)
        if kind == "N":
            return f"{value:,.{width if digits else 2}f}"
        if kind == "X":
            return format(value, "X" if style[0] == "X" else "x").zfill(width)
    return to_arm_string(value)


def _to_lower(_: DeploymentContext, args: list[Any]) -> str:
    _arity(args, 1, 1, "toLower")
    return _str(args[0], 0, "toLower").lower()


def _to_upper(_: DeploymentContext, args: list[Any]) -> str:
    _arity(args, 1, 1, "toUpper")
    return _str(args[0], 0, "toUpper").upper()


def _substring(_: DeploymentContext, args: list[Any]) -> str:
    _arity(args, 2, 3, "substring")
    text = _str(args[0], 0, "substring")
    start = _int(args[1], 1, "substring")
    length = _int(args[2], 2, "substring") if len(args) == 3 else len(text) - start
    if start < 0 or length < 0 or start + length > len(text):
        raise EvalError(
            f"substring: start {start} and length {length} are outside a string of "
            f"{len(text)} characters"
        )
    return text[start : start + length]


def _replace(_: DeploymentContext, args: list[Any]) -> str:
    _arity(args, 3, 3, "replace")
    text, old, new = (_str(a, i, "replace") for i, a in enumerate(args))
    if not old:
        raise EvalError("replace: the string to replace must not be empty", 1)
    return text.replace(old, new)


def _split(_: DeploymentContext, args: list[Any]) -> list[str]:
    _arity(args, 2, 2, "split")
    text = _str(args[0], 0, "split")
    delimiters = args[1] if isinstance(args[1], list) else [_str(args[1], 1, "split")]
    parts = [text]
    for delimiter in delimiters:
        parts = [piece for part in parts for piece in part.split(_str(delimiter, 1, "split"))]
    return parts


def _join(_: DeploymentContext, args: list[Any]) -> str:
    _arity(args, 2, 2, "join")
    items = _list(args[0], 0, "join")
    return _str(args[1], 1, "join").join(to_arm_string(item) for item in items)


def _trim(_: DeploymentContext, args: list[Any]) -> str:
    _arity(args, 1, 1, "trim")
    return _str(args[0], 0, "trim").strip()


def _starts_with(_: DeploymentContext, args: list[Any]) -> bool:
    _arity(args, 2, 2, "startsWith")
    return _str(args[0], 0, "startsWith").lower().startswith(_str(args[1], 1, "startsWith").lower())


def _ends_with(_: DeploymentContext, args: list[Any]) -> bool:
    _arity(args, 2, 2, "endsWith")
    return _str(args[0], 0, "endsWith").lower().endswith(_str(args[1], 1, "endsWith").lower())


def _index_of(_: DeploymentContext, args: list[Any]) -> int:
    _arity(args, 2, 2, "indexOf")
    if isinstance(args[0], list):
        return next((i for i, item in enumerate(args[0]) if _deep_equal(item, args[1])), -1)
    return _str(args[0], 0, "indexOf").lower().find(_str(args[1], 1, "indexOf").lower())


def _last_index_of(_: DeploymentContext, args: list[Any]) -> int:
    _arity(args, 2, 2, "lastIndexOf")
    if isinstance(args[0], list):
        matches = [i for i, item in enumerate(args[0]) if _deep_equal(item, args[1])]
        return matches[-1] if matches else -1
    return _str(args[0], 0, "lastIndexOf").lower().rfind(_str(args[1], 1, "lastIndexOf").lower())


def _pad_left(_: DeploymentContext, args: list[Any]) -> str:
    _arity(args, 2, 3, "padLeft")
    value = args[0]
    text = to_arm_string(value) if isinstance(value, (int, str)) else _str(value, 0, "padLeft")
    width = _int(args[1], 1, "padLeft")
    if width > MAX_STRING:
        raise EvalError(f"padLeft: {width} is longer than ARM's {MAX_STRING} characters", 1)
    pad = _str(args[2], 2, "padLeft") if len(args) == 3 else " "
    if len(pad) != 1:
        raise EvalError("padLeft: the padding must be one character", 2)
    return text.rjust(width, pad)


def _string(_: DeploymentContext, args: list[Any]) -> str:
    _arity(args, 1, 1, "string")
    return to_arm_string(args[0])


def _unique_string(_: DeploymentContext, args: list[Any]) -> str:
    _arity(args, 1, 999, "uniqueString")
    return unique_string(*(_str(a, i, "uniqueString") for i, a in enumerate(args)))


def _guid(_: DeploymentContext, args: list[Any]) -> Unknown:
    _arity(args, 1, 999, "guid")
    for index, value in enumerate(args):
        _str(value, index, "guid")
    return Unknown("guid() is computed by Azure (its hash is not reproduced by armc)")


# --- arrays and objects -------------------------------------------------------------------


def _create_array(_: DeploymentContext, args: list[Any]) -> list[Any]:
    return list(args)


def _create_object(_: DeploymentContext, args: list[Any]) -> dict[str, Any]:
    if len(args) % 2:
        raise EvalError("createObject: needs key and value pairs (an even number of arguments)")
    result: dict[str, Any] = {}
    for index in range(0, len(args), 2):
        result[_str(args[index], index, "createObject")] = args[index + 1]
    return result


def _array(_: DeploymentContext, args: list[Any]) -> list[Any]:
    _arity(args, 1, 1, "array")
    return args[0] if isinstance(args[0], list) else [args[0]]


def _union(_: DeploymentContext, args: list[Any]) -> Any:
    _arity(args, 1, 999, "union")
    if all(isinstance(a, dict) for a in args):
        merged: dict[str, Any] = {}
        for value in args:
            merged.update(value)
        return merged
    if all(isinstance(a, list) for a in args):
        out: list[Any] = []
        for value in args:
            for item in value:
                if not any(_deep_equal(item, seen) for seen in out):
                    out.append(item)
        return out
    raise EvalError("union: the arguments must be all arrays or all objects")


def _intersection(_: DeploymentContext, args: list[Any]) -> Any:
    _arity(args, 1, 999, "intersection")
    if all(isinstance(a, dict) for a in args):
        first = args[0]
        return {
            k: v
            for k, v in first.items()
            if all(k in other and _deep_equal(other[k], v) for other in args[1:])
        }
    if all(isinstance(a, list) for a in args):
        out: list[Any] = []
        for item in args[0]:
            shared = all(any(_deep_equal(item, x) for x in other) for other in args[1:])
            if shared and not any(_deep_equal(item, seen) for seen in out):
                out.append(item)
        return out
    raise EvalError("intersection: the arguments must be all arrays or all objects")


def _contains(_: DeploymentContext, args: list[Any]) -> bool:
    _arity(args, 2, 2, "contains")
    container, item = args
    if isinstance(container, str):
        return to_arm_string(item) in container
    if isinstance(container, list):
        return any(_deep_equal(item, x) for x in container)
    if isinstance(container, dict):
        key = _str(item, 1, "contains").lower()
        return any(k.lower() == key for k in container)
    raise EvalError(f"contains: cannot look inside {type_name(container)}", 0)


def _empty(_: DeploymentContext, args: list[Any]) -> bool:
    _arity(args, 1, 1, "empty")
    value = args[0]
    if value is None:
        return True
    if isinstance(value, (str, list, dict)):
        return len(value) == 0
    raise EvalError(f"empty: expects a string, array or object, not {type_name(value)}", 0)


def _length(_: DeploymentContext, args: list[Any]) -> int:
    _arity(args, 1, 1, "length")
    value = args[0]
    if isinstance(value, (str, list, dict)):
        return len(value)
    raise EvalError(f"length: expects a string, array or object, not {type_name(value)}", 0)


def _end(name: str, index: int) -> Function:
    """first() / last() of a string or an array."""

    def end(_: DeploymentContext, args: list[Any]) -> Any:
        _arity(args, 1, 1, name)
        value = args[0]
        if isinstance(value, (str, list)):
            return value[index] if value else (None if isinstance(value, list) else "")
        raise EvalError(f"{name}: expects a string or an array, not {type_name(value)}", 0)

    return end


def _part(name: str, keep_head: bool) -> Function:
    """take() / skip() of a string or an array."""

    def part(_: DeploymentContext, args: list[Any]) -> Any:
        _arity(args, 2, 2, name)
        value, count = args[0], max(_int(args[1], 1, name), 0)
        if isinstance(value, (str, list)):
            return value[:count] if keep_head else value[count:]
        raise EvalError(f"{name}: expects a string or an array, not {type_name(value)}", 0)

    return part


def _range(_: DeploymentContext, args: list[Any]) -> list[int]:
    _arity(args, 2, 2, "range")
    start, count = _int(args[0], 0, "range"), _int(args[1], 1, "range")
    if count < 0 or count > 10000:
        raise EvalError(f"range: the count must be between 0 and 10000, not {count}", 1)
    return list(range(start, start + count))


def _items(_: DeploymentContext, args: list[Any]) -> list[dict[str, Any]]:
    _arity(args, 1, 1, "items")
    value = args[0]
    if not isinstance(value, dict):
        raise EvalError(f"items: expects an object, not {type_name(value)}", 0)
    return [{"key": k, "value": value[k]} for k in sorted(value, key=str.lower)]


def _json(_: DeploymentContext, args: list[Any]) -> Any:
    _arity(args, 1, 1, "json")
    text = _str(args[0], 0, "json")
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise EvalError(f"json: the argument is not valid JSON ({exc.args[0]})", 0) from None


def _extreme(name: str, pick: Callable[[list[int]], int]) -> Function:
    def extreme(_: DeploymentContext, args: list[Any]) -> int:
        values = args[0] if len(args) == 1 and isinstance(args[0], list) else args
        if not values:
            raise EvalError(f"{name}: needs at least one value")
        return pick([_int(v, i, name) for i, v in enumerate(values)])

    return extreme


# --- logic and comparison -----------------------------------------------------------------


def _logical(name: str, deciding: bool) -> Function:
    """and() / or(): one argument equal to `deciding` settles it, even beside Unknowns."""

    def logical(_: DeploymentContext, args: list[Any]) -> Any:
        _arity(args, 2, 999, name)
        if any(a is deciding for a in args):
            return deciding
        unknown = first_unknown(args)
        if unknown is not None:
            return unknown
        for index, value in enumerate(args):
            _bool(value, index, name)
        return not deciding

    return logical


def _not(_: DeploymentContext, args: list[Any]) -> bool:
    _arity(args, 1, 1, "not")
    return not _bool(args[0], 0, "not")


def _bool_fn(_: DeploymentContext, args: list[Any]) -> bool:
    _arity(args, 1, 1, "bool")
    value = args[0]
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    if isinstance(value, int):
        return value != 0
    raise EvalError(f"bool: cannot convert {type_name(value)} {value!r}", 0)


def _equals(_: DeploymentContext, args: list[Any]) -> bool:
    _arity(args, 2, 2, "equals")
    return _deep_equal(args[0], args[1])


def _compare(name: str, test: Callable[[Any, Any], bool]) -> Function:
    def compare(_: DeploymentContext, args: list[Any]) -> bool:
        _arity(args, 2, 2, name)
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
        _arity(args, 2, 2, name)
        return op(_int(args[0], 0, name), _int(args[1], 1, name))

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
    _arity(args, 1, 1, "int")
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
    _arity(args, 1, 1, "float")
    value = args[0]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            raise EvalError(f"float: {value!r} is not a number", 0) from None
    raise EvalError(f"float: cannot convert {type_name(value)}", 0)


# --- encoding -----------------------------------------------------------------------------


def _base64(_: DeploymentContext, args: list[Any]) -> str:
    _arity(args, 1, 1, "base64")
    return base64.b64encode(_str(args[0], 0, "base64").encode("utf-8")).decode("ascii")


def _base64_to_string(_: DeploymentContext, args: list[Any]) -> str:
    _arity(args, 1, 1, "base64ToString")
    try:
        return base64.b64decode(_str(args[0], 0, "base64ToString"), validate=True).decode("utf-8")
    except ValueError:
        raise EvalError("base64ToString: the argument is not base64 of UTF-8 text", 0) from None


def _base64_to_json(ctx: DeploymentContext, args: list[Any]) -> Any:
    return _json(ctx, [_base64_to_string(ctx, args)])


def _uri(_: DeploymentContext, args: list[Any]) -> str:
    _arity(args, 2, 2, "uri")
    base = _str(args[0], 0, "uri")
    relative = _str(args[1], 1, "uri")
    if "://" not in base:
        raise EvalError(f"uri: {base!r} is not an absolute URI", 0)
    return urllib.parse.urljoin(base, relative)


def _uri_component(_: DeploymentContext, args: list[Any]) -> str:
    _arity(args, 1, 1, "uriComponent")
    return urllib.parse.quote(_str(args[0], 0, "uriComponent"), safe="-_.!~*'()")


def _uri_component_to_string(_: DeploymentContext, args: list[Any]) -> str:
    _arity(args, 1, 1, "uriComponentToString")
    return urllib.parse.unquote(_str(args[0], 0, "uriComponentToString"))


def _data_uri(_: DeploymentContext, args: list[Any]) -> str:
    _arity(args, 1, 1, "dataUri")
    data = base64.b64encode(to_arm_string(args[0]).encode("utf-8")).decode("ascii")
    return f"data:text/plain;charset=utf8;base64,{data}"


# --- deployment ---------------------------------------------------------------------------


def _resource_group(ctx: DeploymentContext, args: list[Any]) -> dict[str, Any]:
    _arity(args, 0, 0, "resourceGroup")
    return {
        "id": ctx.resource_group_id,
        "name": ctx.resource_group,
        "type": "Microsoft.Resources/resourceGroups",
        "location": ctx.location,
        "tags": {},
        "properties": {"provisioningState": "Succeeded"},
    }


def _subscription(ctx: DeploymentContext, args: list[Any]) -> dict[str, Any]:
    _arity(args, 0, 0, "subscription")
    return {
        "id": f"/subscriptions/{ctx.subscription_id}",
        "subscriptionId": ctx.subscription_id,
        "tenantId": ctx.tenant_id,
        "displayName": "armc-subscription",
    }


def _tenant(ctx: DeploymentContext, args: list[Any]) -> dict[str, Any]:
    _arity(args, 0, 0, "tenant")
    return {"tenantId": ctx.tenant_id, "countryCode": "US", "displayName": "armc-tenant"}


def _deployment(ctx: DeploymentContext, args: list[Any]) -> dict[str, Any]:
    _arity(args, 0, 0, "deployment")
    return {
        "name": ctx.deployment_name,
        "location": ctx.location,
        "properties": {
            "templateLink": {"uri": ctx.template_uri, "contentVersion": "1.0.0.0"},
            "mode": "Incremental",
            "provisioningState": "Accepted",
        },
    }


_ENVIRONMENT: dict[str, Any] = {
    "name": "AzureCloud",
    "gallery": "https://gallery.azure.com/",
    "graph": "https://graph.windows.net/",
    "portal": "https://portal.azure.com",
    "graphAudience": "https://graph.windows.net/",
    "activeDirectoryDataLake": "https://datalake.azure.net/",
    "batch": "https://batch.core.windows.net/",
    "media": "https://rest.media.azure.net",
    "sqlManagement": "https://management.core.windows.net:8443/",
    "vmImageAliasDoc": "https://raw.githubusercontent.com/Azure/azure-rest-api-specs/master/"
    "arm-compute/quickstart-templates/aliases.json",
    "resourceManager": "https://management.azure.com/",
    "authentication": {
        "loginEndpoint": "https://login.microsoftonline.com/",
        "audiences": ["https://management.core.windows.net/", "https://management.azure.com/"],
        "tenant": "common",
        "identityProvider": "AAD",
    },
    "suffixes": {
        "acrLoginServer": ".azurecr.io",
        "azureDatalakeAnalyticsCatalogAndJob": "azuredatalakeanalytics.net",
        "azureDatalakeStoreFileSystem": "azuredatalakestore.net",
        "azureFrontDoorEndpointSuffix": "azurefd.net",
        "keyvaultDns": ".vault.azure.net",
        "sqlServerHostname": ".database.windows.net",
        "storage": "core.windows.net",
    },
}


def _environment(_: DeploymentContext, args: list[Any]) -> dict[str, Any]:
    _arity(args, 0, 0, "environment")
    copy: dict[str, Any] = json.loads(json.dumps(_ENVIRONMENT))  # a fresh copy
    return copy


# --- resource ids -------------------------------------------------------------------------


def _is_type(value: Any) -> bool:
    return isinstance(value, str) and "/" in value and "." in value.split("/")[0]


def split_resource_id_args(args: list[Any], name: str) -> tuple[list[Any], str, list[Any]]:
    """(scope arguments, resource type, names) of a resourceId()-style call."""
    for index, value in enumerate(args):
        if _is_type(value):
            scope, names = args[:index], args[index + 1 :]
            resource_type = value
            segments = resource_type.strip("/").split("/")
            if names and all(isinstance(n, str) for n in names):
                # ARM accepts names joined with '/': resourceId('A/b/c', 'x/y')
                names = "/".join(names).split("/")
            if len(names) != len(segments) - 1:
                raise EvalError(
                    f"{name}: type '{resource_type}' needs {len(segments) - 1} name(s), "
                    f"got {len(names)}",
                    index,
                )
            return scope, resource_type, names
    raise EvalError(
        f"{name}: no resource type argument such as 'Microsoft.Storage/storageAccounts'"
    )


def _providers_path(resource_type: str, names: list[Any]) -> str:
    segments = resource_type.strip("/").split("/")
    parts = [segments[0], segments[1], to_arm_string(names[0])]
    for segment, value in zip(segments[2:], names[1:], strict=True):
        parts.extend([segment, to_arm_string(value)])
    return "/providers/" + "/".join(parts)


def _resource_id(ctx: DeploymentContext, args: list[Any]) -> str:
    scope, resource_type, names = split_resource_id_args(args, "resourceId")
    subscription, group = ctx.subscription_id, ctx.resource_group
    if len(scope) == 1:
        group = _str(scope[0], 0, "resourceId")
    elif len(scope) == 2:
        subscription = _str(scope[0], 0, "resourceId")
        group = _str(scope[1], 1, "resourceId")
    elif len(scope) > 2:
        raise EvalError("resourceId: too many arguments before the resource type")
    prefix = f"/subscriptions/{subscription}/resourceGroups/{group}"
    return prefix + _providers_path(resource_type, names)


def _subscription_resource_id(ctx: DeploymentContext, args: list[Any]) -> str:
    scope, resource_type, names = split_resource_id_args(args, "subscriptionResourceId")
    subscription = _str(scope[0], 0, "subscriptionResourceId") if scope else ctx.subscription_id
    return f"/subscriptions/{subscription}" + _providers_path(resource_type, names)


def _tenant_resource_id(_: DeploymentContext, args: list[Any]) -> str:
    scope, resource_type, names = split_resource_id_args(args, "tenantResourceId")
    if scope:
        raise EvalError("tenantResourceId: unexpected arguments before the resource type")
    return _providers_path(resource_type, names)


def _extension_resource_id(_: DeploymentContext, args: list[Any]) -> str:
    _arity(args, 3, 999, "extensionResourceId")
    base = _str(args[0], 0, "extensionResourceId").rstrip("/")
    _scope, resource_type, names = split_resource_id_args(args[1:], "extensionResourceId")
    return base + _providers_path(resource_type, names)


def _unknown(reason: str, secret: bool = False) -> Function:
    def unknown(_: DeploymentContext, args: list[Any]) -> Unknown:
        return Unknown(reason, secret)

    return unknown


def _literal(value: Any) -> Function:
    def literal(_: DeploymentContext, args: list[Any]) -> Any:
        _arity(args, 0, 0)
        return value

    return literal


FUNCTIONS: dict[str, Function] = {
    # strings
    "concat": _concat,
    "format": _format,
    "tolower": _to_lower,
    "toupper": _to_upper,
    "substring": _substring,
    "replace": _replace,
    "split": _split,
    "join": _join,
    "trim": _trim,
    "startswith": _starts_with,
    "endswith": _ends_with,
    "indexof": _index_of,
    "lastindexof": _last_index_of,
    "padleft": _pad_left,
    "string": _string,
    "uniquestring": _unique_string,
    "guid": _guid,
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
    # encoding
    "base64": _base64,
    "base64tostring": _base64_to_string,
    "base64tojson": _base64_to_json,
    "uri": _uri,
    "uricomponent": _uri_component,
    "uricomponenttostring": _uri_component_to_string,
    "datauri": _data_uri,
    # deployment
    "resourcegroup": _resource_group,
    "subscription": _subscription,
    "tenant": _tenant,
    "deployment": _deployment,
    "environment": _environment,
    # resource ids
    "resourceid": _resource_id,
    "subscriptionresourceid": _subscription_resource_id,
    "tenantresourceid": _tenant_resource_id,
    "extensionresourceid": _extension_resource_id,
    # known only at deployment time
    "reference": _unknown("reference() reads the deployed resource"),
    "newguid": _unknown("newGuid() is random"),
    "utcnow": _unknown("utcNow() is the deployment time"),
    "providers": _unknown("providers() is read from Azure"),
    "pickzones": _unknown("pickZones() is read from Azure"),
    "managementgroup": _unknown("managementGroup() depends on the deployment scope"),
    "managementgroupresourceid": _unknown("managementGroupResourceId() needs the scope"),
    "datetimeadd": _unknown("dateTimeAdd() is not evaluated by armc"),
    "datetimefromepoch": _unknown("dateTimeFromEpoch() is not evaluated by armc"),
    "datetimetoepoch": _unknown("dateTimeToEpoch() is not evaluated by armc"),
}

# ARM functions armc knows by name but does not evaluate (lambdas, languageVersion 2.0 helpers)
NOT_EVALUATED = frozenset(
    [
        "filter",
        "map",
        "reduce",
        "sort",
        "toobject",
        "lambda",
        "lambdavariables",
        "tryget",
        "flatten",
        "objectkeys",
        "shallowmerge",
        "groupby",
        "mapvalues",
        "indexfromend",
        "tryindexfromend",
        "parsecidr",
        "cidrsubnet",
        "cidrhost",
        "loadtextcontent",
        "loadjsoncontent",
        "loadfileasbase64",
        "error",
    ]
)

# functions that see Unknown arguments (the others get the first Unknown as their result)
SEES_UNKNOWN = frozenset(
    {"createarray", "createobject", "array", "concat", "and", "or", "coalesce"}
)
# functions that see arrays and objects with Unknown items (but not an Unknown argument)
SEES_UNKNOWN_ITEMS = frozenset({"length", "empty", "first", "last", "take", "skip", "union"})

SECRET_PREFIX = "list"
"""`list*()` functions (listKeys, listSecrets...) return secrets: Unknown(secret=True)."""
