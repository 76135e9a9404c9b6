"""Evaluate a Bicep file, as pycep-parser parses it, to `Deployed` resources in the terms of
`terms.py`: parameter defaults substituted, interpolations and loops evaluated, symbolic
references turned into the resource ids and `reference()` paths ARM would see, and the
dependencies Bicep infers (every symbol a declaration names, `parent:`, `dependsOn`)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from lark import Token, Tree
from pycep import BicepParser

from .terms import Deployed, Term, access, apply, concat, resource_id

# pycep's operator rules by the ARM function each one is.
OPERATORS = {
    "and_op": "and",
    "or_op": "or",
    "not_op": "not",
    "conditional": "if",
    "greater_than": "greater",
    "greater_than_or_equals": "greaterorequals",
    "less_than": "less",
    "less_than_or_equals": "lessorequals",
    "add": "add",
    "substract": "sub",
    "multiply": "mul",
    "divide": "div",
    "modulo": "mod",
}
ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "\\": "\\", "'": "'", "$": "$"}


@functools.cache
def parser() -> BicepParser:
    return BicepParser()


LOOP_CONDITION = re.compile(r"^(resource .* = \[for .*?: )if \(", re.MULTILINE)


def parse(text: str) -> Tree[Token]:
    """The pycep-parser tree of `text` (raises if pycep rejects it).

    pycep-parser does not know a loop with a condition, `[for i in r: if (c) {...}]`; written
    `if(c)` it reads the condition as a call before the body (`_conditional` undoes that)."""
    return parser()._create_tree(text=LOOP_CONDITION.sub(r"\1if(", text), file_path=None)


@dataclass
class Declared:
    symbol: str
    type: str
    api_version: str
    existing: bool
    value: Tree[Token]


@dataclass(frozen=True)
class Instance:
    index: int | None
    body: Tree[Token]
    condition: Term
    scope: dict[str, Term]


@dataclass(frozen=True)
class Ref:
    """A resource symbol as a value (a loop instance when `index` is set)."""

    symbol: str
    index: int | None = None


# What Bicep compiles a module to: a nested deployment of this apiVersion (armc writes the same).
MODULE_API = "2022-09-01"
DEPLOYMENTS = "Microsoft.Resources/deployments"


class BicepEvaluator:
    def __init__(self, text: str, modules: dict[str, str] | None = None) -> None:
        """`modules`: the text of each module file, by the path the Bicep names it with."""
        self.modules = modules or {}
        self.module_paths: dict[str, str] = {}
        self.tree = parse(text)
        self.parameters: dict[str, Tree[Token]] = {}
        self.variables: dict[str, Tree[Token]] = {}
        self.resources: dict[str, Declared] = {}
        self.outputs_: dict[str, Tree[Token]] = {}
        self.decorators: dict[str, dict[str, Term]] = {}
        self.types: dict[str, str] = {}
        for element in self.tree.children:
            if not isinstance(element, Tree):
                continue
            self._declare(element)
        self.scope: dict[str, Term] = {}
        self.used: set[str] = set()
        self._names: dict[tuple[str, int | None], Term] = {}

    def _declare(self, element: Tree[Token]) -> None:
        kind = element.data
        children = element.children
        name = str(children[1])
        if kind == "param":
            self.parameters[name] = children[3]  # type: ignore[assignment]
            self.types[name] = str(children[2].children[0].children[0])  # type: ignore[union-attr]
            self.decorators[name] = self._decorators(children[0])  # type: ignore[arg-type]
        elif kind == "var":
            self.variables[name] = children[3]  # type: ignore[assignment]
        elif kind == "output":
            self.outputs_[name] = children[3]  # type: ignore[assignment]
        elif kind == "module":
            self.module_paths[name] = str(children[2].children[0])[1:-1]  # type: ignore[union-attr]
            self.resources[name] = Declared(name, DEPLOYMENTS, MODULE_API, False, children[3])  # type: ignore[arg-type]
        elif kind == "resource":
            type_api = str(children[2].children[0])[1:-1]  # type: ignore[union-attr]
            type_name, api = type_api.split("@")
            self.resources[name] = Declared(
                name,
                type_name,
                api,
                children[3] is not None,
                children[4],  # type: ignore[arg-type]
            )

    def _decorators(self, tree: Tree[Token] | None) -> dict[str, Term]:
        found: dict[str, Term] = {}
        for decorator in tree.children if tree is not None else []:
            assert isinstance(decorator, Tree)
            head = decorator.children[0]
            name = str(head.data if isinstance(head, Tree) else head)
            arg = decorator.children[1] if len(decorator.children) > 1 else None
            found[name] = self.eval(arg) if isinstance(arg, Tree) else None
        return found

    # -- values -----------------------------------------------------------------------------

    def parameter_value(self, name: str) -> Term:
        default = self.parameters[name]
        return ("param", name) if default is None else self.eval(default)

    def eval(self, node: Tree[Token]) -> Term:
        kind = node.data
        children = node.children
        if kind == "null":
            return None
        if kind in ("true", "false"):
            return kind == "true"
        if kind == "int_type":
            return int(str(children[0]))
        if kind == "string":
            token = children[0]
            assert isinstance(token, Token)
            if token.type == "STRING":
                return self.identifier(str(token))
            return self.string(str(token))
        if kind == "array":
            return [self.eval(c) for c in children if isinstance(c, Tree)]
        if kind == "object":
            return {self.key(p): self.eval(p.children[1]) for p in children if isinstance(p, Tree)}  # type: ignore[arg-type]
        if kind == "function":
            return self.function(node)
        if kind == "operator":
            return self.operator(children[0])  # type: ignore[arg-type]
        if kind in ("function_accessor", "property_accessor", "index_accessor"):
            return self.operator(node)
        if kind == "loop":  # [for x in items: value]
            loop_array, condition, body = node.children
            assert isinstance(loop_array, Tree) and isinstance(body, Tree) and condition is None
            variable = str(loop_array.children[0])
            saved = dict(self.scope)
            values = []
            for item in self.eval(loop_array.children[1]):  # type: ignore[arg-type]
                self.scope = {**saved, variable: item}
                values.append(self.plain(self.eval(body)))
            self.scope = saved
            return values
        raise AssertionError(f"unexpected {kind}")

    def key(self, pair: Tree[Token]) -> str:
        token = str(pair.children[0].children[0])  # type: ignore[union-attr]
        return self.string(token) if token.startswith("'") else token

    def identifier(self, name: str) -> Term:
        if name in self.scope:
            return self.scope[name]
        if name in self.parameters:
            return self.parameter_value(name)
        if name in self.variables:
            return self.eval(self.variables[name])
        if name in self.resources:
            self.used.add(name)
            return Ref(name)
        raise AssertionError(f"unknown identifier {name}")

    def string(self, token: str) -> Term:
        """A quoted string token: escapes decoded, interpolations evaluated."""
        body = token[1:-1]
        parts: list[Term] = []
        literal: list[str] = []
        i = 0
        while i < len(body):
            char = body[i]
            if char == "\\":
                code = body[i + 1]
                if code == "u":
                    end = body.index("}", i)
                    literal.append(chr(int(body[i + 3 : end], 16)))
                    i = end + 1
                    continue
                literal.append(ESCAPES[code])
                i += 2
                continue
            if char == "$" and body[i + 1 : i + 2] == "{":
                end = _closing(body, i + 2)
                parts.append("".join(literal))
                literal = []
                parts.append(self.expression(body[i + 2 : end]))
                i = end + 1
                continue
            literal.append(char)
            i += 1
        parts.append("".join(literal))
        return concat(parts)

    def expression(self, text: str) -> Term:
        tree = parse(f"var x = {text}\n")
        return self.eval(tree.children[0].children[3])  # type: ignore[union-attr,arg-type]

    def function(self, node: Tree[Token]) -> Term:
        name = str(node.children[0])[:-1].removeprefix("az.").removeprefix("sys.")
        args = [self.eval(c) for c in node.children[1:] if isinstance(c, Tree)]
        if name == "resourceId":
            return ("resourceId", str(args[0]).lower(), *(self.plain(a) for a in args[1:]))
        if name == "range":
            return list(range(args[0], args[0] + args[1]))
        if name == "reference":
            full = len(args) > 2 and str(args[2]).lower() == "full"
            return ("refFull" if full else "ref", self.plain(args[0]), ())
        return apply(name.lower(), [self.plain(a) for a in args])

    def plain(self, value: Term) -> Term:
        """A symbol used as a value where ARM has its id."""
        return self.resource_id(value) if isinstance(value, Ref) else value

    def operator(self, node: Tree[Token]) -> Term:
        kind = node.data
        operands = [c for c in node.children if isinstance(c, Tree)]
        if kind in ("property_accessor", "index_accessor"):
            return self.accessor(node)
        if kind == "function_accessor":  # symbol.listKeys(): ARM's listKeys(id, apiVersion)
            target = self.eval(node.children[0])  # type: ignore[arg-type]
            assert isinstance(target, Ref)
            declared = self.resources[target.symbol]
            name = str(node.children[1]).lower()
            return ("call", name, self.resource_id(target), declared.api_version)
        values = [self.plain(self.eval(o)) for o in operands]
        if kind == "not_equals":
            return apply("not", [apply("equals", values)])
        if kind == "minus":
            return -values[0] if isinstance(values[0], int) else ("call", "sub", 0, values[0])
        return apply(OPERATORS.get(kind, kind), values)

    def accessor(self, node: Tree[Token]) -> Term:
        """pycep nests `a.b.c[0].d` to the right; flatten it and apply left to right."""
        steps: list[tuple[str, Tree[Token]]] = []
        base = _flatten(node, steps)
        value = self.eval(base)
        for kind, operand in steps:
            if kind == "index":
                value = self.member(value, self.eval(operand))
            else:
                value = self.member(value, str(operand.children[0]))
        return value

    def member(self, target: Term, key: Term) -> Term:
        if isinstance(target, Ref):
            if isinstance(key, int):
                return Ref(target.symbol, key)
            if key == "id":
                return self.resource_id(target)
            if key == "name":
                return self.name_of(target)
            if key == "properties":
                return ("ref", self.resource_id(target), ())
            return ("refFull", self.resource_id(target), (key,))
        return access(target, key)

    # -- resources --------------------------------------------------------------------------

    def instances(self, declared: Declared) -> list[Instance]:
        """Every instance: loop index, body, condition and the loop variable's binding."""
        value = declared.value
        self.scope = {}
        if value.data == "loop":
            loop_array, condition, body = value.children
            assert isinstance(loop_array, Tree) and isinstance(body, Tree)
            variable = str(loop_array.children[0])
            items = self.eval(loop_array.children[1])  # type: ignore[arg-type]
            out = []
            for index, item in enumerate(items):
                self.scope = {variable: item}
                out.append(Instance(index, *self._conditional(body, condition), self.scope))
            self.scope = {}
            return out
        return [Instance(None, *self._conditional(value, None), {})]

    def _conditional(self, body: Tree[Token], condition: Any) -> tuple[Tree[Token], Term]:
        if body.data == "deploy_condition":
            test, inner = body.children
            return inner, self.eval(test)  # type: ignore[return-value,arg-type]
        if isinstance(condition, Tree) and str(condition.children[0]) == "if(":
            return body, self.eval(condition.children[1])  # type: ignore[arg-type]
        return body, self.eval(condition) if isinstance(condition, Tree) else True

    def body(self, body: Tree[Token]) -> dict[str, Tree[Token]]:
        return {self.key(p): p.children[1] for p in body.children if isinstance(p, Tree)}  # type: ignore[misc]

    def name_of(self, ref: Ref) -> Term:
        key = (ref.symbol, ref.index)
        if key not in self._names:
            declared = self.resources[ref.symbol]
            saved = dict(self.scope)
            instance = self.instances(declared)[ref.index or 0]
            self.scope = instance.scope
            members = self.body(instance.body)
            name = self.eval(members["name"])
            if "parent" in members:
                parent = self.eval(members["parent"])
                name = concat([self.name_of(parent), "/", name])
            self.scope = saved
            self._names[key] = name
        return self._names[key]

    def resource_id(self, ref: Ref) -> Term:
        return resource_id(self.resources[ref.symbol].type, self.name_of(ref))

    def deployed(self) -> list[Deployed]:
        out: list[Deployed] = []
        for symbol, declared in self.resources.items():
            if declared.existing:
                continue
            for instance in self.instances(declared):
                self.used = set()
                self.scope = instance.scope
                members = self.body(instance.body)
                values = {
                    k: self.eval(v) for k, v in members.items() if k not in ("name", "parent")
                }
                self.eval(members["name"])  # what the name references is a dependency too
                depends = values.pop("dependsOn", [])
                if symbol in self.module_paths:
                    values = self._module_body(symbol, values)
                scope = values.get("scope")
                if isinstance(scope, Ref):  # an extension resource's `scope: symbol`
                    scoped = self.resources[scope.symbol]
                    values["scope"] = ("scope", scoped.type.lower(), self.name_of(scope))
                self.used.discard(symbol)
                refs = {Ref(s) for s in self.used} | set(depends)
                if "parent" in members:
                    refs.add(self.eval(members["parent"]))
                self.scope = {}
                out.append(
                    Deployed(
                        declared.type,
                        self.name_of(Ref(symbol, instance.index)),
                        declared.api_version,
                        values,
                        instance.condition,
                        {i for r in refs for i in self.identities(r)},
                    )
                )
        return out

    def _module_body(self, symbol: str, values: dict[str, Term]) -> dict[str, Term]:
        """A module's members as the nested deployment Bicep compiles it to: `scope:
        resourceGroup(sub, rg)` as subscriptionId/resourceGroup, `params` passed by value,
        incremental, inner scope, the module file's template."""
        import json

        body: dict[str, Term] = {}
        scope = values.pop("scope", None)
        if scope is not None:
            assert isinstance(scope, tuple) and scope[0] == "call" and scope[1] == "resourcegroup"
            where = list(scope[2:])
            if len(where) == 2:
                body["subscriptionId"] = where[0]
            body["resourceGroup"] = where[-1]
        params = values.pop("params", {})
        assert not values, values
        assert isinstance(params, dict)
        body["properties"] = {
            "mode": "Incremental",
            "expressionEvaluationOptions": {"scope": "inner"},
            "parameters": {k: {"value": self.plain(v)} for k, v in params.items()},
            "template": json.loads(self.modules[self.module_paths[symbol]]),
        }
        return body

    def identities(self, ref: Ref) -> set[tuple[str, Term]]:
        declared = self.resources[ref.symbol]
        indexes = (
            [ref.index]
            if ref.index is not None
            else [instance.index for instance in self.instances(declared)]
        )
        self.scope = {}
        return {(declared.type.lower(), self.name_of(Ref(ref.symbol, i))) for i in indexes}

    def outputs(self) -> dict[str, Term]:
        return {name: self.plain(self.eval(value)) for name, value in self.outputs_.items()}


def _flatten(node: Tree[Token], steps: list[tuple[str, Tree[Token]]]) -> Tree[Token]:
    """The base of an accessor chain; `steps` gets ("index", expr) / ("property", name node)."""
    if node.data == "operator":
        return _flatten(node.children[0], steps)  # type: ignore[arg-type]
    if node.data == "property_accessor":
        left, right = node.children
        base = _flatten(left, steps)  # type: ignore[arg-type]
        _unfold(right, steps)  # type: ignore[arg-type]
        return base
    if node.data == "index_accessor":
        left, right = (c for c in node.children if isinstance(c, Tree))
        base = _flatten(left, steps)
        steps.append(("index", right))
        return base
    return node


def _unfold(node: Tree[Token], steps: list[tuple[str, Tree[Token]]]) -> None:
    """The right-hand side of a property accessor: names, further accessors, indexes."""
    if node.data == "operator":
        _unfold(node.children[0], steps)  # type: ignore[arg-type]
    elif node.data == "property_accessor":
        left, right = node.children
        _unfold(left, steps)  # type: ignore[arg-type]
        _unfold(right, steps)  # type: ignore[arg-type]
    elif node.data == "index_accessor":
        left, right = (c for c in node.children if isinstance(c, Tree))
        _unfold(left, steps)
        steps.append(("index", right))
    else:
        steps.append(("property", node))


def _closing(body: str, start: int) -> int:
    """The index of the `}` closing an interpolation opened just before `start`."""
    depth = 1
    i = start
    quoted = False
    while i < len(body):
        char = body[i]
        if quoted:
            if char == "\\":
                i += 1
            elif char == "'":
                quoted = False
        elif char == "'":
            quoted = True
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    raise AssertionError(f"unclosed interpolation in {body!r}")
