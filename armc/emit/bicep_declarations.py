"""View models of a Bicep file's parameters, variables and outputs, and of its `.bicepparam`
assignments (the same policy as the ARM parameters file: Key Vault references and literal
defaults; a required parameter reads an environment variable, since a `.bicepparam` must
assign every parameter without a default)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from armc.emit.arm import KEYVAULT_KEY
from armc.emit.bicep_code import TranslationError
from armc.emit.bicep_expressions import Translator
from armc.emit.bicep_text import env_name, quote
from armc.emit.bicep_values import loop, property_loops, render
from armc.emit.json_text import is_literal
from armc.model.template import NO_DEFAULT, Output, Parameter

_TYPES = {
    "string": "string",
    "securestring": "string",
    "int": "int",
    "bool": "bool",
    "object": "object",
    "secureobject": "object",
    "array": "array",
}
_LIMITS = (
    ("minValue", "minValue"),
    ("maxValue", "maxValue"),
    ("minLength", "minLength"),
    ("maxLength", "maxLength"),
)
_VAULT_ID = re.compile(
    r"/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/Microsoft\.KeyVault/vaults/([^/]+)\Z",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Declaration:
    """`param|var|output name type = value` with its decorators (each without the `@`)."""

    keyword: str
    name: str
    type: str | None
    value: str | None
    decorators: tuple[str, ...] = ()


@dataclass(frozen=True)
class Assignment:
    """One `param name = value` line of a `.bicepparam` file."""

    name: str
    value: str


def bicep_type(arm_type: Any, what: str) -> str:
    found = _TYPES.get(str(arm_type).lower())
    if found is None:
        raise TranslationError(f"{what} has the type {arm_type!r}, which Bicep does not know")
    return found


def parameter(name: str, param: Parameter, translator: Translator) -> Declaration:
    body = param.body
    decorators: list[str] = []
    description = param.description
    if description is not None:
        decorators.append(f"description({quote(description)})")
    metadata = body.get("metadata")
    if isinstance(metadata, dict):
        rest = {k: v for k, v in metadata.items() if k != "description"}
        if rest:
            decorators.append(f"metadata({render(rest, translator)})")
    if param.secure:
        decorators.append("secure()")
    allowed = param.allowed_values
    if allowed is not None:
        decorators.append(f"allowed({render(allowed, translator)})")
    for arm_key, decorator in _LIMITS:
        if isinstance(body.get(arm_key), int):
            decorators.append(f"{decorator}({body[arm_key]})")
    default = param.default
    value = None if default is NO_DEFAULT else render(default, translator)
    kind = bicep_type(body.get("type"), f"parameter '{param.name}'")
    return Declaration("param", name, kind, value, tuple(decorators))


def variables(
    values: dict[str, Any], names: dict[str, str], translator: Translator
) -> list[Declaration]:
    """`var` declarations; ARM's variable loops (`"copy": [{"name", "count", "input"}]`)
    become `var name = [for i in range(0, count): input]`."""
    loops = property_loops(values)
    declarations = [
        Declaration("var", names[k], None, render(v, translator))
        for k, v in values.items()
        if not (loops and k == "copy")
    ]
    for copy in loops:
        name = names[str(copy["name"])]
        declarations.append(Declaration("var", name, None, loop(copy, "input", translator, 0)))
    return declarations


def output(name: str, out: Output, translator: Translator) -> Declaration:
    """`output name type = value`; an output loop (`copy: {count, input}`) becomes
    `[for i in range(0, count): input]`."""
    body = out.body
    if "condition" in body:
        raise TranslationError(f"output '{out.name}' has a 'condition'")
    decorators = ("secure()",) if out.type in ("securestring", "secureobject") else ()
    kind = bicep_type(body.get("type"), f"output '{out.name}'")
    copy = body.get("copy")
    if isinstance(copy, dict):
        value = loop({"name": "", **copy}, "input", translator, 0)
    else:
        value = render(body.get("value"), translator)
    return Declaration("output", name, kind, value, decorators)


def assignment(name: str, param: Parameter, translator: Translator) -> Assignment | None:
    """The `.bicepparam` line of a parameter, or None to leave it to its default."""
    keyvault = param.body.get(KEYVAULT_KEY)
    if isinstance(keyvault, dict):
        return Assignment(name, get_secret(param.name, keyvault))
    default = param.default
    if default is NO_DEFAULT:
        return Assignment(name, f"readEnvironmentVariable({quote(env_name(param.name))})")
    if param.secure or not is_literal(default):
        return None
    return Assignment(name, render(default, translator))


def get_secret(name: str, keyvault: dict[str, Any]) -> str:
    match = _VAULT_ID.fullmatch(str(keyvault.get("vault_id", "")))
    if match is None:
        raise TranslationError(
            f"the Key Vault of parameter '{name}' is not a literal vault resource id"
        )
    args = [*match.groups(), str(keyvault.get("secret", ""))]
    return f"getSecret({', '.join(quote(a) for a in args)})"
