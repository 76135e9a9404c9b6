"""Partial evaluation of ARM template values.

An `Evaluator` is one expression scope: a template's parameters (values supplied by a
parameters file or `--param`, else defaults), its variables (copy variables included), and the
copy-loop indexes in force. `evaluate(value, path)` turns a raw template value into plain data,
with `Unknown` wherever only Azure knows the answer. Problems ARM would reject (an undefined
parameter, a bad argument) are collected as diagnostics located inside the JSON string, and the
value becomes Unknown: evaluation never raises for bad input.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from armc.arm import codes
from armc.arm.expressions import (
    Call,
    ExpressionError,
    Index,
    Literal,
    Node,
    Property,
    is_expression,
    parse_expression,
    unescape_literal,
)
from armc.arm.functions import (
    FUNCTIONS,
    NOT_EVALUATED,
    SECRET_PREFIX,
    SEES_UNKNOWN,
    SEES_UNKNOWN_ITEMS,
    DeploymentContext,
)
from armc.arm.values import EvalError, Unknown, first_unknown, type_name
from armc.diagnostics import Diagnostic, Severity, did_you_mean
from armc.model.limits import MAX_VALUE_SIZE, size_exceeds
from armc.model.template import NO_DEFAULT, JsonPath
from armc.perf import slot_setters
from armc.source import Span

MAX_DEPTH = 200
"""Deeper values become Unknown (evaluation recurses; real templates stay far below)."""

_SCALARS = frozenset((int, float, bool))
"""Types of JSON values (besides None and strings not starting with `[`) that evaluate to
themselves."""

Locate = Callable[[JsonPath, int, int], Span | None]
"""Maps (path of a JSON string, start, end index inside the string value) to a file span."""


@dataclass(frozen=True, slots=True)
class ParameterInput:
    """A parameter as the evaluator sees it: its declaration and the value supplied, if any."""

    name: str
    declaration: Mapping[str, Any]
    path: JsonPath
    value: Any = NO_DEFAULT
    """The value from a parameters file or `--param` (not evaluated: ARM takes it literally)."""

    @property
    def secure(self) -> bool:
        kind = self.declaration.get("type")
        return isinstance(kind, str) and kind.lower() in ("securestring", "secureobject")


_PARAMETER_INPUT_SLOTS = slot_setters(ParameterInput, "name", "declaration", "path", "value")


def parameter_input(
    name: str, declaration: Mapping[str, Any], path: JsonPath, value: Any = NO_DEFAULT
) -> ParameterInput:
    """`ParameterInput(name, declaration, path, value)`, built through its slots' setters
    (the loader makes one per parameter of every template: a frozen dataclass's __init__
    costs three times as much)."""
    made: ParameterInput = object.__new__(ParameterInput)
    set_name, set_declaration, set_path, set_value = _PARAMETER_INPUT_SLOTS
    set_name(made, name)
    set_declaration(made, declaration)
    set_path(made, path)
    set_value(made, value)
    return made


class Evaluator:
    """One expression scope. Create with the template's parameters and variables."""

    def __init__(
        self,
        parameters: Mapping[str, ParameterInput],
        variables: Mapping[str, Any],
        *,
        variables_path: JsonPath = ("variables",),
        context: DeploymentContext | None = None,
        locate: Locate | None = None,
        user_namespaces: frozenset[str] = frozenset(),
    ) -> None:
        self.context = context or DeploymentContext()
        self._parameters = {name.lower(): p for name, p in parameters.items()}
        self._parameter_names = list(parameters)
        self._variables: dict[str, tuple[str, Any, JsonPath]] = {}
        self._variable_names: list[str] = []
        self.string_paths: set[JsonPath] = set()
        """Where the strings opening with `[` this scope evaluated are written: each was parsed
        and its syntax error, if any, reported there (`LoadedTemplate.check_syntax`)."""
        self.exact_paths = True
        """False when a path names a key otherwise than the document (a `Copy` variable loop
        is at `copy`): `string_paths` may then not be where the strings are."""
        self._declare_variables(variables, variables_path)
        self._locate = locate
        self._namespaces = {n.lower() for n in user_namespaces}
        self._parameter_cache: dict[str, Any] = {}
        self._variable_cache: dict[str, Any] = {}
        self._member_cache: dict[str, dict[str, Any]] = {}
        """Members of object variables evaluated alone (`variables('v').member`), by variable
        and key as written."""
        self._plain_members: dict[str, dict[str, str] | None] = {}
        self._in_progress: set[str] = set()
        self._copy: list[tuple[str | None, int]] = []
        self._seen: set[tuple[str, JsonPath, int]] = set()
        self._reports = 0
        self._volatile = 0
        """Bumped whenever a result may depend on more than the expression's text: a problem
        reported (it must be reported at each path), copyIndex() read, a reference cycle met."""
        self._known_strings: dict[str, Any] = {}
        """Expressions already evaluated to an immutable value independent of where they are
        written (nothing reported, no copyIndex(), no cycle), by text."""
        self.diagnostics: list[Diagnostic] = []

    def _declare_variables(self, variables: Mapping[str, Any], base: JsonPath) -> None:
        table = self._variables
        names = self._variable_names
        for name, value in variables.items():
            lowered = name.lower()
            if lowered == "copy" and isinstance(value, list):
                self.exact_paths = self.exact_paths and name == "copy"
                for index, spec in enumerate(value):
                    if isinstance(spec, dict) and isinstance(spec.get("name"), str):
                        loop = spec["name"]
                        table[loop.lower()] = (loop, spec, (*base, "copy", index))
                        names.append(loop)
                continue
            table[lowered] = (name, value, (*base, name))
            names.append(name)

    # --- public API ------------------------------------------------------------------------

    def evaluate(self, value: Any, path: JsonPath = ()) -> Any:
        """The value of a raw template value: expressions evaluated, property copy loops expanded,
        Unknown where the value is known only at deployment."""
        kind = value.__class__
        if kind is str:
            if not value or value[0] != "[":  # (faster than value[:1] != "[")
                return value  # not an expression, and not a `[[` literal either
            return self.evaluate_string(value, path)
        if len(path) <= MAX_DEPTH:  # the usual JSON classes first, then the general tests
            if kind is dict:
                return self._evaluate_object(value, path)
            if kind is list:
                return self._evaluate_array(value, path)
        if isinstance(value, str):
            if value[:1] != "[":
                return value
            return self.evaluate_string(value, path)
        if len(path) > MAX_DEPTH and isinstance(value, (dict, list)):
            message = f"values nested deeper than {MAX_DEPTH} levels are not evaluated"
            self._report(codes.EVALUATION_ERROR, Severity.WARNING, message, path, 0, 0)
            return Unknown(message)
        if isinstance(value, dict):
            return self._evaluate_object(value, path)
        if isinstance(value, list):
            return self._evaluate_array(value, path)
        return value

    def _evaluate_array(self, value: list[Any], path: JsonPath) -> list[Any]:
        result: list[Any] = []
        append = result.append
        scalars = _SCALARS
        for index, item in enumerate(value):
            kind = item.__class__
            if item is None or kind in scalars or (kind is str and (not item or item[0] != "[")):
                append(item)  # a value that evaluates to itself: no path built
            else:
                append(self.evaluate(item, (*path, index)))
        return result

    def evaluate_string(self, value: str, path: JsonPath = ()) -> Any:
        if path:
            self.string_paths.add(path)
        known = self._known_strings.get(value, _MISSING)
        if known is not _MISSING:
            return known
        if len(value) < 2 or value[0] != "[" or value[-1] != "]" or value[1] == "[":
            return unescape_literal(value)  # not is_expression(value), tested inline
        tree = parse_expression(value)
        if isinstance(tree, ExpressionError):
            self._report(
                codes.EXPRESSION_SYNTAX,
                Severity.ERROR,
                f"expression syntax: {tree.message}",
                path,
                tree.offset,
                tree.end,
            )
            return Unknown(f"expression syntax error: {tree.message}")
        before = self._volatile
        result = self._node(tree, path)
        if self._volatile == before and result.__class__ in _IMMUTABLE:
            self._known_strings[value] = result
        return result

    def evaluate_node(self, node: Node, path: JsonPath = ()) -> Any:
        """The value of a parsed expression (or part of one) written at `path`."""
        return self._node(node, path)

    @property
    def report_count(self) -> int:
        """How many problems evaluation has met so far, repeats included: a caller that
        memoises work built on evaluation keeps a result only when this did not move (so that
        the same problem met at another path is reported there too)."""
        return self._reports

    def parameter(self, name: str) -> Any:
        """The value of a parameter (supplied, else its default), Unknown when secure or unset."""
        key = name.lower()
        if key in self._parameter_cache:
            return self._parameter_cache[key]
        declared = self._parameters.get(key)
        if declared is None:
            return Unknown(f"parameter '{name}' is not declared")
        secure = declared.secure
        if secure and not _empty_default(declared):
            result: Any = Unknown(f"secure parameter '{declared.name}'", secret=True)
        elif secure:
            result = ""  # an empty default hides nothing (the usual _artifactsLocationSasToken)
        elif declared.value is not NO_DEFAULT:
            result = declared.value
        elif "defaultValue" in declared.declaration:
            guard = "parameter:" + key
            if guard in self._in_progress:
                self._volatile += 1
                return Unknown(f"parameter '{declared.name}' refers to itself")
            self._in_progress.add(guard)
            try:
                result = self.evaluate(
                    declared.declaration["defaultValue"], (*declared.path, "defaultValue")
                )
            finally:
                self._in_progress.discard(guard)
        else:
            result = Unknown(f"parameter '{declared.name}' has no value")
        self._parameter_cache[key] = result
        return result

    def variable(self, name: str) -> Any:
        """The value of a variable (copy variables are arrays)."""
        key = name.lower()
        if key in self._variable_cache:
            return self._variable_cache[key]
        entry = self._variables.get(key)
        if entry is None:
            return Unknown(f"variable '{name}' is not declared")
        if key in self._in_progress:
            message = f"variable '{entry[0]}' refers to itself"
            self._report(codes.EVALUATION_ERROR, Severity.ERROR, message, entry[2], 0, 0)
            return Unknown(message)
        self._in_progress.add(key)
        saved, self._copy = self._copy, []  # variables do not see resource copy loops
        try:
            members = self._member_cache.get(key)
            if entry[2][-2:-1] == ("copy",):
                result = self._copy_array(entry[1], entry[2])
            elif members:  # a plain object some of whose members are known already
                result = {
                    name: members[name]
                    if name in members
                    else self.evaluate(item, (*entry[2], name))
                    for name, item in entry[1].items()
                }
            else:
                result = self.evaluate(entry[1], entry[2])
        finally:
            self._copy = saved
            self._in_progress.discard(key)
        self._variable_cache[key] = result
        return result

    @property
    def parameter_names(self) -> list[str]:
        return list(self._parameter_names)

    @property
    def variable_names(self) -> list[str]:
        return list(self._variable_names)

    def copy_index(self, name: str | None, index: int) -> AbstractContextManager[None]:
        """Evaluate inside iteration `index` of copy loop `name` (None: an unnamed loop)."""
        return _CopyIteration(self, (name.lower() if name else None, index))

    def count(self, spec: Mapping[str, Any], path: JsonPath) -> int | Unknown:
        """The evaluated `count` of a copy loop (resource, property or variable)."""
        value = self.evaluate(spec.get("count"), (*path, "count"))
        if isinstance(value, Unknown):
            return value
        if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
            value = int(value)  # ARM converts a string of digits; the range check below applies
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self._report(
                codes.EVALUATION_ERROR,
                Severity.WARNING,
                f"copy count must be an integer, not {type_name(value)}",
                (*path, "count"),
                0,
                0,
            )
            return Unknown("invalid copy count")
        if value < 0 or value > 800:
            self._report(
                codes.EVALUATION_ERROR,
                Severity.WARNING,
                f"copy count {value} is outside 0..800",
                (*path, "count"),
                0,
                0,
            )
            return Unknown("invalid copy count")
        return int(value)

    # --- internals -------------------------------------------------------------------------

    def _copy_array(self, spec: Any, path: JsonPath) -> Any:
        if not isinstance(spec, dict) or "input" not in spec:
            return Unknown("copy loop without input")
        count = self.count(spec, path)
        if isinstance(count, Unknown):
            return count
        name = spec.get("name")
        loop = name if isinstance(name, str) else None
        items = []
        for index in range(count):
            with self.copy_index(loop, index):
                items.append(self.evaluate(spec["input"], (*path, "input")))
        return items

    def _evaluate_object(self, value: dict[str, Any], path: JsonPath) -> Any:
        result: dict[str, Any] = {}
        scalars = _SCALARS
        for key, item in value.items():
            if key and key[0] == "[":  # a key that may be an expression
                child = (*path, key)
                name = self.evaluate_string(key, child) if is_expression(key) else key
                result[name if isinstance(name, str) else key] = self.evaluate(item, child)
                continue
            kind = item.__class__
            if kind is str:  # the commonest member: a plain string evaluates to itself
                if not item or item[0] != "[":
                    result[key] = item
                else:
                    result[key] = self.evaluate_string(item, (*path, key))
            elif item is None or kind in scalars:
                result[key] = item
            elif (
                kind is list and len(key) == 4 and key.lower() == "copy" and _is_property_copy(item)
            ):
                for index, spec in enumerate(item):
                    result[spec["name"]] = self._copy_array(spec, (*path, key, index))
            else:
                result[key] = self.evaluate(item, (*path, key))
        return result

    def _report(
        self,
        code: codes.Code,
        severity: Severity,
        message: str,
        path: JsonPath,
        start: int,
        end: int,
        hint: str | None = None,
    ) -> None:
        self._reports += 1
        self._volatile += 1
        key = (code.code, path, start)
        if key in self._seen:
            return
        self._seen.add(key)
        span = self._locate(path, start, end) if self._locate else None
        self.diagnostics.append(codes.make(code, severity, message, span, hint))

    def _node(self, node: Node, path: JsonPath) -> Any:
        kind = node.__class__
        if kind is Call:
            return self._call(node, path)  # type: ignore[arg-type]
        if kind is Literal:
            return node.value  # type: ignore[union-attr]
        if kind is Property:
            return self._property(node, path)  # type: ignore[arg-type]
        return self._index(node, path)  # type: ignore[arg-type]

    def _property(self, node: Property, path: JsonPath) -> Any:
        source = node.target
        if source.__class__ is Call and source.lower == "variables":
            member = self._variable_member(source, node.name)
            if member is not _MISSING:
                return member
        target = self._node(source, path)
        if isinstance(target, Unknown):
            return target
        if isinstance(target, dict):
            wanted = node.name.lower()
            for key, value in target.items():
                if key.lower() == wanted:
                    return value
            return self._missing(node.target, f"no property '{node.name}'", path, node)
        if target is None:
            return self._missing(node.target, f"'.{node.name}' of null", path, node)
        return self._fail(f"cannot read '.{node.name}' of {type_name(target)}", path, node)

    def _variable_member(self, call: Call, member: str) -> Any:
        """`variables('v').member` of an object variable with plain keys, evaluating only that
        member: a resource name that reads one setting of a large object variable does not
        evaluate all of it. `_MISSING` when the whole variable is read instead (already
        evaluated, being evaluated, not such an object, or no such member), as before."""
        if len(call.args) != 1:
            return _MISSING
        argument = call.args[0]
        if argument.__class__ is not Literal or argument.value.__class__ is not str:
            return _MISSING
        key: str = argument.value.lower()
        if key in self._variable_cache or key in self._in_progress:
            return _MISSING
        plain = self._plain_members.get(key, _MISSING)
        if plain is _MISSING:
            plain = self._plain_members[key] = self._members_of(key)
        if plain is None:
            return _MISSING
        name = plain.get(member.lower())
        if name is None:
            return _MISSING
        members = self._member_cache.setdefault(key, {})
        if name in members:
            return members[name]
        _, value, where = self._variables[key]
        self._in_progress.add(key)  # as while evaluating the whole variable
        saved, self._copy = self._copy, []
        try:
            result = members[name] = self.evaluate(value[name], (*where, name))
        finally:
            self._copy = saved
            self._in_progress.discard(key)
        return result

    def _members_of(self, key: str) -> dict[str, str] | None:
        """Lower-cased member name -> the first key of that name, for a declared variable
        whose value is an object evaluated member by member: no expression key, no `copy`."""
        entry = self._variables.get(key)
        if entry is None or entry[2][-2:-1] == ("copy",) or entry[1].__class__ is not dict:
            return None
        names: dict[str, str] = {}
        for name in entry[1]:
            lowered = name.lower()
            if name[:1] == "[" or lowered == "copy":
                return None
            names.setdefault(lowered, name)
        return names

    def _index(self, node: Index, path: JsonPath) -> Any:
        target = self._node(node.target, path)
        index = self._node(node.index, path)
        for value in (target, index):
            if isinstance(value, Unknown):
                return value
        if isinstance(target, list) and isinstance(index, int) and not isinstance(index, bool):
            if 0 <= index < len(target):
                return target[index]
            return self._fail(f"index {index} is outside an array of {len(target)}", path, node)
        if isinstance(target, dict) and isinstance(index, str):
            wanted = index.lower()
            for key, value in target.items():
                if key.lower() == wanted:
                    return value
            return self._missing(node.target, f"no property '{index}'", path, node)
        return self._fail(f"cannot index {type_name(target)} with {type_name(index)}", path, node)

    def _missing(self, source: Node, message: str, path: JsonPath, node: Node) -> Any:
        # a missing property of template data is an error ARM reports; a property our
        # placeholder objects (resourceGroup(), deployment()...) lack is simply unknown
        if isinstance(source, Call) and source.lower in ("parameters", "variables"):
            return self._fail(message, path, node)
        return Unknown(message)

    def _fail(self, message: str, path: JsonPath, node: Node) -> Unknown:
        # a warning: the failure usually depends on parameter values, which may differ at
        # deployment (an empty default replaced by a real value)
        self._report(codes.EVALUATION_ERROR, Severity.WARNING, message, path, node.offset, node.end)
        return Unknown(message)

    def _call(self, node: Call, path: JsonPath) -> Any:
        name = node.lower
        if name in _SPECIAL_FORMS:
            if name == "parameters":
                return self._reference(node, path, parameters=True)
            if name == "variables":
                return self._reference(node, path, parameters=False)
            if name == "copyindex":
                return self._copy_index(node, path)
            return self._if(node, path)
        args: list[Any] = []
        for given in node.args:  # (a loop: a list comprehension is a function call of its own)
            kind = given.__class__
            if kind is Literal:
                args.append(given.value)  # type: ignore[union-attr]
            elif kind is Call:  # a nested call: no detour through _node
                args.append(self._call(given, path))  # type: ignore[arg-type]
            else:
                args.append(self._node(given, path))
        function = FUNCTIONS.get(name)
        if function is None:
            if name.startswith(SECRET_PREFIX):
                return Unknown(f"{node.name}() returns secrets", secret=True)
            if "." in name:
                if name.split(".")[0] not in self._namespaces:
                    self._report(
                        codes.UNKNOWN_FUNCTION,
                        Severity.ERROR,
                        f"user function '{node.name}' is not declared in 'functions'",
                        path,
                        node.offset,
                        node.offset + len(node.name),
                    )
                return Unknown(f"user-defined function {node.name}()")
            if name not in NOT_EVALUATED:
                self._report(
                    codes.UNKNOWN_FUNCTION,
                    Severity.ERROR,
                    f"unknown function '{node.name}'",
                    path,
                    node.offset,
                    node.offset + len(node.name),
                    did_you_mean(node.name, _FUNCTION_NAMES),
                )
            return Unknown(f"{node.name}() is not evaluated by armc")
        if name not in SEES_UNKNOWN:
            for arg in args:
                if arg.__class__ not in _PLAIN:  # an Unknown, or a container that may hold one
                    unknown = (
                        next((a for a in args if isinstance(a, Unknown)), None)
                        if name in SEES_UNKNOWN_ITEMS
                        else first_unknown(args)
                    )
                    if unknown is not None:
                        return unknown
                    break
        try:
            result = function(self.context, args)
        except EvalError as exc:
            where: Node = node
            if exc.argument is not None and exc.argument < len(node.args):
                where = node.args[exc.argument]
            return self._fail(exc.message, path, where)
        kind = result.__class__
        if kind is str:
            if len(result) <= MAX_VALUE_SIZE:
                return result
        elif kind in _SMALL_RESULTS or name in _BOUNDED or not size_exceeds(result):
            return result
        message = f"{node.name}() makes a value larger than ARM's 4 MB template limit"
        return self._fail(message, path, node)

    def _if(self, node: Call, path: JsonPath) -> Any:
        if len(node.args) != 3:
            return self._fail("if takes 3 arguments: condition, then, else", path, node)
        condition = self._node(node.args[0], path)
        if isinstance(condition, Unknown):
            then = self._node(node.args[1], path)
            other = self._node(node.args[2], path)
            return then if then == other else condition
        if not isinstance(condition, bool):
            return self._fail(
                f"if: the condition must be a bool, not {type_name(condition)}", path, node.args[0]
            )
        return self._node(node.args[1] if condition else node.args[2], path)

    def _reference(self, node: Call, path: JsonPath, *, parameters: bool) -> Any:
        kind = "parameter" if parameters else "variable"
        if len(node.args) != 1:
            return self._fail(f"{node.name}() takes one {kind} name", path, node)
        argument = node.args[0]
        name = argument.value if argument.__class__ is Literal else self._node(argument, path)
        if name.__class__ is str:  # the usual `parameters('x')`: a value already known?
            cache = self._parameter_cache if parameters else self._variable_cache
            known = cache.get(name.lower(), _MISSING)
            if known is not _MISSING:
                return known
        if isinstance(name, Unknown):
            return name
        if not isinstance(name, str):
            return self._fail(f"a {kind} name must be a string", path, node.args[0])
        table: Mapping[str, Any] = self._parameters if parameters else self._variables
        if name.lower() not in table:
            names = self._parameter_names if parameters else self._variable_names
            code = codes.UNDEFINED_PARAMETER if parameters else codes.UNDEFINED_VARIABLE
            self._report(
                code,
                Severity.ERROR,
                f"undefined {kind} '{name}'",
                path,
                node.args[0].offset,
                node.args[0].end,
                did_you_mean(name, names),
            )
            return Unknown(f"undefined {kind} '{name}'")
        return self.parameter(name) if parameters else self.variable(name)

    def _copy_index(self, node: Call, path: JsonPath) -> Any:
        self._volatile += 1  # the result depends on the copy loops being evaluated
        args = [self._node(arg, path) for arg in node.args]
        if any(arg.__class__ not in _PLAIN for arg in args):  # (usually none: no walk)
            unknown = first_unknown(args)
            if unknown is not None:
                return unknown
        loop: str | None = None
        offset = 0
        for value in args:
            if isinstance(value, str):
                loop = value.lower()
            elif isinstance(value, int) and not isinstance(value, bool):
                offset = value
            else:
                return self._fail(
                    "copyIndex takes a loop name and/or an integer offset", path, node
                )
        for name, index in reversed(self._copy):
            if loop is None or name == loop:
                return index + offset
        if loop is None and not self._copy:
            return Unknown("copyIndex() outside a copy loop")
        return Unknown(f"copyIndex('{loop}') outside that copy loop")


_MISSING: Any = object()

_SPECIAL_FORMS = frozenset(("parameters", "variables", "copyindex", "if"))
"""Calls the evaluator answers itself (the scope's names, copy loops, a branch evaluated)."""

_SMALL_RESULTS = frozenset((int, float, bool, type(None), Unknown))
"""Result types that are never larger than ARM's value limit (`size_exceeds` is not asked)."""

_PLACEHOLDERS = frozenset(
    ("resourcegroup", "subscription", "tenant", "deployment", "environment", "managementgroup")
)
"""Functions whose result is a small placeholder object of the deployment context."""

_BOUNDED = _PLACEHOLDERS | {"range"}
"""Functions whose results are never larger than ARM's value limit: the placeholders, and
range() (at most 10,000 integers)."""

_PLAIN = frozenset((str, int, float, bool, type(None)))
"""Types of arguments that are not and do not hold an Unknown."""

_IMMUTABLE = frozenset((str, int, float, bool, type(None), Unknown))
"""Types of results that can be shared by every place an expression is written."""


class _CopyIteration:
    """The context of `Evaluator.copy_index` (a class: entered for every copy-loop instance
    and every reference resolved in one, it costs a third of a generator-based manager)."""

    __slots__ = ("_evaluator", "_frame")

    def __init__(self, evaluator: Evaluator, frame: tuple[str | None, int]) -> None:
        self._evaluator = evaluator
        self._frame = frame

    def __enter__(self) -> None:
        self._evaluator._copy.append(self._frame)

    def __exit__(self, *_: object) -> None:
        self._evaluator._copy.pop()


def _empty_default(declared: ParameterInput) -> bool:
    return declared.value is NO_DEFAULT and declared.declaration.get("defaultValue") == ""


def _is_property_copy(items: list[Any]) -> bool:
    return all(
        isinstance(spec, dict) and isinstance(spec.get("name"), str) and "input" in spec
        for spec in items
    ) and bool(items)


_FUNCTION_NAMES = sorted({*FUNCTIONS, "parameters", "variables", "copyIndex", "if", "listKeys"})
