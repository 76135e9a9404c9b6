"""Evaluate DSL expressions into `Value`s: fold constants, turn the rest into ARM expressions.

Type errors found while evaluating (an `int` where a `bool` is needed, ...) are DSL301
diagnostics at the offending sub-expression; evaluation goes on with an `Arm` placeholder.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from armc.diagnostics import Diagnostics, did_you_mean
from armc.dsl import ir
from armc.dsl.codes import report
from armc.dsl.values import (
    Arm,
    Const,
    DictValue,
    ListValue,
    Position,
    Value,
    arm_string,
    arm_text,
    const_value,
    display,
    is_const,
)
from armc.model.limits import MAX_VALUE_SIZE, size_exceeds
from armc.source import Span

PARAM_VALUE_TYPES = {
    "string": "string",
    "securestring": "string",
    "int": "int",
    "bool": "bool",
    "array": "array",
    "object": "object",
    "secureobject": "object",
}

# DSL function name -> (ARM function name, result type)
FUNCTIONS: dict[str, tuple[str, str]] = {
    "concat": ("concat", "any"),
    "format": ("format", "string"),
    "lower": ("toLower", "string"),
    "upper": ("toUpper", "string"),
    "length": ("length", "int"),
    "replace": ("replace", "string"),
    "substring": ("substring", "string"),
    "unique_string": ("uniqueString", "string"),
    "uniqueString": ("uniqueString", "string"),
    "resourceGroup": ("resourceGroup", "object"),
    "subscription": ("subscription", "object"),
    "string": ("string", "string"),
    "int": ("int", "int"),
    "bool": ("bool", "bool"),
    "json": ("json", "any"),
    "base64": ("base64", "string"),
    "contains": ("contains", "bool"),
    "empty": ("empty", "bool"),
    "first": ("first", "any"),
    "last": ("last", "any"),
    "min": ("min", "int"),
    "max": ("max", "int"),
    "split": ("split", "array"),
    "join": ("join", "string"),
    "trim": ("trim", "string"),
    "guid": ("guid", "string"),
    "startsWith": ("startsWith", "bool"),
    "endsWith": ("endsWith", "bool"),
    "take": ("take", "any"),
    "skip": ("skip", "any"),
    "union": ("union", "any"),
    "coalesce": ("coalesce", "any"),
    "range": ("range", "array"),
    "tenant": ("tenant", "object"),
    "deployment": ("deployment", "object"),
    "environment": ("environment", "object"),
    "utcNow": ("utcNow", "string"),
    "resourceId": ("resourceId", "string"),
    "subscriptionResourceId": ("subscriptionResourceId", "string"),
    "extensionResourceId": ("extensionResourceId", "string"),
    "reference": ("reference", "object"),
    "listKeys": ("listKeys", "object"),
    "uri": ("uri", "string"),
    "padLeft": ("padLeft", "string"),
}

_COMPARE_FUNCTIONS = {
    "==": "equals",
    "<": "less",
    "<=": "lessOrEquals",
    ">": "greater",
    ">=": "greaterOrEquals",
}
_ARITHMETIC_FUNCTIONS = {"+": "add", "-": "sub", "*": "mul", "/": "div", "%": "mod"}

ResourceAttribute = Callable[[str, "ir.Expr | str | None", str, Span], "Value | None"]
"""(resource name, instance index expr / "*" / None, attribute, span) -> value, or None."""


@dataclass
class Scope:
    """What names mean while evaluating: parameters, variables, the loop index, resources."""

    params: dict[str, ir.ParamDecl]
    variables: dict[str, ir.VarDecl]
    resource_names: frozenset[str] = frozenset()
    resource_attribute: ResourceAttribute | None = None


class Evaluator:
    def __init__(self, scope: Scope, diagnostics: Diagnostics) -> None:
        self.scope = scope
        self.diagnostics = diagnostics
        self._var_cache: dict[str, Value] = {}
        self._var_active: list[str] = []
        self._unsure = 0  # > 0 inside a branch ARM may not take (an 'if' known at deployment)

    def _error(self, code: str, message: str, span: Span, hint: str | None = None) -> Value:
        report(self.diagnostics, code, message, span, hint=hint)
        return Arm("null()")

    def _type_error(self, message: str, span: Span) -> Value:
        return self._error("DSL301", message, span)

    # ---- entry point -------------------------------------------------------------------------

    def eval(self, expr: ir.Expr, index: Position = None) -> Value:
        method = getattr(self, "_" + type(expr).__name__)
        result: Value = method(expr, index)
        if _too_large(result):  # variables inlined into each other can double at every step
            message = "the value is larger than ARM's 4 MB template limit"
            return self._error("DSL311", message, expr.span)
        return result

    def expect(self, expr: ir.Expr, wanted: str, what: str, index: Position = None) -> Value:
        """Evaluate and check the type (`wanted` one of string/int/bool/array/object)."""
        value = self.eval(expr, index)
        actual = value_type(value)
        if actual not in (wanted, "any"):
            return self._type_error(
                f"{what} must be {article(wanted)}, not {article(actual)}", expr.span
            )
        return value

    # ---- nodes -------------------------------------------------------------------------------

    def _Literal(self, expr: ir.Literal, index: Position) -> Value:
        return Const(expr.value)

    def _Interpolation(self, expr: ir.Interpolation, index: Position) -> Value:
        fmt: list[str] = []
        args: list[str] = []
        constant = True
        for part in expr.parts:
            if isinstance(part, str):
                fmt.append(part.replace("{", "{{").replace("}", "}}"))
                continue
            value = self.eval(part, index)
            if isinstance(value, Const) and not isinstance(value.value, list | dict):
                fmt.append(display(value.value).replace("{", "{{").replace("}", "}}"))
            else:
                constant = False
                fmt.append("{" + str(len(args)) + "}")
                args.append(arm_text(value))
        text = "".join(fmt)
        if constant:
            return Const(text.replace("{{", "{").replace("}}", "}"))
        return Arm(f"format({arm_string(text)}, {', '.join(args)})", "string")

    def _NameRef(self, expr: ir.NameRef, index: Position) -> Value:
        name = expr.name
        if name == "index" and index is not None:
            return index if isinstance(index, Arm) else Const(index)
        param = self.scope.params.get(name)
        if param is not None:
            return Arm(f"parameters({arm_string(name)})", PARAM_VALUE_TYPES.get(param.type, "any"))
        variable = self.scope.variables.get(name)
        if variable is not None:
            return self._variable(variable)
        if name in self.scope.resource_names:
            return self._type_error(
                f"'{name}' is a resource, not a value; use '{name}.id' or '{name}.name'",
                expr.span,
            )
        candidates = [*self.scope.params, *self.scope.variables]
        if name == "index":
            return self._error(
                "DSL201",
                "'index' is only defined inside a counted declaration such as 'vm web[3]'",
                expr.span,
            )
        return self._error(
            "DSL201", f"undefined name '{name}'", expr.span, hint=did_you_mean(name, candidates)
        )

    def _variable(self, variable: ir.VarDecl) -> Value:
        cached = self._var_cache.get(variable.name)
        if cached is not None:
            return cached
        if variable.name in self._var_active:
            cycle = " -> ".join(
                [*self._var_active[self._var_active.index(variable.name) :], variable.name]
            )
            return self._error(
                "DSL206",
                f"variable '{variable.name}' depends on itself: {cycle}",
                variable.name_span,
            )
        self._var_active.append(variable.name)
        try:
            value = self.eval(variable.value, None)
        finally:
            self._var_active.pop()
        self._var_cache[variable.name] = value
        return value

    def _resource_reference(self, expr: ir.Expr, index: Position) -> Value | None:
        """`core.id`, `web[0].private_ip`, `web[*].private_ip`: None when not a resource."""
        if not isinstance(expr, ir.Attribute) or self.scope.resource_attribute is None:
            return None
        target = expr.target
        instance: ir.Expr | str | None = None
        if isinstance(target, ir.Index):
            instance, target = target.index, target.target
        elif isinstance(target, ir.Splat):
            instance, target = "*", target.target
        if not isinstance(target, ir.NameRef) or target.name not in self.scope.resource_names:
            return None
        if target.name in self.scope.params or target.name in self.scope.variables:
            return None
        return self.scope.resource_attribute(target.name, instance, expr.name, expr.span)

    def _Attribute(self, expr: ir.Attribute, index: Position) -> Value:
        reference = self._resource_reference(expr, index)
        if reference is not None:
            return reference
        target = self.eval(expr.target, index)
        if isinstance(target, Const | DictValue) and is_const(target):
            data = const_value(target)
            if isinstance(data, dict):
                key = member_key(data, expr.name)
                if key is not None:
                    return Const(data[key])
            if self._unsure:
                return Arm(f"{arm_text(target)}.{expr.name}")
            return self._error("DSL318", f"no attribute '{expr.name}' here", expr.span)
        if value_type(target) not in ("object", "any"):
            return self._type_error(
                f"'.{expr.name}' needs an object, not {article(value_type(target))}", expr.span
            )
        return Arm(f"{arm_text(target)}.{expr.name}")

    def _Index(self, expr: ir.Index, index: Position) -> Value:
        target = self.eval(expr.target, index)
        position = self.eval(expr.index, index)
        if is_const(target) and isinstance(position, Const):
            data = const_value(target)
            key = position.value
            if isinstance(data, list) and isinstance(key, int) and not isinstance(key, bool):
                if 0 <= key < len(data):
                    return Const(data[key])
                if self._unsure:
                    return Arm(f"{arm_text(target)}[{arm_text(position)}]")
                return self._error(
                    "DSL311", f"index {key} is out of range (0..{len(data) - 1})", expr.index.span
                )
            if isinstance(data, dict) and isinstance(key, str):
                found = member_key(data, key)
                if found is not None:
                    return Const(data[found])
            if self._unsure:
                return Arm(f"{arm_text(target)}[{arm_text(position)}]")
            return self._error("DSL311", f"cannot index this value with {key!r}", expr.index.span)
        return Arm(f"{arm_text(target)}[{arm_text(position)}]")

    def _Splat(self, expr: ir.Splat, index: Position) -> Value:
        return self._type_error(
            "'[*]' is only allowed on a counted resource, as in 'web[*].private_ip'", expr.span
        )

    def _Call(self, expr: ir.Call, index: Position) -> Value:
        function = FUNCTIONS.get(expr.name)
        if function is None:
            return self._error(
                "DSL207",
                f"unknown function '{expr.name}'",
                expr.span,
                hint=did_you_mean(expr.name, FUNCTIONS),
            )
        args = [self.eval(a, index) for a in expr.args]
        folded = _fold_call(expr.name, args)
        if folded is not None:
            return folded
        arm_name, result_type = function
        return Arm(f"{arm_name}({', '.join(arm_text(a) for a in args)})", result_type)

    def _Unary(self, expr: ir.Unary, index: Position) -> Value:
        if expr.op == "not":
            operand = self.expect(expr.operand, "bool", "the operand of 'not'", index)
            if isinstance(operand, Const):
                return Const(not operand.value)
            return Arm(f"not({arm_text(operand)})", "bool")
        operand = self.expect(expr.operand, "int", "the operand of '-'", index)
        if isinstance(operand, Const) and isinstance(operand.value, int):
            return Const(-operand.value)
        return Arm(f"sub(0, {arm_text(operand)})", "int")

    def _Binary(self, expr: ir.Binary, index: Position) -> Value:
        op = expr.op
        if op in ("and", "or"):
            left = self.expect(expr.left, "bool", f"the left side of '{op}'", index)
            right = self.expect(expr.right, "bool", f"the right side of '{op}'", index)
            if isinstance(left, Const) and isinstance(right, Const):
                return Const(
                    bool(left.value and right.value)
                    if op == "and"
                    else bool(left.value or right.value)
                )
            return Arm(f"{op}({arm_text(left)}, {arm_text(right)})", "bool")
        left = self.eval(expr.left, index)
        right = self.eval(expr.right, index)
        left_type, right_type = value_type(left), value_type(right)
        if op in ("==", "!="):
            if is_const(left) and is_const(right):
                equal = const_value(left) == const_value(right)
                return Const(equal if op == "==" else not equal)
            text = f"equals({arm_text(left)}, {arm_text(right)})"
            return Arm(text if op == "==" else f"not({text})", "bool")
        if op in _COMPARE_FUNCTIONS:
            if "any" not in (left_type, right_type) and (
                left_type != right_type or left_type not in ("int", "string")
            ):
                return self._type_error(
                    f"'{op}' compares two ints or two strings, not {article(left_type)} and "
                    f"{article(right_type)}",
                    expr.span,
                )
            if isinstance(left, Const) and isinstance(right, Const):
                return Const(_compare(op, left.value, right.value))
            return Arm(f"{_COMPARE_FUNCTIONS[op]}({arm_text(left)}, {arm_text(right)})", "bool")
        if op == "+" and "string" in (left_type, right_type):
            if isinstance(left, Const) and isinstance(right, Const):
                return Const(display(left.value) + display(right.value))
            return Arm(f"concat({arm_text(left)}, {arm_text(right)})", "string")
        if op == "+" and left_type == right_type == "array":
            return Arm(f"concat({arm_text(left)}, {arm_text(right)})", "array")
        for side, side_type, side_expr in (
            ("left", left_type, expr.left),
            ("right", right_type, expr.right),
        ):
            if side_type not in ("int", "any"):
                return self._type_error(
                    f"the {side} side of '{op}' must be an int, not {article(side_type)}",
                    side_expr.span,
                )
        if isinstance(left, Const) and isinstance(right, Const):
            if op in ("/", "%") and right.value == 0:
                if self._unsure:
                    return Arm(f"{_ARITHMETIC_FUNCTIONS[op]}({arm_text(left)}, 0)", "int")
                return self._error("DSL311", "division by zero", expr.right.span)
            return Const(_arithmetic(op, left.value, right.value))
        return Arm(f"{_ARITHMETIC_FUNCTIONS[op]}({arm_text(left)}, {arm_text(right)})", "int")

    def _Conditional(self, expr: ir.Conditional, index: Position) -> Value:
        condition = self.expect(expr.condition, "bool", "an 'if' condition", index)
        if isinstance(condition, Const):
            return self.eval(expr.then if condition.value else expr.otherwise, index)
        # ARM evaluates only the branch taken: folding errors (an index out of range, a
        # missing member, a division by zero) in either branch are left to deployment
        self._unsure += 1
        try:
            then = self.eval(expr.then, index)
            otherwise = self.eval(expr.otherwise, index)
        finally:
            self._unsure -= 1
        then_type, other_type = value_type(then), value_type(otherwise)
        result_type = then_type if then_type == other_type else "any"
        return Arm(
            f"if({arm_text(condition)}, {arm_text(then)}, {arm_text(otherwise)})", result_type
        )

    def _ArrayExpr(self, expr: ir.ArrayExpr, index: Position) -> Value:
        return ListValue(tuple(self.eval(item, index) for item in expr.items))

    def _ObjectExpr(self, expr: ir.ObjectExpr, index: Position) -> Value:
        seen: set[str] = set()
        entries: list[tuple[str, Value]] = []
        for entry in expr.entries:
            if entry.key in seen:
                self._error("DSL202", f"key '{entry.key}' is given twice", entry.span)
                continue
            seen.add(entry.key)
            entries.append((entry.key, self.eval(entry.value, index)))
        return DictValue(tuple(entries))


def member_key(data: dict[str, Any], name: str) -> str | None:
    """The key of `data` that `name` selects: ARM member access ignores case (an exact match
    first)."""
    if name in data:
        return name
    lowered = name.lower()
    return next((key for key in data if key.lower() == lowered), None)


def value_type(value: Value) -> str:
    return value.type


def article(type_name: str) -> str:
    if type_name == "null":
        return "null"
    if type_name == "any":
        return "a value"
    return ("an " if type_name[0] in "aeiou" else "a ") + type_name


def _compare(op: str, left: Any, right: Any) -> bool:
    if op == "<":
        return bool(left < right)
    if op == "<=":
        return bool(left <= right)
    if op == ">":
        return bool(left > right)
    return bool(left >= right)


def _arithmetic(op: str, left: int, right: int) -> int:
    if op == "+":
        return left + right
    if op == "-":
        return left - right
    if op == "*":
        return left * right
    if op == "/":
        return int(left / right)  # ARM div() truncates toward zero
    return left - right * int(left / right)


def _fold_call(name: str, args: list[Value]) -> Value | None:
    if not all(is_const(a) for a in args):
        return None
    values = [const_value(a) for a in args]
    if name in ("lower", "upper") and len(values) == 1 and isinstance(values[0], str):
        return Const(values[0].lower() if name == "lower" else values[0].upper())
    if name == "length" and len(values) == 1 and isinstance(values[0], str | list | dict):
        return Const(len(values[0]))
    if name == "concat" and values and all(isinstance(v, str) for v in values):
        return Const("".join(values))
    if name == "string" and len(values) == 1 and not isinstance(values[0], list | dict):
        return Const(display(values[0]))
    return None


def _too_large(value: Value) -> bool:
    """`size_exceeds` for DSL values (constants, ARM text, arrays and objects of them)."""
    total = 0
    stack: list[Value] = [value]
    while stack and total <= MAX_VALUE_SIZE:
        item = stack.pop()
        if isinstance(item, Arm):
            total += len(item.text)
        elif isinstance(item, Const):
            if isinstance(item.value, str):
                total += len(item.value)
            else:
                total += MAX_VALUE_SIZE + 1 if size_exceeds(item.value) else 1
        elif isinstance(item, ListValue):
            total += len(item.items)
            stack.extend(item.items)
        else:
            total += len(item.entries)
            stack.extend(entry for _, entry in item.entries)
    return total > MAX_VALUE_SIZE
