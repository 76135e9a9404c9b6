"""The ARM JSON back-end: template model + graph -> deployable template and parameters file.

Every rendering is parsed back strictly and re-serialised canonically, so invalid JSON can
never be written; `dependsOn` is the transitive reduction of the dependency graph."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from armc import __version__
from armc.diagnostics import CompileError
from armc.emit import environment as env
from armc.emit.json_text import canonical, encode, is_literal, parse
from armc.emit.view import views
from armc.model.graph import build_graph, cycle_diagnostics, minimal_dependencies
from armc.model.template import Parameter, Template

PARAMETERS_SCHEMA = (
    "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#"
)
PRIVATE_PREFIX = "x-armc-"
KEYVAULT_KEY = "x-armc-keyvault"


@dataclass(frozen=True)
class ArmOutput:
    """The two files of one build, as text."""

    template: str
    parameters: str


def emit_arm(template: Template) -> ArmOutput:
    """Render `template` as ARM JSON. Raises CompileError for a dependency cycle."""
    graph = build_graph(template)
    cycles = cycle_diagnostics(template, graph)
    if cycles:
        raise CompileError(cycles)
    dependencies = minimal_dependencies(graph)
    rendered_resources = [
        env.resource_template().render(view=view) for view in views(template, dependencies)
    ]
    header = [(k, v) for k, v in template.header.items() if k != "metadata"]
    text = env.template("arm/template.json.j2").render(
        header=header,
        parameters={name: _declaration(p) for name, p in template.parameters.items()},
        variables=template.variables,
        resources=rendered_resources,
        outputs={name: output.body for name, output in template.outputs.items()},
    )
    document = parse(text)
    document = _with_generator(document, template.header.get("metadata"))
    return ArmOutput(canonical(document), emit_parameters(template))


def _declaration(parameter: Parameter) -> dict[str, Any]:
    return {k: v for k, v in parameter.body.items() if not k.startswith(PRIVATE_PREFIX)}


def _with_generator(document: dict[str, Any], metadata: Any) -> dict[str, Any]:
    """Insert `metadata._generator` (name, version, hash of everything else) after the header."""
    compact = encode(document)
    digest = hashlib.sha256(compact.encode("utf-8")).digest()
    generator = {
        "name": "armc",
        "version": __version__,
        "templateHash": str(int.from_bytes(digest[:8], "big")),
    }
    merged = {"_generator": generator} | (metadata if isinstance(metadata, dict) else {})
    result: dict[str, Any] = {}
    for key, value in document.items():
        result[key] = value
        if key == "contentVersion":
            result["metadata"] = merged
    if "metadata" not in result:
        result = {"metadata": merged} | result
    return result


def emit_parameters(template: Template) -> str:
    """A parameters file: Key Vault references, and the literal defaults (to edit in one place).

    Parameters without a default are left out, so a deployment asks for them; secrets are never
    written."""
    values: dict[str, Any] = {}
    for name, parameter in template.parameters.items():
        keyvault = parameter.body.get(KEYVAULT_KEY)
        if isinstance(keyvault, dict):
            values[name] = {
                "reference": {
                    "keyVault": {"id": keyvault["vault_id"]},
                    "secretName": keyvault["secret"],
                }
            }
        elif not parameter.secure and is_literal(parameter.default):
            values[name] = {"value": parameter.default}
    text = env.template("arm/parameters.json.j2").render(
        schema=PARAMETERS_SCHEMA, parameters=values
    )
    return canonical(parse(text))
