"""Identifiers of a Bicep file: valid, not keywords, unique across parameters, variables and
resources (outputs have a namespace of their own), chosen deterministically in model order."""

from __future__ import annotations

import re

from armc.emit.bicep_text import KEYWORDS, camel, identifier, words
from armc.emit.json_text import is_expression
from armc.model.template import Resource

# Short kinds for common types, as the DSL and idiomatic Bicep name them.
KIND_ALIASES = {
    "microsoft.network/virtualnetworks": "vnet",
    "microsoft.network/networkinterfaces": "nic",
    "microsoft.network/networksecuritygroups": "nsg",
    "microsoft.network/publicipaddresses": "pip",
    "microsoft.network/loadbalancers": "lb",
    "microsoft.compute/virtualmachines": "vm",
    "microsoft.compute/virtualmachinescalesets": "vmss",
    "microsoft.compute/availabilitysets": "avset",
}


class Names:
    """Allocates identifiers; a taken one gets the smallest free numeric suffix (`nic2`)."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def claim(self, wanted: str) -> str:
        base = identifier(wanted)
        name = base
        counter = 2
        while name in self.taken or name in KEYWORDS:
            name = f"{base}{counter}"
            counter += 1
        self.taken.add(name)
        return name


def resource_stem(resource: Resource) -> str:
    """An idiomatic symbolic name: the resource's name in camelCase, then its kind unless the
    name already ends with it (`vnet:core` -> `coreVnet`, `nic:web-0-nic` -> `web0Nic`). DSL
    keys (`kind:name`) give both; otherwise the type's last segment is the kind."""
    key = resource.key
    name = resource.name
    kind = ""
    if ":" in key and not key.startswith("Microsoft."):
        kind, name = key.split(":", 1)  # a DSL key: `kind:name`
        kind = "" if kind == "resource" else kind  # the DSL's generic resource: by its type
    if not kind:
        kind = type_kind(resource)
    kind_words = re.findall(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])", kind)  # camelCase words
    if not isinstance(name, str) or is_expression(name):
        stem = camel(kind_words) or "resource"
        return plural(stem) if resource.copy is not None else stem
    name_words = words(re.sub(r"\{\d+\}", "", name.rsplit("/", 1)[-1]))  # a loop's `{0}`
    if name_words and kind_words and name_words[-1].lower() == kind_words[-1].lower():
        kind_words = []
    stem = camel([*name_words, *kind_words]) or "resource"
    if stem[0].isdigit():
        stem = camel([*kind_words, *name_words])
    return plural(stem) if resource.copy is not None else stem


def type_kind(resource: Resource) -> str:
    """A kind from the type: a short one for common types, else its last segment, singular."""
    if resource.type_lower in KIND_ALIASES:
        return KIND_ALIASES[resource.type_lower]
    last = resource.type.rsplit("/", 1)[-1]
    return last[:-1] if last.endswith("s") and not last.endswith("ss") else last


def plural(stem: str) -> str:
    """A loop's symbol names its instances: `webNic` -> `webNics`."""
    return stem if stem.endswith("s") else stem + "s"
