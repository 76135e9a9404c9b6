"""Build `Template`s for tests from Python dicts, with real spans into a rendered JSON text.

`build(doc)` serialises `doc` as indented JSON (the text an ARM author might have written),
records the span of every value by JSON path, and builds the model the ARM loader would:
parameters, variables, resources (key `type/name`, explicit dependsOn on keys), outputs."""

from __future__ import annotations

import json
from typing import Any

from armc.model.template import (
    Dependency,
    JsonPath,
    Output,
    Parameter,
    Resource,
    SourceMap,
    Template,
)
from armc.source import SourceFile, SourceRegistry, Span


class _Writer:
    def __init__(self, file: str) -> None:
        self.file = file
        self.parts: list[str] = []
        self.line = 1
        self.column = 1
        self.spans: dict[JsonPath, Span] = {}

    def write(self, text: str) -> None:
        self.parts.append(text)
        newlines = text.count("\n")
        if newlines:
            self.line += newlines
            self.column = len(text) - text.rfind("\n")
        else:
            self.column += len(text)

    def value(self, value: Any, path: JsonPath, indent: int) -> None:
        start = (self.line, self.column)
        pad = "  " * (indent + 1)
        if isinstance(value, dict) and value:
            self.write("{\n")
            for i, (key, item) in enumerate(value.items()):
                self.write(pad + json.dumps(key) + ": ")
                self.value(item, (*path, key), indent + 1)
                self.write(",\n" if i < len(value) - 1 else "\n")
            self.write("  " * indent + "}")
        elif isinstance(value, list) and value:
            self.write("[\n")
            for i, item in enumerate(value):
                self.write(pad)
                self.value(item, (*path, i), indent + 1)
                self.write(",\n" if i < len(value) - 1 else "\n")
            self.write("  " * indent + "]")
        else:
            self.write(json.dumps(value))
        self.spans[path] = Span(self.file, start[0], start[1], self.line, self.column)


def render(doc: dict[str, Any], file: str = "template.json") -> tuple[str, dict[JsonPath, Span]]:
    writer = _Writer(file)
    writer.value(doc, (), 0)
    writer.write("\n")
    return "".join(writer.parts), writer.spans


def build(
    doc: dict[str, Any], file: str = "template.json", origin: str = "arm"
) -> tuple[Template, SourceFile]:
    """The template model of an ARM document and the source text its spans point into."""
    text, spans = render(doc, file)
    header = {
        k: v for k, v in doc.items() if k not in ("parameters", "variables", "resources", "outputs")
    }
    template = Template(file=file, origin="dsl" if origin == "dsl" else "arm", header=header)
    template.source_map = SourceMap(spans)
    for name, body in doc.get("parameters", {}).items():
        template.parameters[name] = Parameter(name, body, ("parameters", name))
    template.variables = dict(doc.get("variables", {}))
    for index, body in enumerate(doc.get("resources", [])):
        key = f"{body['type']}/{body['name']}"
        resource = Resource(
            key=key,
            type=body["type"],
            api_version=body.get("apiVersion", ""),
            name=body["name"],
            body=body,
            path=("resources", index),
        )
        for i, target in enumerate(body.get("dependsOn", [])):
            path: JsonPath = ("resources", index, "dependsOn", i)
            resource.dependencies.append(Dependency(target, "explicit", spans.get(path), path))
        template.resources.append(resource)
    for name, body in doc.get("outputs", {}).items():
        template.outputs[name] = Output(name, body, ("outputs", name))
    return template, SourceFile(file, text)


def registry_of(*sources: SourceFile) -> SourceRegistry:
    registry = SourceRegistry()
    for source in sources:
        registry.add(source)
    return registry


def arm(
    resources: list[dict[str, Any]] | None = None,
    parameters: dict[str, Any] | None = None,
    outputs: dict[str, Any] | None = None,
    variables: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A minimal ARM deployment template document."""
    doc: dict[str, Any] = {
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
    }
    if parameters is not None:
        doc["parameters"] = parameters
    if variables is not None:
        doc["variables"] = variables
    doc["resources"] = resources or []
    if outputs is not None:
        doc["outputs"] = outputs
    return doc


def public_ip(name: str, sku: str | None = "Basic", **extra: Any) -> dict[str, Any]:
    """A public IP resource whose location comes from the `location` parameter."""
    resource: dict[str, Any] = {
        "type": "Microsoft.Network/publicIPAddresses",
        "name": name,
        "location": "[parameters('location')]",
    }
    if sku is not None:
        resource["sku"] = {"name": sku}
    resource.update(extra)
    return resource
