"""AZS003: network security groups must not open SSH or RDP to the Internet."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from armc.model.template import Resource
from armc.rules.base import Finding, Option, Rule
from armc.rules.provenance import label
from armc.rules.support import INTERNET_SOURCES
from armc.semantics.reader import display_name

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext

_NSG = "microsoft.network/networksecuritygroups"
_NSG_RULE = "microsoft.network/networksecuritygroups/securityrules"
_PORT_NAMES = {22: "SSH", 3389: "RDP"}


def _text(ctx: RuleContext, value: Any) -> str | None:
    if ctx.is_unknown(value) or value is None:
        return None
    return str(value)


def _port_matches(spec: str, ports: list[int]) -> list[int]:
    spec = spec.strip()
    if spec in ("*", "Any", "any"):
        return list(ports)
    if "-" in spec:
        low, _, high = spec.partition("-")
        if low.strip().isdigit() and high.strip().isdigit():
            return [p for p in ports if int(low) <= p <= int(high)]
        return []
    return [p for p in ports if spec.isdigit() and int(spec) == p]


class NsgOpenManagementPort(Rule):
    id = "AZS003"
    name = "nsg-open-management-port"
    category = "security"
    default_severity = "error"
    resource_types = (_NSG, _NSG_RULE)
    summary = "Network security groups must not allow SSH or RDP from the Internet."
    rationale = (
        "Management ports open to any source are scanned and brute-forced within minutes of "
        "deployment. Restrict the source to known address ranges, or use Azure Bastion or "
        "just-in-time access instead of an inbound allow rule."
    )
    equivalents = ("CKV_AZURE_9", "CKV_AZURE_10")
    options: ClassVar[Mapping[str, Option]] = {
        "ports": Option(list, [22, 3389], "Ports that must not be open to the Internet."),
    }

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        ports = [int(p) for p in self.settings["ports"]]
        for nsg in ctx.resources(_NSG):
            rules = ctx.value(nsg, "properties", "securityRules")
            if not isinstance(rules, list):
                continue
            for index, rule in enumerate(rules):
                if not isinstance(rule, dict):
                    continue
                base = ("properties", "securityRules", index)
                name = rule.get("name")
                yield from self._check_rule(ctx, nsg, (*base, "properties"), name, ports)
        for rule_resource in ctx.resources(_NSG_RULE):
            name = rule_resource.name if isinstance(rule_resource.name, str) else None
            yield from self._check_rule(ctx, rule_resource, ("properties",), name, ports)

    def _check_rule(
        self,
        ctx: RuleContext,
        resource: Resource,
        props: tuple[str | int, ...],
        rule_name: Any,
        ports: list[int],
    ) -> Iterator[Finding]:
        def text(*key: str) -> str | None:
            return _text(ctx, ctx.value(resource, *props, *key))

        access, direction = text("access"), text("direction")
        if access is None or direction is None:
            return
        if access.lower() != "allow" or direction.lower() != "inbound":
            return
        protocol = text("protocol")
        if protocol is None or protocol.lower() == "icmp":
            return
        sources = self._values(ctx, resource, props, "sourceAddressPrefix", "sourceAddressPrefixes")
        open_to = next(((p, s) for p, s in sources if s.lower() in INTERNET_SOURCES), None)
        if open_to is None:
            return
        source_path, source = open_to
        port_specs = self._values(
            ctx, resource, props, "destinationPortRange", "destinationPortRanges"
        )
        exposed = sorted({p for _, spec in port_specs for p in _port_matches(spec, ports)})
        if not exposed:
            return
        names = ", ".join(
            f"{p} ({_PORT_NAMES[p]})" if p in _PORT_NAMES else str(p) for p in exposed
        )
        owner = label(ctx, resource)
        if resource.type_lower == _NSG_RULE:  # a child rule: 'nsg/rule'
            nsg, _, own_name = display_name(ctx, resource).rpartition("/")
            owner, rule_name = f"NSG '{nsg}'" if nsg else "its NSG", own_name or rule_name
        what = (
            f"rule '{rule_name}'" if isinstance(rule_name, str) and rule_name else "a security rule"
        )
        plural = "s" if len(exposed) > 1 else ""
        yield Finding.at(
            resource,
            f"{what} of {owner} allows port{plural} {names} from '{source}'",
            *props,
            *source_path,
            hint="restrict sourceAddressPrefix to known ranges, or use Azure Bastion",
        )

    @staticmethod
    def _values(
        ctx: RuleContext,
        resource: Resource,
        props: tuple[str | int, ...],
        single: str,
        plural: str,
    ) -> list[tuple[tuple[str | int, ...], str]]:
        """The known values of a property that may be single or plural, with their paths."""
        found: list[tuple[tuple[str | int, ...], str]] = []
        one = ctx.value(resource, *props, single)
        if isinstance(one, str | int) and not ctx.is_unknown(one):
            found.append(((single,), str(one)))
        many = ctx.value(resource, *props, plural)
        if isinstance(many, list):
            for index in range(len(many)):
                item = ctx.value(resource, *props, plural, index)
                if isinstance(item, str | int) and not ctx.is_unknown(item):
                    found.append(((plural, index), str(item)))
        return found
