"""Whether a `resource` of the escape hatch gets the default `location`.

ARM rejects or ignores `location` on proxy and extension resources (a peering, a role
assignment), and armc's type check (AZV100) reports it as an unknown property. The type tables
(`armc.types`) say whether the type's model has `location`; for a type they do not describe,
a few well-known extension types take none, other top-level types (`Provider/type`) get one
and child types (`Provider/type/child`, most of which are proxy resources) none. A `location`
clause always wins: `location EXPR` sets it, `location none` leaves it out."""

from __future__ import annotations

# Extension and proxy types the tables do not describe that take no location.
LOCATIONLESS = frozenset(
    {
        "microsoft.authorization/locks",
        "microsoft.authorization/roleassignments",
        "microsoft.authorization/roledefinitions",
        "microsoft.insights/diagnosticsettings",
        "microsoft.resources/deployments",  # at resource group scope
        "microsoft.resources/tags",
    }
)


def takes_location(type_name: str, api_version: str) -> bool:
    """Whether a resource of `type_name` at `api_version` gets the default location."""
    from armc.types.tables import lookup, package

    entry = lookup(type_name, api_version)
    if entry is not None:
        model = package(entry.package).model(entry.model)
        if model is not None:
            return "location" in model.properties
    if type_name.lower() in LOCATIONLESS:
        return False
    return type_name.count("/") == 1
