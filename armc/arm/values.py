"""Values of partial evaluation: plain JSON data, or `Unknown` where only Azure knows."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from armc.model.template import json_type


@dataclass(frozen=True, slots=True)
class Unknown:
    """A value known only at deployment (`reference()`, `newGuid()`, a secure parameter...).

    `reason` says why, for messages ("may" rather than a guess); `secret` marks values that must
    not be shown or logged: secure parameters and the results of `list*()` functions. Unknown
    propagates: any function of an Unknown is Unknown (secret if any input was)."""

    reason: str
    secret: bool = False

    def __repr__(self) -> str:
        return f"Unknown({self.reason!r}{', secret' if self.secret else ''})"


class EvalError(Exception):
    """An expression that ARM would reject (bad argument, index out of range): the evaluator turns
    it into a diagnostic and an Unknown. `argument` is the index of the offending argument."""

    def __init__(self, message: str, argument: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.argument = argument


def is_known(value: Any) -> bool:
    """True when `value` contains no Unknown at any depth."""
    if isinstance(value, Unknown):
        return False
    if isinstance(value, dict):
        return all(is_known(v) for v in value.values())
    if isinstance(value, list):
        return all(is_known(v) for v in value)
    return True


def first_unknown(values: Iterable[Any]) -> Unknown | None:
    """The first Unknown in `values` (searched in depth), secret when any of them is secret."""
    found: Unknown | None = None
    secret = False
    stack = list(values)
    while stack:
        value = stack.pop()
        if isinstance(value, Unknown):
            found = found or value
            secret = secret or value.secret
        elif isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    if found is None:
        return None
    return found if found.secret == secret else Unknown(found.reason, secret)


def type_name(value: Any) -> str:
    """ARM's name for the type of a value, for messages."""
    return json_type(value)
