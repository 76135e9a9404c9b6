"""Evaluate an ARM JSON template (as armc writes it) to `Deployed` resources in the terms of
`terms.py`, substituting parameter defaults and expanding copy loops."""

from __future__ import annotations

import re
from typing import Any

from armc.arm.expressions import Call, Index, Literal, Node, Property, parse_expression

from .terms import Deployed, Term, access, apply, concat


class UnsupportedError(Exception):
    """A template this small evaluator does not handle (not a difference in meaning)."""


class ArmEvaluator:
    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        self.parameters: dict[str, Term] = {}
        for name, declaration in document.get("parameters", {}).items():
            self.parameters[name.lower()] = (
                self.value(declaration["defaultValue"])
                if "defaultValue" in declaration
                else ("param", name)
            )
        self.index: int | None = None

    def value(self, value: Any) -> Term:
        if isinstance(value, dict):
            return {k: self.value(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.value(v) for v in value]
        if isinstance(value, str) and value.startswith("[["):
            return value[1:]
        if isinstance(value, str) and value.startswith("[") and value.endswith("]"):
            tree = parse_expression(value)
            assert not hasattr(tree, "message"), value
            return self.node(tree)  # type: ignore[arg-type]
        return value

    def node(self, node: Node) -> Term:
        if isinstance(node, Literal):
            return node.value
        if isinstance(node, Property):
            return access(self.node(node.target), node.name)
        if isinstance(node, Index):
            return access(self.node(node.target), self.node(node.index))
        return self.call(node)

    def call(self, node: Call) -> Term:
        args = [self.node(a) for a in node.args]
        name = node.lower
        if name == "parameters":
            return self.parameters[str(args[0]).lower()]
        if name == "copyindex":
            assert self.index is not None
            offset = args[-1] if args and not isinstance(args[-1], str) else 0
            return apply("add", [self.index, offset]) if offset else self.index
        if name == "resourceid":
            return ("resourceId", str(args[0]).lower(), *args[1:])
        if name == "reference":
            full = len(args) > 2 and str(args[2]).lower() == "full"
            return ("refFull" if full else "ref", args[0], ())
        if name == "variables":
            return self.variable(str(args[0]))
        if name == "format" and isinstance(args[0], str) and not re.search(r"\{\d+:", args[0]):
            pieces = re.split(r"(\{\d+\})", args[0])
            return concat(
                [args[1 + int(p[1:-1])] if re.fullmatch(r"\{\d+\}", p) else p for p in pieces]
            )
        return apply(name, args)

    def variable(self, name: str) -> Term:
        variables = self.document.get("variables", {})
        found = {k.lower(): v for k, v in variables.items()}
        if name.lower() in found:
            return self.value(found[name.lower()])
        raise UnsupportedError(f"variable {name!r} (variable loops are not evaluated)")

    def resources(self) -> list[Deployed]:
        out: list[Deployed] = []
        for resource in self.document["resources"]:
            copy = resource.get("copy")
            count = self.value(copy["count"]) if copy else 1
            if not isinstance(count, int):
                raise UnsupportedError(f"a copy count that is not known: {count!r}")
            indexes = range(count) if copy else [None]
            for index in indexes:
                self.index = index
                out.append(self._deployed(resource))
            self.index = None
        return out

    def _deployed(self, resource: dict[str, Any]) -> Deployed:
        skipped = {"type", "apiVersion", "name", "condition", "copy", "dependsOn"}
        if _inner_scope(resource):  # the template evaluates its own expressions
            properties = resource["properties"]
            inner = {k: self.value(v) for k, v in properties.items() if k != "template"}
            resource = {**resource, "properties": {**inner, "template": properties["template"]}}
            skipped = skipped | {"properties"}
        body = {k: self.value(v) for k, v in resource.items() if k not in skipped}
        if _inner_scope(resource):
            body["properties"] = resource["properties"]
        scope = body.get("scope")
        if isinstance(scope, str) and scope.count("/") >= 2:  # "Namespace/type/name"
            namespace, kind, name = scope.split("/", 2)
            body["scope"] = ("scope", f"{namespace}/{kind}".lower(), name)
        depends = set()
        for entry in resource.get("dependsOn", []):
            target = self.value(entry) if entry.startswith("[") else entry
            depends.update(self._targets(target))
        return Deployed(
            resource["type"],
            self.value(resource["name"]),
            resource["apiVersion"],
            body,
            self.value(resource.get("condition", True)),
            depends,
        )

    def _targets(self, target: Term) -> set[tuple[str, Term]]:
        if isinstance(target, tuple) and target[0] == "resourceId":
            segments = list(target[2:])
            joined = [part for s in segments for part in ("/", s)][1:]
            return {(target[1], concat(joined))}
        loops = [r for r in self.document["resources"] if r.get("copy", {}).get("name") == target]
        found: set[tuple[str, Term]] = {  # a resource named by its name (unique)
            (r["type"].lower(), target)
            for r in self.document["resources"]
            if "copy" not in r and r["name"] == target
        }
        saved = self.index
        for loop in loops:
            for index in range(self.value(loop["copy"]["count"])):
                self.index = index
                found.add((loop["type"].lower(), self.value(loop["name"])))
        self.index = saved
        return found

    def outputs(self) -> dict[str, Term]:
        return {name: self._output(out) for name, out in self.document.get("outputs", {}).items()}

    def _output(self, out: dict[str, Any]) -> Term:
        copy = out.get("copy")
        if copy is None:
            return self.value(out["value"])
        values = []
        for index in range(self.value(copy["count"])):
            self.index = index
            values.append(self.value(copy["input"]))
        self.index = None
        return values


def _inner_scope(resource: dict[str, Any]) -> bool:
    """A nested deployment whose template evaluates its own expressions (not evaluated here)."""
    properties = resource.get("properties")
    if resource["type"].lower() != "microsoft.resources/deployments":
        return False
    if not isinstance(properties, dict) or "template" not in properties:
        return False
    options = properties.get("expressionEvaluationOptions", {})
    return str(options.get("scope", "")).lower() == "inner"
