"""A value that is one of several known alternatives, each with the parameter value behind it.

ARM templates often choose a setting with a parameter:
`"linuxConfiguration": "[if(equals(parameters('authenticationType'), 'password'), null(),
variables('linuxConfiguration'))]"`. Evaluated with the parameter's default the value is one of
the branches; a rule that looks only at that branch misses what the other allowed value
deploys. `alternatives(ctx, resource, *path)` returns every value the field can take when its
written value is an `if()` whose condition reads one parameter, evaluated once per allowed value
of that parameter (`allowedValues`, or true/false for a bool), each labelled with the parameter
and value that select it ("parameter 'authenticationType' is 'password'"). Any other value is
its single evaluated self, with no label. A rule checks each alternative and reports the first
that fails with its label, so the finding says which parameter and value it depends on; an
alternative whose value is unknown is skipped like any unknown value.

The ARM evaluator is imported lazily: only templates with such an `if()` need it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from armc.model.template import Resource, Template
from armc.rules.support import parameter_references, raw_at

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


@dataclass(frozen=True, slots=True)
class Alternative:
    """One value the field can take, and when (None: the value does not depend on a choice)."""

    value: Any
    when: str | None = None
    parameter: str | None = None
    """The parameter that selects this alternative (as declared), when there is one."""
    source: tuple[Resource, tuple[str | int, ...]] | None = None
    """For the value as the rule context sees it: where it is, so that its members are read
    through the context too (the context may hold raw expressions inside a container)."""

    def suffix(self) -> str:
        """ " when parameter 'x' is 'v'" for messages, "" when the value is not a choice."""
        return f" when {self.when}" if self.when else ""


def alternatives(ctx: RuleContext, resource: Resource, *path: str | int) -> list[Alternative]:
    """Every value the field at `path` can take (see the module docstring), in the order of the
    parameter's allowed values; a single unlabelled alternative for an ordinary value."""
    current = ctx.value(resource, *path)
    raw = raw_at(resource, *path)
    choices = _choices(ctx.template, raw, (*resource.path, *path))
    return choices if choices else [Alternative(current, source=(resource, path))]


def is_unknown(ctx: RuleContext, value: Any) -> bool:
    """An unknown value, whether from the rule context or from evaluating an alternative."""
    from armc.arm.values import Unknown

    return isinstance(value, Unknown) or ctx.is_unknown(value)


def member(ctx: RuleContext, alternative: Alternative, *path: str) -> Any:
    """`alternative.value[path...]` with ARM's case-insensitive keys: None when absent, the
    unknown value itself when the walk meets one."""
    if alternative.source is not None:
        resource, base = alternative.source
        return ctx.value(resource, *base, *path)
    current = alternative.value
    for step in path:
        if is_unknown(ctx, current):
            return current
        if not isinstance(current, dict):
            return None
        found = current.get(step)
        if found is None:
            lowered = step.lower()
            found = next((v for k, v in current.items() if k.lower() == lowered), None)
        current = found
    return current


def _choices(template: Template, raw: Any, where: tuple[str | int, ...]) -> list[Alternative]:
    if not isinstance(raw, str) or not raw.startswith("[") or raw.startswith("[["):
        return []
    from armc.arm.expressions import Call, parse_expression

    tree = parse_expression(raw)
    if not isinstance(tree, Call) or tree.name.lower() != "if" or len(tree.args) != 3:
        return []
    condition = tree.args[0]
    names = parameter_references("[" + raw[condition.offset : condition.end] + "]")
    if len(set(names)) != 1:
        return []
    declared = {name.lower(): parameter for name, parameter in template.parameters.items()}
    parameter = declared.get(names[0])
    if parameter is None or parameter.secure:
        return []
    candidates = _candidates(parameter.allowed_values, parameter.type)
    if not candidates:
        return _branches(template, raw, tree, parameter.name, where)
    default = parameter.default
    found: list[Alternative] = []
    for candidate in candidates:
        value = _evaluate_with(template, parameter.name, candidate, raw, where)
        note = " (its default)" if candidate == default else ""
        when = f"parameter '{parameter.name}' is {json.dumps(candidate)}{note}"
        found.append(Alternative(value, when, parameter.name))
    return found


def _branches(
    template: Template, raw: str, tree: Any, name: str, where: tuple[str | int, ...]
) -> list[Alternative]:
    """The two branches of the `if()`, each evaluated with the parameters at their defaults,
    labelled with the condition (for a parameter that has neither allowed values nor a bool
    type: `equals(parameters('x'), 'v')` reads "parameter 'x' is 'v'" / "is not 'v'")."""
    from armc.arm.expressions import Call, Literal

    condition = tree.args[0]
    text = raw[condition.offset : condition.end]
    then, other = f"`{text}` is true", f"`{text}` is false"
    if isinstance(condition, Call) and condition.name.lower() == "equals":
        literals = [a for a in condition.args if isinstance(a, Literal)]
        if len(condition.args) == 2 and len(literals) == 1:
            shown = json.dumps(literals[0].value)
            then = f"parameter '{name}' is {shown}"
            other = f"parameter '{name}' is not {shown}"
    evaluator = _evaluator(template, name, None)
    return [
        Alternative(evaluator.evaluate_node(tree.args[1], where), then, name),
        Alternative(evaluator.evaluate_node(tree.args[2], where), other, name),
    ]


def _candidates(allowed: list[Any] | None, kind: str) -> list[Any]:
    if allowed is not None:
        scalars = [v for v in allowed if isinstance(v, str | int | bool)]
        return scalars if len(scalars) == len(allowed) and len(scalars) <= 8 else []
    if kind == "bool":
        return [True, False]
    return []


def _evaluate_with(
    template: Template, name: str, value: Any, raw: str, where: tuple[str | int, ...]
) -> Any:
    """`raw` evaluated with parameter `name` set to `value` (other parameters at their
    defaults)."""
    return _evaluator(template, name, value).evaluate(raw, where)


def _evaluator(template: Template, name: str, value: Any) -> Any:
    """An evaluator of the template's parameters at their defaults, `name` set to `value`
    (None: left at its default too)."""
    from armc.arm.evaluator import Evaluator, ParameterInput
    from armc.model.template import NO_DEFAULT

    inputs = {
        declared: ParameterInput(
            declared,
            parameter.body,
            parameter.path or ("parameters", declared),
            value if declared == name and value is not None else NO_DEFAULT,
        )
        for declared, parameter in template.parameters.items()
    }
    return Evaluator(inputs, template.variables)
