"""AZV065: what uses a disk encryption set waits for the grant of the set's identity on its
Key Vault, when the template deploys that grant."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from armc.model.template import JsonPath
from armc.rules.base import Finding, Rule
from armc.rules.provenance import label
from armc.semantics.reader import display_name

if TYPE_CHECKING:
    import networkx as nx

    from armc.analysis.context import RuleContext

DES = "microsoft.compute/diskencryptionsets"
USERS = (
    "Microsoft.Compute/disks",
    "Microsoft.Compute/virtualMachines",
    "Microsoft.Compute/virtualMachineScaleSets",
)
# Where a grant to the set's identity can be: a role assignment, an access policy (or a vault
# with its policies inline), or a nested deployment that creates one of them.
GRANTS = (
    "Microsoft.Authorization/roleAssignments",
    "Microsoft.KeyVault/vaults/accessPolicies",
    "Microsoft.KeyVault/vaults",
    "Microsoft.Resources/deployments",
)


class DesGrantOrder(Rule):
    id = "AZV065"
    name = "des-grant-before-use"
    category = "validation"
    default_severity = "warning"
    resource_types = (DES,)
    summary = (
        "A disk, VM or scale set that uses a disk encryption set must depend on the template's "
        "grant of the set's identity on its Key Vault."
    )
    rationale = (
        "A disk encryption set unwraps its customer-managed key with its managed identity, "
        "which needs access to the Key Vault (the role Key Vault Crypto Service Encryption "
        "User, or an access policy with get, wrapKey and unwrapKey). When the template deploys "
        "that grant (a role assignment or access policy whose principal is the set's "
        "`identity.principalId`, possibly in a nested deployment), a disk or VM that depends "
        "only on the set may be created before the grant: ARM deploys them in parallel and "
        "the disk fails because the set cannot read the key. Depend on the grant."
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        sets = [(s, _id_argument(s.name)) for s in ctx.resources(DES)]
        sets = [(s, a) for s, a in sets if a is not None]
        if not sets:
            return
        grants = ctx.resources(*GRANTS)
        graph = ctx.graph
        for des, argument in sets:
            reference = _compact(f"resourceId('{des.type}', {argument})")
            granted = [g for g in grants if _grants(g.body, reference)]
            if not granted:
                continue
            for user in ctx.resources(*USERS):
                path = _first_use(user.body, reference)
                if path is None:
                    continue
                missing = [g for g in granted if not _reaches(graph, user.key, g.key)]
                for grant in missing[:1]:
                    yield Finding(
                        f"{label(ctx, user)} uses disk encryption set "
                        f"'{display_name(ctx, des)}' but does not depend on "
                        f"{label(ctx, grant)}, which grants the set's identity access to "
                        "its Key Vault",
                        (*user.path, *path),
                        user.key,
                        hint="add the grant to its dependsOn (`depends-on` in a .armc file)",
                        related=((grant.path, "the grant"),),
                    )


def _id_argument(name: Any) -> str | None:
    """The set's name as an argument of resourceId(): `'cmk'`, or the expression text of a
    name that is an expression."""
    if not isinstance(name, str) or "/" in name:
        return None
    if name.startswith("[[") or not name.startswith("["):
        return "'" + name.removeprefix("[").replace("'", "''") + "'"
    return name[1:-1] if name.endswith("]") else None


def _compact(text: str) -> str:
    return "".join(text.split()).lower()


def _strings(value: Any, path: JsonPath = ()) -> Iterator[tuple[JsonPath, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))


def _grants(body: dict[str, Any], reference: str) -> bool:
    """Whether a resource passes the set's principal id (its `identity.principalId`)."""
    return any(
        reference in text and "identity.principalid" in text
        for _, text in ((p, _compact(s)) for p, s in _strings(body.get("properties")))
    )


def _first_use(body: dict[str, Any], reference: str) -> JsonPath | None:
    """The path of the first string of `properties` that names the set (not its identity)."""
    for path, text in _strings(body.get("properties"), ("properties",)):
        compact = _compact(text)
        if reference in compact and "identity.principalid" not in compact:
            return path
    return None


def _reaches(graph: nx.DiGraph, source: str, target: str) -> bool:
    import networkx as nx

    return source in graph and target in graph and nx.has_path(graph, source, target)
