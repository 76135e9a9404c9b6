"""Choosing the `vm` and `vmss` forms during an import.

For each VM (and scale set) the importer finds the resources a `vm` declaration would make
(the NIC `NAME-nic` and, when the NIC uses one, the public IP `NAME-pip`), writes the candidate
declaration (`armc.importer.compute_forms`) and builds it after stubs of what it names: the
parameters, and the vnets, NSGs, availability sets, disks and load balancers that took their
own forms. The candidate is used only when the build is exactly the VM, its NIC and its public
IP; those two are then absorbed into the declaration (a `depends-on` on them names the VM)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from armc.arm.expressions import (
    ExpressionError,
    is_expression,
    parse_expression,
    unescape_literal,
)
from armc.arm.values import is_known
from armc.importer.compute_forms import Clauses, Declared, Path, vm_clauses, vmss_clauses
from armc.importer.forms import WORD, matches_group
from armc.model.template import Resource

if TYPE_CHECKING:
    from armc.importer import _Importer

VM = "microsoft.compute/virtualmachines"
VMSS = "microsoft.compute/virtualmachinescalesets"
NIC = "microsoft.network/networkinterfaces"
PIP = "microsoft.network/publicipaddresses"
VARYING = re.compile(
    r"\b(parameters|reference|list\w*|newGuid|utcNow|deployment|subscription|resourceGroup)\s*\(",
    re.IGNORECASE,
)
MISSING = object()
PARAMETER = re.compile(r"parameters\(\s*'([^']+)'", re.IGNORECASE)
RUNTIME = re.compile(r"\b(reference|list\w*|newGuid|utcNow)\s*\(", re.IGNORECASE)
STUB_KINDS = frozenset(
    {
        "microsoft.compute/availabilitysets",
        "microsoft.compute/disks",
        "microsoft.network/loadbalancers",
    }
)


def _raw(body: Any, path: Path) -> Any:
    for part in path:
        if isinstance(part, int):
            if not isinstance(body, list) or part >= len(body):
                return MISSING
        elif not isinstance(body, dict) or part not in body:
            return MISSING
        body = body[part]
    return body


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


class ResourceValues:
    """`compute_forms.Values` for one resource of the template being imported."""

    def __init__(self, importer: _Importer, resource: Resource) -> None:
        self.importer = importer
        self.resource = resource
        self.written: set[Path] = set()
        """The paths whose expressions the clauses carry over (`arg`)."""

    def derived(self, path: Path, source: Path) -> None:
        target = _raw(self.resource.body, path)
        if target is MISSING:
            return
        text = self.importer.expanded(" ".join(_strings(target)))
        if RUNTIME.search(text):
            return
        if self._parameters(target) <= self._parameters(_raw(self.resource.body, source)):
            self.written.add(path)

    def _parameters(self, raw: Any) -> set[str]:
        if raw is MISSING:
            return set()
        text = self.importer.expanded(" ".join(_strings(raw)))
        return {name.lower() for name in PARAMETER.findall(text)}

    def unexplained(self) -> bool:
        """Whether the resource holds a value depending on parameters that no clause carries
        over (the form would keep only the value for the defaults). Names, location, tags and
        resource ids are literal in the DSL anyway."""
        return self._unexplained(self.resource.body, ())

    def _unexplained(self, value: Any, path: Path) -> bool:
        if path in self.written:
            return False
        if isinstance(value, dict):
            return any(
                self._unexplained(v, (*path, k))
                for k, v in value.items()
                if k.lower() not in ("name", "location", "tags", "dependson", "id", "type")
                and not (k.lower() in ("condition", "copy", "apiversion") and not path)
            )
        if isinstance(value, list):
            return any(self._unexplained(v, (*path, i)) for i, v in enumerate(value))
        return isinstance(value, str) and not self.fixed_text(value)

    def fixed_text(self, text: str) -> bool:
        return not is_expression(text) or not VARYING.search(self.importer.expanded(text))

    def fixed(self, path: Path) -> bool:
        return all(self.fixed_text(text) for text in _strings(_raw(self.resource.body, path)))

    def arg(self, path: Path) -> str | None:
        from armc.importer import IDENTIFIER, _Untranslatable, dsl_string, literal

        raw = _raw(self.resource.body, path)
        if raw is MISSING:
            return None
        self.written.add(path)
        if isinstance(raw, str) and is_expression(raw):
            node = parse_expression(raw)
            if not isinstance(node, ExpressionError):
                self.importer.copy_index = self.resource.copy_index
                try:
                    text = self.importer.expression(node)
                except _Untranslatable:
                    pass
                else:
                    if IDENTIFIER.match(text) or text.startswith(("(", '"')):
                        return text
                    return f"({text})"
            if not self.fixed(path):
                return None
            raw = self.importer.loaded.value(self.resource, *path)
            if not is_known(raw):
                return None
        elif isinstance(raw, str):
            raw = unescape_literal(raw)
        if isinstance(raw, str):
            names = set(self.importer.param_names.values())
            if WORD.match(raw) and raw not in names and IDENTIFIER.match(raw[0]):
                return raw
            return dsl_string(raw)
        if isinstance(raw, int) and not isinstance(raw, bool):
            return literal(raw)
        return None


class ComputeImport:
    def __init__(self, importer: _Importer, resources: list[Resource]) -> None:
        self.importer = importer
        self.resources = resources
        self.by_name: dict[tuple[str, str], Resource] = {}
        for resource in resources:
            name = importer.decl_names.get(resource.key)
            if name is not None:
                self.by_name.setdefault((resource.type_lower, name), resource)

    def declared(self) -> Declared:
        imp = self.importer
        found = Declared(vnets=set(imp.vnet_lines), nsgs=set(imp.nsg_forms))
        kinds = {
            "microsoft.compute/availabilitysets": found.avsets,
            "microsoft.compute/disks": found.disks,
            "microsoft.network/loadbalancers": found.lbs,
        }
        for resource in self.resources:
            target = kinds.get(resource.type_lower)
            if (
                target is not None
                and imp.forms.get(resource.key)
                and resource.key in imp.decl_names
            ):
                target.add(imp.decl_names[resource.key])
        return found

    def stubs(self, clauses: Clauses) -> str:
        """The parameters, then every form the candidate names (and what those name)."""
        imp = self.importer
        parts = [line + "\n" for line in imp.param_lines if line]
        parts.extend(f"nsg {n} {{\n}}\n" for n in sorted(imp.nsg_forms))
        parts.extend(imp.vnet_lines[n] for n in sorted(imp.vnet_lines))
        for resource in self.resources:
            lines = imp.forms.get(resource.key)
            if not lines or resource.key in imp.absorbed:
                continue
            named = imp.decl_names.get(resource.key) in clauses.referenced
            if named and resource.type_lower in STUB_KINDS:
                parts.append("\n".join(lines) + "\n")
        return "".join(parts)

    def run(self) -> None:
        from armc.importer import check_params

        params = check_params(self.importer.loaded, self.importer.param_names)
        declared = self.declared()
        for resource in self.resources:
            if resource.type_lower in (VM, VMSS) and resource.key in self.importer.decl_names:
                self.try_form(resource, declared, params)

    def _plain(self, resource: Resource) -> bool:
        """Unconditioned, with no member a declaration cannot write."""
        return "condition" not in resource.body and not {k.lower() for k in resource.body} - {
            "type",
            "apiversion",
            "name",
            "location",
            "tags",
            "dependson",
            "copy",
            "comments",
            "properties",
            "zones",
            "identity",
            "sku",
        }

    def try_form(self, resource: Resource, declared: Declared, params: tuple[str, ...]) -> None:
        if self._plain(resource):
            for urn in (False, True):
                if self._try_form(resource, declared, params, urn):
                    return

    def _try_form(
        self, resource: Resource, declared: Declared, params: tuple[str, ...], urn: bool
    ) -> bool:
        """The form with the image as a catalogue alias, or (`urn`) as a URN."""
        imp = self.importer
        name = imp.decl_names[resource.key]
        expected = imp.loaded.evaluated(resource)
        owned: list[Resource] = []
        values_of = [ResourceValues(imp, resource)]
        if resource.type_lower == VM:
            nic = self.by_name.get((NIC, f"{name}-nic"))
            if nic is None or not self._plain(nic) or nic.key in imp.absorbed:
                return False
            nic_body = imp.loaded.evaluated(nic)
            nic_values = ResourceValues(imp, nic)
            values_of.append(nic_values)
            clauses = vm_clauses(name, expected, nic_body, values_of[0], nic_values, declared, urn)
            if clauses is None:
                return False
            owned.append(nic)
            if clauses.public_ip is not None:
                pip = self.by_name.get((PIP, clauses.public_ip))
                if pip is None or not self._plain(pip) or pip.key in imp.absorbed:
                    return False
                owned.append(pip)
                values_of.append(ResourceValues(imp, pip))
        else:
            clauses = vmss_clauses(name, expected, values_of[0], declared, urn)
            if clauses is None:
                return False
        if any(values.unexplained() for values in values_of):
            return False
        for other in owned:  # the declaration gives all of them its location and tags
            if any(other.body.get(k) != resource.body.get(k) for k in ("location", "tags")):
                return False
        if not self._dependencies_implied(resource, owned, clauses):
            return False
        bodies = [expected, *(imp.loaded.evaluated(r) for r in owned)]
        stubs = self.stubs(clauses)
        lines = self._fewest_clauses(clauses, bodies, stubs, params)
        if lines is None:
            return False
        imp.forms[resource.key] = lines
        for other in owned:
            imp.absorbed.add(other.key)
            imp.decl_names[other.key] = name
        return True

    def _fewest_clauses(
        self, clauses: Clauses, bodies: list[dict[str, Any]], stubs: str, params: tuple[str, ...]
    ) -> list[str] | None:
        """The declaration without the default clauses it builds the same without (all of
        them, else one by one); None when even the full declaration builds something else."""

        def builds(drop: set[str]) -> bool:
            text = "\n".join(clauses.lines(drop)) + "\n"
            return matches_group(text, bodies, stubs, params)

        if builds(set(clauses.droppable)):
            return clauses.lines(clauses.droppable)
        if not builds(set()):
            return None
        dropped: set[str] = set()
        for clause in clauses.clauses:
            if clause in clauses.droppable and builds(dropped | {clause}):
                dropped.add(clause)
        return clauses.lines(dropped)

    def _dependencies_implied(
        self, resource: Resource, owned: list[Resource], clauses: Clauses
    ) -> bool:
        """Whether every explicit dependsOn of the VM and what it owns is one the declaration
        writes by itself (on what it owns or on a declaration it names)."""
        imp = self.importer
        keys = {r.key for r in owned}
        implied = keys | {key for key, decl in imp.decl_names.items() if decl in clauses.referenced}
        loops = {_loop(key) for key in keys}  # a dependsOn on a whole copy loop of NICs
        for item in (resource, *owned):
            explicit = {d.target for d in item.dependencies if d.kind == "explicit"}
            if {t for t in explicit - implied - {item.key} if _loop(t) not in loops}:
                return False
        return True


def _loop(key: str) -> str:
    """The key of a copy-loop instance without its index (`...nic', copyIndex())][2]`)."""
    return re.sub(r"\[\d+\]$", "", key)
