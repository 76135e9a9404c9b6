"""Where a value came from, for messages: "(from parameter 'vmSize' = 'Basic_A1')".

A finding that depends on a parameter says which parameter and, unless it is secure, which
value. The raw value written at the path is read: an expression that references parameters
names them."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from armc.model.kinds import named
from armc.model.template import Resource
from armc.rules.support import calls_list_function, is_literal, parameter_references, raw_at
from armc.semantics.reader import display_name

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


def parameters_behind(ctx: RuleContext, resource: Resource, *path: str | int) -> list[str]:
    """Names (as declared) of the parameters the value at `path` is computed from."""
    raw = raw_at(resource, *path)
    if not isinstance(raw, str):
        return []
    declared = {name.lower(): name for name in ctx.template.parameters}
    names: list[str] = []
    for reference in parameter_references(raw):
        name = declared.get(reference, reference)
        if name not in names:
            names.append(name)
    return names


def insecure_source(
    ctx: RuleContext, resource: Resource, *path: str | int
) -> tuple[str, str | None] | None:
    """How a secret input at `path` is exposed: ("literal", None) for a value written in the
    template, ("parameter", NAME) for one taken from a plain (not secure) parameter only, None
    when absent, secure, or from a list*() call."""
    raw = raw_at(resource, *path)
    if raw is None:
        return None
    if is_literal(raw):
        return ("literal", None)
    if not isinstance(raw, str) or calls_list_function(raw):
        return None
    params = ctx.template.parameters
    names = parameters_behind(ctx, resource, *path)
    plain = [n for n in names if n in params and not params[n].secure]
    if plain and not any(params[n].secure for n in names if n in params):
        return ("parameter", plain[0])
    return None


def origin(ctx: RuleContext, resource: Resource, *path: str | int, value: Any = None) -> str:
    """ " (from parameter 'x' = 'v')" when the value at `path` comes from one parameter,
    " (from parameters 'x', 'y')" for several, "" for a literal. Secure values are not shown."""
    names = parameters_behind(ctx, resource, *path)
    if not names:
        return ""
    if len(names) > 1:
        return " (from parameters " + ", ".join(f"'{n}'" for n in names) + ")"
    parameter = ctx.template.parameters.get(names[0])
    raw = raw_at(resource, *path)
    whole = isinstance(raw, str) and _WHOLE_PARAMETER.match(raw) is not None
    if not whole or parameter is None or parameter.secure or value is None:
        return f" (from parameter '{names[0]}')"
    if ctx.is_unknown(value):
        return f" (from parameter '{names[0]}')"
    return f" (from parameter '{names[0]}' = {json.dumps(value)})"


_WHOLE_PARAMETER = re.compile(r"^\[\s*parameters\s*\(\s*'[^']*'\s*\)\s*\]$", re.IGNORECASE)


def label(ctx: RuleContext, resource: Resource) -> str:
    """How messages name a resource: "VM 'web-0'" (its kind and evaluated name). Made once
    per resource and run (kept in `ctx.memo`): many rules name the same resources."""
    labels: dict[str, str] | None = ctx.memo.get("labels")
    if labels is None:
        labels = ctx.memo["labels"] = {}
    found = labels.get(resource.key)
    if found is None:
        found = labels[resource.key] = named(resource.type, display_name(ctx, resource))
    return found
