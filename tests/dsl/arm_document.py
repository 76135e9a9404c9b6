"""Test helper: a Template as a plain ARM JSON document (dependsOn from the dependencies).

Not the emitter (that is `armc.emit`); just enough to validate the lowering's output against
the official schemas before and independently of the emitter."""

from __future__ import annotations

from typing import Any

from armc.model.template import Template


def arm_document(template: Template) -> dict[str, Any]:
    by_key = {r.key: r for r in template.resources}
    resources = []
    for resource in template.resources:
        body = dict(resource.body)
        targets = sorted({d.target for d in resource.dependencies if d.target in by_key})
        if targets:
            body["dependsOn"] = [_reference(by_key[t].body, by_key[t].type) for t in targets]
        resources.append(body)
    return {
        **template.header,
        "parameters": {
            name: {k: v for k, v in p.body.items() if not k.startswith("x-armc-")}
            for name, p in template.parameters.items()
        },
        "resources": resources,
        "outputs": {name: o.body for name, o in template.outputs.items()},
    }


def _reference(body: dict[str, Any], type_name: str) -> str:
    """How dependsOn names a resource: a copy loop by its name, else by resourceId."""
    copy = body.get("copy")
    if isinstance(copy, dict):
        return str(copy["name"])
    name = str(body["name"])
    argument = name[1:-1] if name.startswith("[") else f"'{name}'"
    return f"[resourceId('{type_name}', {argument})]"
