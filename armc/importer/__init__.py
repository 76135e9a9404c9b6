"""ARM JSON -> armc DSL (`armc import`).

The template is loaded and evaluated by the ARM front-end (parameter defaults or a parameters
file; copy loops expanded). Parameters become `param` declarations; every resource instance
becomes a `resource "TYPE@API" NAME` declaration (the escape hatch) named by its evaluated name.
Values are written as DSL expressions: ARM expressions are translated where the DSL has the same
operation (parameters, variables (inlined), string and logic functions, `resourceId`,
`reference`, ...), and replaced by their evaluated value where it is known (`copyIndex()`, an
unknown function). What can be neither is kept as literal text and reported in `notes`, so the
import is then not equivalent. `dependsOn` becomes `depends-on`.

`armc.importer.roundtrip` checks `build(import(T))` against `T`.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from armc.arm.expressions import (
    Call,
    Index,
    Literal,
    Node,
    Property,
    is_expression,
    parse_expression,
    unescape_literal,
)
from armc.arm.loaded import LoadedTemplate
from armc.arm.values import is_known
from armc.dsl.inner_template import in_inner_template
from armc.dsl.raw_location import takes_location
from armc.importer.compute_import import ComputeImport
from armc.importer.forms import (
    FORMS,
    GROUP_FORMS,
    WORD,
    matches,
    matches_group,
    vnet_form,
    with_clauses,
)
from armc.model.template import NO_DEFAULT, Parameter, Resource

IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
RESOURCE_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*(/[A-Za-z0-9_][A-Za-z0-9_.-]*)*\Z")
RESERVED = frozenset(
    {"if", "then", "else", "and", "or", "not", "true", "false", "null", "index", "secure"}
)
SET_BY_DECLARATION = frozenset(
    {"type", "apiversion", "name", "dependson", "condition", "copy", "location", "tags"}
)
DROPPED_MEMBERS = frozenset({"comments", "resources"})

# ARM function (lower case) -> DSL function
FUNCTION_NAMES = {
    "concat": "concat",
    "format": "format",
    "tolower": "lower",
    "toupper": "upper",
    "length": "length",
    "replace": "replace",
    "substring": "substring",
    "uniquestring": "unique_string",
    "resourcegroup": "resourceGroup",
    "subscription": "subscription",
    "string": "string",
    "int": "int",
    "bool": "bool",
    "json": "json",
    "base64": "base64",
    "contains": "contains",
    "empty": "empty",
    "first": "first",
    "last": "last",
    "min": "min",
    "max": "max",
    "split": "split",
    "join": "join",
    "trim": "trim",
    "guid": "guid",
    "startswith": "startsWith",
    "endswith": "endsWith",
    "take": "take",
    "skip": "skip",
    "union": "union",
    "coalesce": "coalesce",
    "range": "range",
    "tenant": "tenant",
    "deployment": "deployment",
    "environment": "environment",
    "resourceid": "resourceId",
    "subscriptionresourceid": "subscriptionResourceId",
    "extensionresourceid": "extensionResourceId",
    "reference": "reference",
    "listkeys": "listKeys",
    "uri": "uri",
    "padleft": "padLeft",
}
OPERATORS = {
    "equals": "==",
    "less": "<",
    "lessorequals": "<=",
    "greater": ">",
    "greaterorequals": ">=",
    "add": "+",
    "sub": "-",
    "mul": "*",
    "div": "/",
    "mod": "%",
    "and": "and",
    "or": "or",
}


@dataclass
class ImportResult:
    text: str
    notes: list[str] = field(default_factory=list)
    """What the import could not carry over exactly (values kept as text, placeholder names,
    parameters given their own name as value)."""
    info: list[str] = field(default_factory=list)
    """What the reader should know but does not change the deployment (a resource name that
    was an expression and is now literal, a placeholder parameter value)."""
    filled: list[str] = field(default_factory=list)
    """Parameters without a value that were evaluated with a placeholder value."""
    params: tuple[str, ...] = ()
    """Those placeholders as `name=value` (`--param`) with the DSL's parameter names, for
    evaluating the build the same way."""
    names: dict[str, str] = field(default_factory=dict)
    """The DSL name of each parameter (lower-cased template name -> identifier)."""

    @property
    def exact(self) -> bool:
        return not self.notes


class _Untranslatable(Exception):
    pass


def import_file(
    path: Path, parameters: Path | None = None, *, fill_missing: bool = True
) -> tuple[ImportResult | None, Any]:
    """Import an ARM template file; (None, loaded) when it cannot be loaded.

    DSL resource names are literal, so with `fill_missing` a parameter that has no value (no
    default, not in the parameters file) is given a placeholder: a string its own name
    (`vmName`), an int its minimum or 1 (copy counts). Each is noted in the result, and the
    template is evaluated with them (the round trip uses the same values)."""
    from armc.arm.loader import LoadOptions, load_template

    loaded = load_template(path, LoadOptions(parameters_file=parameters))
    if not loaded.ok:
        return None, loaded
    filled: dict[str, str] = {}
    if fill_missing:
        for name, use in loaded.parameters_used.items():
            parameter = loaded.template.parameters.get(name)
            if use.origin != "none" or parameter is None:
                continue
            if parameter.type == "string":
                filled[name] = name
            elif parameter.type == "int":
                minimum = parameter.body.get("minValue")
                filled[name] = str(minimum if isinstance(minimum, int) else 1)
        if filled:
            options = LoadOptions(
                parameters_file=parameters, params=tuple(f"{n}={v}" for n, v in filled.items())
            )
            loaded = load_template(path, options)
            if not loaded.ok:
                return None, loaded
    result = import_loaded(loaded, source_name=path.name)
    for name, value in reversed(filled.items()):
        result.info.insert(
            0, f"parameter '{name}' has no value: names were evaluated with {value!r}"
        )
    result.filled = list(filled)
    result.params = tuple(f"{result.names.get(n.lower(), n)}={v}" for n, v in filled.items())
    return result, loaded


def import_loaded(loaded: LoadedTemplate, source_name: str = "") -> ImportResult:
    return _Importer(loaded).run(source_name)


class _Importer:
    def __init__(self, loaded: LoadedTemplate) -> None:
        self.loaded = loaded
        self.template = loaded.template
        self.notes: list[str] = []
        self.param_names: dict[str, str] = {}
        self.variables = {k.lower(): v for k, v in self.template.variables.items()}
        self.decl_names: dict[str, str] = {}
        self.arm_names: dict[str, str] = {}  # ARM names shared with another declaration
        self.copy_index: int | None = None
        self.info: list[str] = []
        self.info_names: set[str] = set()
        self.nsg_forms: set[str] = set()
        self.forms: dict[str, list[str] | None] = {}
        self.vnet_forms: dict[str, str] = {}
        self.absorbed: set[str] = set()
        self.nsg_keys: dict[str, str] = {}
        self.vnet_lines: dict[str, str] = {}
        self.not_deployed: set[str] = set()
        self.current: Resource | None = None
        """The resource whose value is being translated (None for parameters)."""
        self.param_lines: list[str] = []

    # ---- whole file -------------------------------------------------------------------------

    def run(self, source_name: str) -> ImportResult:
        lines: list[str] = []
        if source_name:
            lines.append(f"# Imported from {source_name} by `armc import`.")
        for name in self.template.parameters:
            self.param_names[name.lower()] = _identifier(name, set(self.param_names.values()))
        for name, parameter in self.template.parameters.items():
            lines.append(self.parameter(name, parameter))
        self.param_lines = list(lines[1:] if source_name else lines)
        if self.template.parameters:
            lines.append("")
        # A nested deployment's own resources (`deployment::key`) are in its template.
        resources = [r for r in self.template.resources if not r.existing and "::" not in r.key]
        self.not_deployed = {
            r.key for r in resources if "condition" in r.body and self.loaded.condition(r) is False
        }
        for resource in resources:
            name = self.loaded.name(resource)
            if isinstance(name, str) and RESOURCE_NAME.match(name):
                self.decl_names[resource.key] = name
                self.info_names.add(resource.key)
        for resource in resources:  # NSGs first: a `vnet` form may name them
            nsg = resource.type_lower == "microsoft.network/networksecuritygroups"
            if nsg and resource.key in self.decl_names:
                self.copy_index = resource.copy_index
                self.high_level(resource, self.decl_names[resource.key])
        for resource in resources:  # then vnets: a load balancer or Bastion form names them
            vnet = resource.type_lower == "microsoft.network/virtualnetworks"
            if vnet and resource.key in self.decl_names:
                self.copy_index = resource.copy_index
                form = self.high_level(resource, self.decl_names[resource.key])
                if form is not None:
                    used = [n for n in self.nsg_forms if any(x.endswith(f" nsg {n}") for x in form)]
                    nsg_stubs = "".join(f"nsg {n} {{\n}}\n" for n in sorted(used))
                    self.vnet_forms[self.decl_names[resource.key]] = (
                        nsg_stubs + "\n".join(form) + "\n"
                    )
                    self.vnet_lines[self.decl_names[resource.key]] = "\n".join(form) + "\n"
        for resource in resources:
            if resource.type_lower in GROUP_FORMS and resource.key in self.decl_names:
                self.group_form(resource, resources)
        for resource in resources:  # then what a `vm` may name: availability sets, disks
            if resource.type_lower in FORMS and resource.key in self.decl_names:
                self.copy_index = resource.copy_index
                self.high_level(resource, self.decl_names[resource.key])
        ComputeImport(self, resources).run()
        hatches: set[str] = set()  # `resource` declarations share one namespace
        for resource in resources:
            shared = self.decl_names.get(resource.key, "")
            if resource.key in self.absorbed or self.forms.get(resource.key) or not shared:
                continue
            if shared in hatches:  # another type's ARM name: a `name:` member sets it
                self.arm_names[resource.key] = shared
                base = candidate = f"{shared}-{resource.type.rsplit('/', 1)[-1]}"
                for number in itertools.count(2):
                    if candidate not in hatches:
                        break
                    candidate = f"{base}-{number}"
                self.decl_names[resource.key] = candidate
            hatches.add(self.decl_names[resource.key])
        for resource in resources:
            if resource.key in self.absorbed:
                continue
            lines.extend(self.resource(resource))
            lines.append("")
        while lines and lines[-1] == "":
            lines.pop()
        return ImportResult(
            "\n".join(lines) + "\n", self.notes, self.info, names=dict(self.param_names)
        )

    def parameter(self, name: str, parameter: Parameter) -> str:
        body = parameter.body
        kind = str(body.get("type", "string")).lower()
        types = {
            "string": "string",
            "securestring": "secure string",
            "int": "int",
            "bool": "bool",
            "array": "array",
            "object": "object",
            "secureobject": "secure object",
        }
        text = f"param {self.param_names[name.lower()]}: {types.get(kind, 'string')}"
        default = parameter.default
        if default == "" and kind.startswith("secure") and _empty_secure_default_allowed():
            text += ' = ""'
        elif default is not NO_DEFAULT and not kind.startswith("secure"):
            try:
                text += " = " + self.value(default, None, ())
            except _Untranslatable:
                self.notes.append(f"parameter '{name}': default not translated")
        allowed = parameter.allowed_values
        if allowed:
            try:
                text += " allowed(" + ", ".join(self.value(v, None, ()) for v in allowed) + ")"
            except _Untranslatable:
                self.notes.append(f"parameter '{name}': allowed values not translated")
        if "minValue" in body and "maxValue" in body:
            text += f" range({int(body['minValue'])}, {int(body['maxValue'])})"
        if "minLength" in body and "maxLength" in body:
            text += f" length({int(body['minLength'])}, {int(body['maxLength'])})"
        if parameter.description:
            text += " description " + dsl_string(parameter.description)
        return text

    # ---- resources ----------------------------------------------------------------------

    def resource(self, resource: Resource) -> list[str]:
        self.copy_index = resource.copy_index
        self.note_copy_count(resource)
        name = self.decl_names.get(resource.key)
        if name is None:
            self.notes.append(f"{resource.key}: the name is not known before deployment")
            name = self.placeholder_name(resource)
        raw_name = resource.name
        if (
            isinstance(raw_name, str)
            and raw_name.startswith("[")
            and resource.key in self.info_names
        ):
            if DEPLOYMENT_FUNCTIONS.search(self.expanded(raw_name)):
                self.notes.append(
                    f"{resource.key}: the name depends on the deployment ({raw_name[:60]}); "
                    f"'{name}' was computed for a placeholder resource group"
                )
            else:
                literal_name = self.arm_names.get(resource.key, name)
                self.info.append(f"{resource.key}: the name is now the literal '{literal_name}'")
        api_version = resource.api_version
        if api_version.startswith("["):  # `[variables('apiVersion')]`: a literal in the DSL
            evaluated = self.loaded.value(resource, "apiVersion")
            if isinstance(evaluated, str):
                api_version = evaluated
        header = f"resource {dsl_string(f'{resource.type}@{api_version}')} {name}"
        body = resource.body
        if "condition" in body:
            condition = self.loaded.condition(resource)
            if condition is False:
                return [f"# {resource.key}: not deployed (its condition is false)"]
            if condition is not True:
                header += " if " + self.member(resource, ("condition",))
        clauses: list[str] = []
        if resource.key in self.arm_names:
            clauses.append("  name: " + dsl_string(self.arm_names[resource.key]))
        located = takes_location(resource.type, api_version)  # what the build gives it
        if "location" in body and (not located or not self.default_location(body["location"])):
            clauses.append("  location " + _arg(self.member(resource, ("location",))))
        elif "location" not in body and located:
            clauses.append("  location none")
        if isinstance(body.get("tags"), dict) and body["tags"]:
            clauses.append("  tags " + self.member(resource, ("tags",)))
        elif body.get("tags"):
            tags = self.loaded.value(resource, "tags")
            if isinstance(tags, dict) and tags and is_known(tags):
                clauses.append("  tags " + literal(tags))
            elif not isinstance(tags, dict) or tags:  # an object parameter: `tags (EXPR)`
                clauses.append("  tags " + _arg(self.member(resource, ("tags",))))
        form = self.high_level(resource, name)
        if form is not None:
            return with_clauses(form, clauses)
        lines = [header + " {", *clauses]
        for key, value in body.items():
            if key.lower() in SET_BY_DECLARATION or key.lower() in DROPPED_MEMBERS:
                continue
            rendered = self.member(resource, (key,))
            if key == "zones":
                rendered = self.zones(resource, rendered)
            if isinstance(value, dict):
                lines.append(f"  {_key(key)} {rendered}")
            else:
                lines.append(f"  {_key(key)}: {rendered}")
        depends = sorted(
            {
                self.decl_names[d.target]
                for d in resource.dependencies
                if d.kind == "explicit"
                and d.target in self.decl_names
                and d.target not in self.not_deployed
            }
        )
        if depends:
            lines.append("  depends-on " + " ".join(depends))
        lines.append("}")
        return lines

    def note_copy_count(self, resource: Resource) -> None:
        """A copy loop is expanded, one declaration per instance: exact only when its count
        does not depend on parameters (noted once per loop)."""
        loop = resource.body.get("copy")
        if not isinstance(loop, dict):
            return
        count = loop.get("count")
        if not isinstance(count, str) or not VARYING.search(self.expanded(count)):
            return
        note = (
            f"copy loop '{loop.get('name')}': {self.loaded.value(resource, 'copy', 'count')!r}"
            f" instances, for the parameters' defaults ({count[:60]})"
        )
        if note not in self.notes:
            self.notes.append(note)

    def zones(self, resource: Resource, rendered: str) -> str:
        """Zones are strings in Azure; an expression giving a number (`[copyIndex(1)]`,
        which ARM converts) is written as the string, so the build stays schema-valid."""
        zones = self.loaded.value(resource, "zones")
        numbers = isinstance(zones, list) and any(
            isinstance(z, int) and not isinstance(z, bool) for z in zones
        )
        if numbers and is_known(zones):
            return literal([str(z) for z in zones])
        return rendered

    def default_location(self, value: Any) -> bool:
        """Whether `value` is `[parameters('location')]` of a `location` parameter, which is
        what every DSL declaration gets without a `location` clause."""
        if self.param_names.get("location") != "location" or not isinstance(value, str):
            return False
        return re.sub(r"\s+", "", value).lower() == "[parameters('location')]"

    def high_level(self, resource: Resource, name: str) -> list[str] | None:
        """The high-level form of the resource when it builds to the same body (cached)."""
        if resource.key not in self.forms:
            self.forms[resource.key] = self._high_level(resource, name)
        return self.forms[resource.key]

    def _high_level(self, resource: Resource, name: str) -> list[str] | None:
        make = FORMS.get(resource.type_lower)
        is_vnet = resource.type_lower == "microsoft.network/virtualnetworks"
        if make is None and not is_vnet:
            return None
        if "condition" in resource.body and self.loaded.condition(resource) is not True:
            return None
        if resource.key not in self.decl_names or self.varies(resource.body):
            return None
        expected = self.loaded.evaluated(resource)
        if not is_known(expected):
            return None
        if is_vnet:
            lines = vnet_form(name, expected, frozenset(self.nsg_forms))
        else:
            assert make is not None
            lines = make(name, expected)
        if lines is None:
            return None
        used = sorted(
            n for n in self.nsg_forms if any(line.endswith(f" nsg {n}") for line in lines)
        )
        explicit = {d.target for d in resource.dependencies if d.kind == "explicit"}
        if explicit - {self.nsg_keys[n] for n in used}:
            return None  # a dependsOn the form would not write
        stubs = "".join(f"nsg {n} {{\n}}\n" for n in used)
        if not matches("\n".join(lines) + "\n", expected, stubs):
            return None
        if resource.type_lower == "microsoft.network/networksecuritygroups":
            self.nsg_forms.add(name)
            self.nsg_keys[name] = resource.key
        return lines

    def varies(self, value: Any, key: str = "") -> bool:
        """Whether a resource body holds a value (other than its name, location, tags and
        resource ids, which are literal in the DSL anyway) that depends on parameters. The
        forms write evaluated values, so they would keep only the defaults' deployment."""
        if isinstance(value, dict):
            return any(
                self.varies(v, k)
                for k, v in value.items()
                if k.lower() not in SET_BY_DECLARATION and k.lower() != "id"
            )
        if isinstance(value, list):
            return any(self.varies(v, key) for v in value)
        return isinstance(value, str) and bool(VARYING.search(self.expanded(value)))

    def group_form(self, resource: Resource, resources: list[Resource]) -> None:
        """An `lb` or `bastion` form, which also makes the public IP `NAME-pip`: used when the
        declaration builds exactly this resource and that public IP (and the vnet it names has
        the `vnet` form)."""
        name = self.decl_names[resource.key]
        body = resource.body
        if "condition" in body or resource.copy_index is not None or self.varies(body):
            return
        expected = self.loaded.evaluated(resource)
        made = GROUP_FORMS[resource.type_lower](name, expected)
        if not is_known(expected) or made is None:
            return
        lines, pip, subnet = made
        bodies = [expected]
        absorbed: list[str] = []
        if pip is not None:
            if pip != f"{name}-pip":
                return
            matching = [
                r
                for r in resources
                if r.type_lower == "microsoft.network/publicipaddresses"
                and self.decl_names.get(r.key) == pip
                and r.body.get("tags") == body.get("tags")
                and "condition" not in r.body
                and not self.varies(r.body)
                and r.body.get("location") == body.get("location")
            ]
            if len(matching) != 1:
                return
            pip_body = self.loaded.evaluated(matching[0])
            zones = pip_body.get("zones")
            if zones and lines[0].startswith("lb "):
                if not all(isinstance(z, str) and z.isdigit() for z in zones):
                    return
                lines = [lines[0][:-2] + f" zones({', '.join(zones)}) {{", *lines[1:]]
            bodies.append(pip_body)
            absorbed.append(matching[0].key)
        stubs = ""
        implied = set(absorbed)  # dependencies the form writes by itself
        if subnet is not None:
            vnet = subnet.split(".", 1)[0]
            if vnet not in self.vnet_forms:
                return
            stubs = self.vnet_forms[vnet]
            implied.update(k for k, n in self.decl_names.items() if n == vnet)
        if {d.target for d in resource.dependencies if d.kind == "explicit"} - implied:
            return
        if not matches_group("\n".join(lines) + "\n", bodies, stubs):
            return
        self.forms[resource.key] = lines
        self.absorbed.update(absorbed)
        for key in absorbed:  # `depends-on web-pip` becomes `depends-on web` (the lb)
            self.decl_names[key] = name

    def expanded(self, text: str) -> str:
        """`text` with the variables it names (and theirs) appended, to search for functions."""
        seen: set[str] = set()
        pending = [text]
        parts: list[str] = []
        while pending and len(seen) < 50:
            current = pending.pop()
            parts.append(current)
            for name in re.findall(r"variables\(\s*'([^']+)'", current, re.IGNORECASE):
                key = name.lower()
                if key not in seen and key in self.variables:
                    seen.add(key)
                    pending.append(repr(self.variables[key]))
        return "\n".join(parts)

    def placeholder_name(self, resource: Resource) -> str:
        """A unique word for a resource whose name is an expression with unknown inputs: the
        names inside the expression (`vmName-nic` for `[concat(parameters('vmName'), '-nic')]`)."""
        raw = resource.name if isinstance(resource.name, str) else resource.key
        words = re.findall(r"'([A-Za-z0-9_.-]+)'", raw) or ["resource"]
        base = "-".join(words)[:60].strip("-._") or "resource"
        if resource.copy_index is not None:
            base += f"-{resource.copy_index}"
        taken = set(self.decl_names.values())
        candidate, number = base, 2
        while candidate in taken:
            candidate = f"{base}-{number}"
            number += 1
        self.decl_names[resource.key] = candidate
        return candidate

    def member(self, resource: Resource, path: tuple[str | int, ...]) -> str:
        value: Any = resource.body
        for part in path:
            value = value[part]
        try:
            return self.value(value, resource, path)
        except _Untranslatable:
            self.notes.append(f"{resource.key}: {'.'.join(map(str, path))} not translated")
            return "{}" if isinstance(value, dict) else "null"

    # ---- values -------------------------------------------------------------------------

    def value(
        self,
        value: Any,
        resource: Resource | None,
        path: tuple[str | int, ...],
        multiline: bool = True,
    ) -> str:
        """DSL text for a JSON value that may hold ARM expressions; objects and arrays of data
        span lines (`armc fmt` indents them), except inside expressions. The template of a
        nested deployment of its own scope is ARM text for that deployment: its strings stay
        as they are (the DSL writes them so, see `armc.dsl.inner_template`)."""
        inner = resource is not None and in_inner_template(resource.body, path)
        if inner and isinstance(value, str):
            return dsl_string(value)
        if isinstance(value, dict):
            if not value:
                return "{}"
            if isinstance(value.get("copy"), list) and resource is not None and not inner:
                try:
                    return self.evaluated_data(resource, path)
                except _Untranslatable:
                    where = ".".join(map(str, path))
                    self.notes.append(f"{resource.key}: {where}: a property copy loop kept as text")
            members = [
                f"{_key(k)}: {self.value(v, resource, (*path, k), multiline)}"
                for k, v in value.items()
            ]
            if multiline:
                return "{\n" + "\n".join(members) + "\n}"
            return "{ " + ", ".join(members) + " }"
        if isinstance(value, list):
            if not value:
                return "[]"
            items = [self.value(v, resource, (*path, i), multiline) for i, v in enumerate(value)]
            if multiline:
                return "[\n" + "\n".join(items) + "\n]"
            return "[" + ", ".join(items) + "]"
        if isinstance(value, str) and is_expression(value):
            node = parse_expression(value)
            if isinstance(node, Literal | Call | Property | Index):
                outer = self.current
                self.current = resource or outer  # a variable's value keeps its user's
                try:
                    return self.expression(node)
                except _Untranslatable:
                    pass
                finally:
                    self.current = outer
            try:
                return self.evaluated(resource, path)
            except _Untranslatable:
                if resource is None:
                    raise
                where = ".".join(map(str, path))
                self.notes.append(f"{resource.key}: {where} kept as text: {value[:60]}")
                return dsl_string(value)
        if isinstance(value, str):
            return dsl_string(unescape_literal(value))
        return literal(value)

    def evaluated_data(self, resource: Resource, path: tuple[str | int, ...]) -> str:
        """A property copy loop: its evaluated result, as data."""
        value = self.loaded.value(resource, *path)
        if not is_known(value):
            raise _Untranslatable()
        return evaluated_text(value)

    def evaluated(self, resource: Resource | None, path: tuple[str | int, ...]) -> str:
        if resource is None:
            raise _Untranslatable()
        value = self.loaded.value(resource, *path)
        if not is_known(value):
            raise _Untranslatable()
        text = evaluated_text(value)
        raw: Any = resource.body
        for part in path:
            raw = raw[part]
        self.note_baked(resource, path, raw)
        return text

    def note_baked(self, resource: Resource, path: tuple[str | int, ...], raw: Any) -> None:
        """An expression replaced by its value: exact only when no parameter changes it."""
        if isinstance(raw, str) and VARYING.search(self.expanded(raw)):
            where = ".".join(map(str, path)) or "a value"
            self.notes.append(
                f"{resource.key}: {where} is the value for the parameters' defaults "
                f"(the DSL cannot say {raw[:60]})"
            )

    def member_expression(self, node: Property | Index) -> str:
        """`x.name` or `x[i]`. The DSL takes them after a name or a call only, so a variable
        holding data (`variables('sizes').small`) is looked into at import time (ARM property
        names are case-insensitive), and anything else in parentheses cannot be written."""
        data = self.variable_data(node.target)
        if data is not _NO_DATA:
            found = _look_into(data, node, self.index_value(node))
            if found is not _NO_DATA:
                return self.value(found, None, (), multiline=False)
        chosen = self.chosen(node)
        if chosen is not None:
            return self.choice(chosen[1], chosen[0])
        target = self.expression(node.target)
        if target.startswith("(") or target.startswith("[") or target.startswith("{"):
            raise _Untranslatable()
        if isinstance(node, Property):
            if not IDENTIFIER.match(node.name):
                raise _Untranslatable()
            return f"{target}.{node.name}"
        return f"{target}[{self.expression(node.index)}]"

    def chosen(self, node: Node) -> tuple[Node, dict[str, Any]] | None:
        """For `variables('x')[key]...` with a key known only at deployment: the key and, per
        member name, what the whole access gives for that member."""
        if not isinstance(node, Property | Index):
            return None
        index = self.index_value(node)
        if isinstance(node, Index) and index is _NO_DATA:
            data = self.variable_data(node.target)
            return (node.index, dict(data)) if isinstance(data, dict) else None
        inner = self.chosen(node.target)
        if inner is None:
            return None
        members = {k: _look_into(v, node, index) for k, v in inner[1].items()}
        if any(v is _NO_DATA for v in members.values()):
            return None
        return inner[0], members

    def choice(self, data: dict[str, Any], index: Node) -> str:
        """`variables('x')[key]` with a key known only at deployment: the member chosen with
        `if`, matching names as ARM does (case-insensitively); the last member stands for any
        other key, with which ARM would fail the deployment."""
        keys = list(data)
        if not 1 < len(keys) <= MAX_CHOICES or len({k.lower() for k in keys}) != len(keys):
            raise _Untranslatable()
        key = self.expression(index)
        text = self.value(data[keys[-1]], None, (), multiline=False)
        for name in reversed(keys[:-1]):
            value = self.value(data[name], None, (), multiline=False)
            text = f"if lower({key}) == {dsl_string(name.lower())} then {value} else {text}"
        return f"({text})"

    def index_value(self, node: Property | Index) -> Any:
        """The value of `node`'s index when it is known at import time (a literal, or an
        expression such as `copyIndex()` evaluated for the current instance)."""
        if isinstance(node, Property):
            return _NO_DATA
        if isinstance(node.index, Literal):
            return node.index.value
        if self.current is None:
            return _NO_DATA
        from armc.arm.expressions import unparse

        text = unparse(node.index)
        if VARYING.search(self.expanded(text)):
            return _NO_DATA  # looking in with the defaults' index would drop the others
        value = self.evaluate_here(text)
        return value if isinstance(value, int | str) and is_known(value) else _NO_DATA

    def evaluate_here(self, expression: str) -> Any:
        """An ARM expression (without brackets) evaluated for the current resource instance."""
        assert self.current is not None
        place = self.loaded.placement(self.current)
        with place.iteration():
            return place.evaluator.evaluate("[" + expression + "]", self.current.path)

    def variable_data(self, node: Node) -> Any:
        """The raw value of `variables('x')` (or of a member of one), else `_NO_DATA`."""
        if isinstance(node, Call) and node.name.lower() == "variables" and len(node.args) == 1:
            argument = node.args[0]
            if isinstance(argument, Literal):
                return self.variables.get(str(argument.value).lower(), _NO_DATA)
            return _NO_DATA
        if isinstance(node, Property | Index):
            data = self.variable_data(node.target)
            return _NO_DATA if data is _NO_DATA else _look_into(data, node, self.index_value(node))
        return _NO_DATA

    def expression(self, node: Node) -> str:
        """DSL text for an ARM expression; a part the DSL cannot say (a function it lacks)
        takes its evaluated value when that is known and holds no placeholder of the
        deployment, as whole values do."""
        try:
            return self._expression(node)
        except _Untranslatable:
            if self.current is None or isinstance(node, Literal):
                raise
            from armc.arm.expressions import unparse

            text = unparse(node)
            value = self.evaluate_here(text)
            if not is_known(value):
                raise
            result = evaluated_text(value)
            self.note_baked(self.current, (), "[" + text + "]")
            return result

    def copy_offset(self, args: tuple[Node, ...]) -> int:
        """The offset of `copyIndex([loop], [offset])` of the resource's own loop; another
        loop (a property or variable copy) or an offset that is an expression cannot be
        written here (the caller evaluates it for the instance instead)."""
        loop = self.current.body.get("copy") if self.current is not None else None
        own = str(loop.get("name", "")).lower() if isinstance(loop, dict) else None
        offset = 0
        for argument in args:
            if not isinstance(argument, Literal):
                raise _Untranslatable()
            if isinstance(argument.value, str):
                if argument.value.lower() != own:
                    raise _Untranslatable()
            elif isinstance(argument.value, int) and not isinstance(argument.value, bool):
                offset = argument.value
            else:
                raise _Untranslatable()
        return offset

    def _expression(self, node: Node) -> str:
        if isinstance(node, Literal):
            return literal(node.value)
        if isinstance(node, Property | Index):
            return self.member_expression(node)
        if not isinstance(node, Call):
            raise _Untranslatable()
        name = node.name.lower()
        args = node.args
        if name == "parameters" and len(args) == 1 and isinstance(args[0], Literal):
            found = self.param_names.get(str(args[0].value).lower())
            if found is None:
                raise _Untranslatable()
            return found
        if name == "variables" and len(args) == 1 and isinstance(args[0], Literal):
            key = str(args[0].value).lower()
            if key not in self.variables:
                raise _Untranslatable()
            return "(" + self.value(self.variables[key], None, (), multiline=False) + ")"
        if name in OPERATORS and len(args) == 2:
            left, right = (self.expression(a) for a in args)
            return f"({left} {OPERATORS[name]} {right})"
        if name == "copyindex" and self.copy_index is not None:
            return str(self.copy_index + self.copy_offset(args))
        if name == "not" and len(args) == 1:
            return f"(not {self.expression(args[0])})"
        if name == "if" and len(args) == 3:
            condition, then, other = (self.expression(a) for a in args)
            return f"(if {condition} then {then} else {other})"
        if name in ("true", "false") and not args:
            return name
        if name == "null" and not args:
            return "null"
        if name == "createarray":
            return "[" + ", ".join(self.expression(a) for a in args) + "]"
        dsl = FUNCTION_NAMES.get(name)
        if dsl is None:
            raise _Untranslatable()
        return f"{dsl}({', '.join(self.expression(a) for a in args)})"


_NO_DATA = object()
MAX_CHOICES = 8


def _look_into(data: Any, node: Property | Index, index: Any) -> Any:
    """`data.name` or `data[index]` (`index`: the index's value or `_NO_DATA`), else
    `_NO_DATA`."""
    key = node.name if isinstance(node, Property) else index
    if key is _NO_DATA:
        return _NO_DATA
    if isinstance(data, dict) and isinstance(key, str):
        found = [v for k, v in data.items() if k.lower() == key.lower()]
        return found[0] if len(found) == 1 else _NO_DATA
    if isinstance(data, list) and isinstance(key, int) and not isinstance(key, bool):
        return data[key] if 0 <= key < len(data) else _NO_DATA
    return _NO_DATA


VARYING = re.compile(r"\b(parameters|reference|list\w*|newGuid|utcNow)\s*\(", re.IGNORECASE)
"""What makes an expression's value differ between deployments of one template."""
DEPLOYMENT_FUNCTIONS = re.compile(
    r"\b(resourceGroup|subscription|deployment|tenant|newGuid|utcNow)\s*\(", re.IGNORECASE
)


def evaluated_text(value: Any) -> str:
    """DSL text for an evaluated value. Resource ids the evaluator made for its placeholder
    subscription and resource group become `resourceId(...)` (or `subscriptionResourceId`),
    which a real deployment resolves for its own; any other value holding a placeholder cannot
    be written (`_Untranslatable`)."""
    if isinstance(value, str):
        call = _resource_id_call(value)
        if call is not None:
            return call
        if _placeholder_dependent(value):
            raise _Untranslatable()
        return dsl_string(value)
    if isinstance(value, list):
        return "[" + ", ".join(evaluated_text(v) for v in value) + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        if _placeholder_dependent(list(value)):
            raise _Untranslatable()
        return "{ " + ", ".join(f"{_key(k)}: {evaluated_text(v)}" for k, v in value.items()) + " }"
    return literal(value)


def _resource_id_call(text: str) -> str | None:
    from armc.arm.functions.base import DeploymentContext

    context = DeploymentContext()
    prefix = f"/subscriptions/{context.subscription_id}/"
    if not text.lower().startswith(prefix.lower()):
        return None
    rest = text[len(prefix) :]
    function = "subscriptionResourceId"
    group = f"resourceGroups/{context.resource_group}/"
    if rest.lower().startswith(group.lower()):
        rest, function = rest[len(group) :], "resourceId"
    parts = rest.split("/")
    if len(parts) < 4 or len(parts) % 2 or parts[0].lower() != "providers" or "" in parts:
        return None
    types = [parts[1], *parts[2::2]]
    names = parts[3::2]
    if _placeholder_dependent(names):
        return None
    arguments = [dsl_string("/".join(types)), *(dsl_string(n) for n in names)]
    return f"{function}({', '.join(arguments)})"


def _placeholder_dependent(value: Any) -> bool:
    """Whether an evaluated value holds the evaluator's placeholder deployment (subscription,
    resource group, deployment name): a literal of it would be wrong in a real deployment."""
    from armc.arm.functions.base import DeploymentContext

    context = DeploymentContext()
    marks = (
        context.subscription_id,
        f"/resourceGroups/{context.resource_group}",
        context.deployment_name,
        "armc.invalid",
    )
    text = repr(value)
    return any(mark in text for mark in marks)


@functools.cache
def _empty_secure_default_allowed() -> bool:
    """Whether the DSL accepts `param p: secure string = ""` (an empty default stores no
    secret; ARM templates use it for optional tokens such as `_artifactsLocationSasToken`)."""
    from armc.diagnostics import CompileError
    from armc.dsl import compile_source

    try:
        compile_source('param p: secure string = ""\n', "<probe>.armc")
    except CompileError:
        return False
    return True


def check_params(loaded: LoadedTemplate, names: dict[str, str]) -> tuple[str, ...]:
    """The parameter values given to the template (a parameters file, placeholders) as
    `dsl_name=value`, to evaluate candidate forms the same way."""
    found = []
    for name, use in sorted(loaded.parameters_used.items()):
        if use.origin not in ("file", "cli"):
            continue
        value = use.value
        if isinstance(value, bool):
            text = "true" if value else "false"
        elif isinstance(value, int | str):
            text = str(value)
        else:
            continue
        found.append(f"{names.get(name.lower(), name)}={text}")
    return tuple(found)


def _identifier(name: str, taken: set[str]) -> str:
    candidate = re.sub(r"[^A-Za-z0-9_]", "_", name)
    if not candidate or candidate[0].isdigit():
        candidate = "_" + candidate
    if candidate.lower() in RESERVED:
        candidate += "_"
    base, number = candidate, 2
    while candidate in taken:
        candidate = f"{base}_{number}"
        number += 1
    return candidate


def _key(key: str) -> str:
    return key if WORD.match(key) and not key.startswith(tuple("0123456789")) else dsl_string(key)


def _arg(text: str) -> str:
    """A clause argument: a plain string, a name, or a parenthesised expression."""
    if text.startswith('"') or text.startswith("(") or IDENTIFIER.match(text):
        return text
    return f"({text})"


def dsl_string(text: str) -> str:
    escaped = (
        text.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\t", "\\t")
        .replace("\r", "\\r")
        .replace("$", "\\$")
    )
    return f'"{escaped}"'


def literal(value: Any) -> str:
    """DSL text of a plain JSON value (no expressions inside)."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return dsl_string(value)
    if isinstance(value, list):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        return "{ " + ", ".join(f"{_key(k)}: {literal(v)}" for k, v in value.items()) + " }"
    raise _Untranslatable()
