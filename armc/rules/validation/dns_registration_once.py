"""AZV064: a virtual network auto-registers its VMs in at most one private DNS zone."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.model.template import Resource
from armc.rules.base import Finding, Rule
from armc.semantics.network import parse_resource_id, parse_resource_id_call
from armc.semantics.reader import display_name

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext

LINK = "microsoft.network/privatednszones/virtualnetworklinks"
VNET = "microsoft.network/virtualnetworks"


class DnsRegistrationOnce(Rule):
    id = "AZV064"
    name = "dns-registration-once"
    category = "validation"
    default_severity = "error"
    resource_types = (LINK,)
    summary = "A virtual network can auto-register VMs in only one private DNS zone."
    rationale = (
        "With `registrationEnabled` a private DNS zone link makes the zone the place where the "
        "network's VMs register their names. Azure allows one such registration zone per "
        "virtual network (any number of resolution-only links); a second is rejected."
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        first: dict[str, Resource] = {}
        for link in ctx.resources(LINK):
            if ctx.value(link, "properties", "registrationEnabled") is not True:
                continue
            reference = ctx.value(link, "properties", "virtualNetwork", "id")
            if not isinstance(reference, str) or ctx.is_unknown(reference):
                continue
            parsed = (
                parse_resource_id_call(reference)
                if reference.startswith("[")
                else parse_resource_id(reference)
            )
            if parsed is None or parsed[0] != VNET:
                continue
            vnet = parsed[1][0].lower()
            if vnet not in first:
                first[vnet] = link
                continue
            yield Finding(
                f"link '{display_name(ctx, link)}' enables registration for vnet "
                f"'{parsed[1][0]}', which already registers in "
                f"'{display_name(ctx, first[vnet]).partition('/')[0]}'",
                (*link.path, "properties", "registrationEnabled"),
                link.key,
                hint="set registrationEnabled to false on all but one zone's link",
            )
