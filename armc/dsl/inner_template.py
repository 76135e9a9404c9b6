"""The inline template of a nested deployment of its own scope (`expressionEvaluationOptions`
`inner`) in the `resource` escape hatch: ARM text for the nested deployment.

Its expressions are the nested deployment's (`[parameters('x')]` names the nested template's
parameter), so the DSL emits its strings as written: `"[parameters('x')]"` stays an
expression there, where elsewhere a string of that shape is a literal (escaped `[[...]`)."""

from __future__ import annotations

from typing import Any

DEPLOYMENTS = "microsoft.resources/deployments"


def inner_scope(body: dict[str, Any]) -> bool:
    """Whether a resource body is a nested deployment with an inline template of its own
    scope."""
    if str(body.get("type", "")).lower() != DEPLOYMENTS:
        return False
    properties = body.get("properties")
    if not isinstance(properties, dict) or not isinstance(properties.get("template"), dict):
        return False
    options = properties.get("expressionEvaluationOptions")
    return isinstance(options, dict) and str(options.get("scope", "")).lower() == "inner"


def in_inner_template(body: dict[str, Any], path: tuple[str | int, ...]) -> bool:
    """Whether `path` (in `body`) is inside such a template."""
    return tuple(path[:2]) == ("properties", "template") and inner_scope(body)


def as_written(value: Any) -> Any:
    """The template with the DSL's escaping of `[...]` strings undone."""
    if isinstance(value, dict):
        return {k: as_written(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_written(v) for v in value]
    if isinstance(value, str) and value.startswith("[["):
        return value[1:]
    return value
