"""String and encoding functions, and Azure's `uniqueString()` hash."""

from __future__ import annotations

import base64
import functools
import urllib.parse
from typing import Any

from armc.arm.functions.base import (
    MAX_STRING,
    DeploymentContext,
    Function,
    arity,
    as_int,
    as_list,
    as_str,
    deep_equal,
    parse_json,
    to_arm_string,
)
from armc.arm.values import EvalError, Unknown, first_unknown

_M32 = 0xFFFFFFFF
_BASE32 = "abcdefghijklmnopqrstuvwxyz234567"


@functools.lru_cache(maxsize=4096)
def unique_string(*parts: str) -> str:
    """Azure's `uniqueString()`: the arguments joined by '-', UTF-8, MurmurHash64 (seed 0),
    the 64 bits written as 13 base32 characters, high bits first. Memoised: templates repeat
    their arguments (`uniqueString(resourceGroup().id)` has one value in every template).

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
    arity(args, 1, 999, "format")
    template = as_str(args[0], 0, "format")
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
    arity(args, 1, 1, "toLower")
    return as_str(args[0], 0, "toLower").lower()


def _to_upper(_: DeploymentContext, args: list[Any]) -> str:
    arity(args, 1, 1, "toUpper")
    return as_str(args[0], 0, "toUpper").upper()


def _substring(_: DeploymentContext, args: list[Any]) -> str:
    arity(args, 2, 3, "substring")
    text = as_str(args[0], 0, "substring")
    start = as_int(args[1], 1, "substring")
    length = as_int(args[2], 2, "substring") if len(args) == 3 else len(text) - start
    if start < 0 or length < 0 or start + length > len(text):
        raise EvalError(
            f"substring: start {start} and length {length} are outside a string of "
            f"{len(text)} characters"
        )
    return text[start : start + length]


def _replace(_: DeploymentContext, args: list[Any]) -> str:
    arity(args, 3, 3, "replace")
    text, old, new = (as_str(a, i, "replace") for i, a in enumerate(args))
    if not old:
        raise EvalError("replace: the string to replace must not be empty", 1)
    return text.replace(old, new)


def _split(_: DeploymentContext, args: list[Any]) -> list[str]:
    arity(args, 2, 2, "split")
    text = as_str(args[0], 0, "split")
    delimiters = args[1] if isinstance(args[1], list) else [as_str(args[1], 1, "split")]
    parts = [text]
    for delimiter in delimiters:
        parts = [piece for part in parts for piece in part.split(as_str(delimiter, 1, "split"))]
    return parts


def _join(_: DeploymentContext, args: list[Any]) -> str:
    arity(args, 2, 2, "join")
    items = as_list(args[0], 0, "join")
    return as_str(args[1], 1, "join").join(to_arm_string(item) for item in items)


def _trim(_: DeploymentContext, args: list[Any]) -> str:
    arity(args, 1, 1, "trim")
    return as_str(args[0], 0, "trim").strip()


def _starts_with(_: DeploymentContext, args: list[Any]) -> bool:
    arity(args, 2, 2, "startsWith")
    return (
        as_str(args[0], 0, "startsWith")
        .lower()
        .startswith(as_str(args[1], 1, "startsWith").lower())
    )


def _ends_with(_: DeploymentContext, args: list[Any]) -> bool:
    arity(args, 2, 2, "endsWith")
    return as_str(args[0], 0, "endsWith").lower().endswith(as_str(args[1], 1, "endsWith").lower())


def _index_of(_: DeploymentContext, args: list[Any]) -> int:
    arity(args, 2, 2, "indexOf")
    if isinstance(args[0], list):
        return next((i for i, item in enumerate(args[0]) if deep_equal(item, args[1])), -1)
    return as_str(args[0], 0, "indexOf").lower().find(as_str(args[1], 1, "indexOf").lower())


def _last_index_of(_: DeploymentContext, args: list[Any]) -> int:
    arity(args, 2, 2, "lastIndexOf")
    if isinstance(args[0], list):
        matches = [i for i, item in enumerate(args[0]) if deep_equal(item, args[1])]
        return matches[-1] if matches else -1
    return (
        as_str(args[0], 0, "lastIndexOf").lower().rfind(as_str(args[1], 1, "lastIndexOf").lower())
    )


def _pad_left(_: DeploymentContext, args: list[Any]) -> str:
    arity(args, 2, 3, "padLeft")
    value = args[0]
    text = to_arm_string(value) if isinstance(value, (int, str)) else as_str(value, 0, "padLeft")
    width = as_int(args[1], 1, "padLeft")
    if width > MAX_STRING:
        raise EvalError(f"padLeft: {width} is longer than ARM's {MAX_STRING} characters", 1)
    pad = as_str(args[2], 2, "padLeft") if len(args) == 3 else " "
    if len(pad) != 1:
        raise EvalError("padLeft: the padding must be one character", 2)
    return text.rjust(width, pad)


def _string(_: DeploymentContext, args: list[Any]) -> str:
    arity(args, 1, 1, "string")
    return to_arm_string(args[0])


def _unique_string(_: DeploymentContext, args: list[Any]) -> str:
    arity(args, 1, 999, "uniqueString")
    return unique_string(*(as_str(a, i, "uniqueString") for i, a in enumerate(args)))


def _guid(_: DeploymentContext, args: list[Any]) -> Unknown:
    arity(args, 1, 999, "guid")
    for index, value in enumerate(args):
        as_str(value, index, "guid")
    return Unknown("guid() is computed by Azure (its hash is not reproduced by armc)")


# --- encoding -----------------------------------------------------------------------------


def _base64(_: DeploymentContext, args: list[Any]) -> str:
    arity(args, 1, 1, "base64")
    return base64.b64encode(as_str(args[0], 0, "base64").encode("utf-8")).decode("ascii")


def _base64_to_string(_: DeploymentContext, args: list[Any]) -> str:
    arity(args, 1, 1, "base64ToString")
    try:
        return base64.b64decode(as_str(args[0], 0, "base64ToString"), validate=True).decode("utf-8")
    except ValueError:
        raise EvalError("base64ToString: the argument is not base64 of UTF-8 text", 0) from None


def _base64_to_json(ctx: DeploymentContext, args: list[Any]) -> Any:
    return parse_json(_base64_to_string(ctx, args), "base64ToJson")


def _uri(_: DeploymentContext, args: list[Any]) -> str:
    arity(args, 2, 2, "uri")
    base = as_str(args[0], 0, "uri")
    relative = as_str(args[1], 1, "uri")
    if "://" not in base:
        raise EvalError(f"uri: {base!r} is not an absolute URI", 0)
    return urllib.parse.urljoin(base, relative)


def _uri_component(_: DeploymentContext, args: list[Any]) -> str:
    arity(args, 1, 1, "uriComponent")
    return urllib.parse.quote(as_str(args[0], 0, "uriComponent"), safe="-_.!~*'()")


def _uri_component_to_string(_: DeploymentContext, args: list[Any]) -> str:
    arity(args, 1, 1, "uriComponentToString")
    return urllib.parse.unquote(as_str(args[0], 0, "uriComponentToString"))


def _data_uri(_: DeploymentContext, args: list[Any]) -> str:
    arity(args, 1, 1, "dataUri")
    data = base64.b64encode(to_arm_string(args[0]).encode("utf-8")).decode("ascii")
    return f"data:text/plain;charset=utf8;base64,{data}"


STRING_FUNCTIONS: dict[str, Function] = {
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
    # encoding
    "base64": _base64,
    "base64tostring": _base64_to_string,
    "base64tojson": _base64_to_json,
    "uri": _uri,
    "uricomponent": _uri_component,
    "uricomponenttostring": _uri_component_to_string,
    "datauri": _data_uri,
}
