"""High-level DSL forms for imported resources (`vnet`, `nsg`, `pip`, `avset`, `disk`, and
`lb` and `bastion` with the public IP they make).

A candidate is written from the resource's evaluated body, then accepted only when it compiles
to exactly that body (`matches`): the same apiVersion, name and properties (the location is
written as a clause when the resource sets one). Anything the form cannot say (a subnet with a
route table, an NSG rule with application security groups, a Basic public IP) fails the check,
and the resource keeps the `resource` escape hatch."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

WORD = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_./-]*[A-Za-z0-9_])?\Z")
PROTOCOLS = {"tcp": "tcp", "udp": "udp", "icmp": "icmp", "esp": "esp", "ah": "ah", "*": "*"}


def _words(values: Any) -> list[str] | None:
    if not isinstance(values, list) or not values:
        return None
    if not all(isinstance(v, str) and (v == "*" or WORD.match(v)) for v in values):
        return None
    return list(values)


NSG_ID = re.compile(r"/providers/Microsoft\.Network/networkSecurityGroups/([^/]+)$", re.IGNORECASE)


def vnet_form(
    name: str, body: dict[str, Any], nsgs: frozenset[str] = frozenset()
) -> list[str] | None:
    """`nsgs`: NSGs declared with the `nsg` form, which subnets may name."""
    props = body.get("properties")
    if not isinstance(props, dict):
        return None
    prefixes = _words((props.get("addressSpace") or {}).get("addressPrefixes"))
    if prefixes is None:
        return None
    lines = [f"vnet {name} {prefixes[0]} {{"]
    for extra in prefixes[1:]:
        lines.append(f"  address {extra}")
    dns = (props.get("dhcpOptions") or {}).get("dnsServers")
    if dns:
        servers = _words(dns)
        if servers is None:
            return None
        lines.append("  dns " + " ".join(servers))
    for subnet in props.get("subnets") or []:
        if not isinstance(subnet, dict) or set(subnet) != {"name", "properties"}:
            return None
        sub_props = subnet["properties"]
        if not isinstance(sub_props, dict) or set(sub_props) - {
            "addressPrefix",
            "networkSecurityGroup",
        }:
            return None
        words = _words([subnet["name"], sub_props.get("addressPrefix")])
        if words is None:
            return None
        text = f"  subnet {words[0]} {words[1]}"
        if "networkSecurityGroup" in sub_props:
            nsg = sub_props["networkSecurityGroup"]
            found = NSG_ID.search(str(nsg.get("id", ""))) if isinstance(nsg, dict) else None
            if found is None or set(nsg) != {"id"} or found.group(1) not in nsgs:
                return None
            text += f" nsg {found.group(1)}"
        lines.append(text)
    lines.append("}")
    return lines


def _ports(props: dict[str, Any], single: str, plural: str) -> list[str] | None:
    values = props.get(plural) or ([props[single]] if single in props else None)
    return _words([str(v) for v in values]) if values else None


def _addresses(props: dict[str, Any], single: str, plural: str) -> list[str] | None:
    values = props.get(plural) or ([props[single]] if single in props else None)
    return _words(values) if values else None


def nsg_form(name: str, body: dict[str, Any]) -> list[str] | None:
    props = body.get("properties")
    if not isinstance(props, dict) or set(props) - {"securityRules"}:
        return None
    lines = [f"nsg {name} {{"]
    for rule in props.get("securityRules") or []:
        if not isinstance(rule, dict) or not isinstance(rule.get("properties"), dict):
            return None
        rp = rule["properties"]
        protocol = PROTOCOLS.get(str(rp.get("protocol", "")).lower())
        access = str(rp.get("access", "")).lower()
        direction = {"inbound": "in", "outbound": "out"}.get(str(rp.get("direction", "")).lower())
        ports = _ports(rp, "destinationPortRange", "destinationPortRanges")
        sources = _addresses(rp, "sourceAddressPrefix", "sourceAddressPrefixes")
        targets = _addresses(rp, "destinationAddressPrefix", "destinationAddressPrefixes")
        source_ports = _ports(rp, "sourcePortRange", "sourcePortRanges")
        priority = rp.get("priority")
        if (
            protocol is None
            or access not in ("allow", "deny")
            or direction is None
            or None in (ports, sources, targets, source_ports)
            or not isinstance(priority, int)
            or not isinstance(rule.get("name"), str)
            or not WORD.match(rule["name"])
        ):
            return None
        assert ports and sources and targets and source_ports
        text = f"  {access} {direction} {protocol} {' '.join(ports)}"
        if sources != ["*"]:
            text += " from " + " ".join(sources)
        if targets != ["*"]:
            text += " to " + " ".join(targets)
        if source_ports != ["*"]:
            text += " source-port " + " ".join(source_ports)
        text += f" priority {priority} name {rule['name']}"
        if isinstance(rp.get("description"), str):
            from armc.importer import dsl_string

            text += " description " + dsl_string(rp["description"])
        lines.append(text)
    lines.append("}")
    return lines


def pip_form(name: str, body: dict[str, Any]) -> list[str] | None:
    props = body.get("properties") or {}
    zones = body.get("zones")
    head = f"pip {name}"
    if zones:
        if not all(isinstance(z, str) and z.isdigit() for z in zones):
            return None
        head += f" zones({', '.join(zones)})"
    label = (props.get("dnsSettings") or {}).get("domainNameLabel")
    if label is None:
        return [head]
    if not isinstance(label, str):
        return None
    from armc.importer import dsl_string

    return [head + " {", f"  dns {dsl_string(label)}", "}"]


def avset_form(name: str, body: dict[str, Any]) -> list[str] | None:
    props = body.get("properties") or {}
    faults, updates = props.get("platformFaultDomainCount"), props.get("platformUpdateDomainCount")
    if not isinstance(faults, int) or not isinstance(updates, int):
        return None
    return [f"avset {name} {{", f"  fault-domains {faults}", f"  update-domains {updates}", "}"]


DISK_TYPES = {
    "standard_lrs": "standard-hdd",
    "standardssd_lrs": "standard-ssd",
    "standardssd_zrs": "standard-ssd-zrs",
    "premium_lrs": "premium",
    "premium_zrs": "premium-zrs",
    "premiumv2_lrs": "premium-v2",
    "ultrassd_lrs": "ultra",
}


def disk_form(name: str, body: dict[str, Any]) -> list[str] | None:
    sku = str((body.get("sku") or {}).get("name", "")).lower()
    size = (body.get("properties") or {}).get("diskSizeGB")
    if sku not in DISK_TYPES or not isinstance(size, int):
        return None
    text = f"disk {name} {DISK_TYPES[sku]} {size}"
    zones = body.get("zones")
    if zones:
        if not all(isinstance(z, str) and z.isdigit() for z in zones):
            return None
        text += f" zones({', '.join(zones)})"
    return [text]


FORMS: dict[str, Callable[[str, dict[str, Any]], list[str] | None]] = {
    "microsoft.compute/availabilitysets": avset_form,
    "microsoft.compute/disks": disk_form,
    "microsoft.network/networksecuritygroups": nsg_form,
    "microsoft.network/publicipaddresses": pip_form,
}


def with_clauses(lines: list[str], clauses: list[str]) -> list[str]:
    """Put clauses (`location X`, `tags {...}`) first in the form's block (making one)."""
    if not clauses:
        return lines
    if lines[0].endswith("{"):
        return [lines[0], *clauses, *lines[1:]]
    return [lines[0] + " {", *clauses, "}"]


IGNORED = ("dependsOn", "comments", "copy", "location", "tags")


def built_resources(
    text: str, skip: int = 0, params: tuple[str, ...] = ()
) -> list[dict[str, Any]] | None:
    """The evaluated bodies (without location, tags, dependsOn) of what DSL `text` builds,
    evaluated by the ARM front-end like an imported template (with `params`, `name=value`);
    the first `skip` resources (the stubs' own) left out. None when `text` does not compile."""
    import tempfile
    from pathlib import Path

    from armc.arm.loader import LoadOptions, load_template
    from armc.diagnostics import CompileError
    from armc.dsl import compile_source
    from armc.emit.arm import emit_arm

    try:
        output = emit_arm(compile_source(text, "<import>.armc"))
    except CompileError:
        return None
    with tempfile.TemporaryDirectory(prefix="armc-import-") as directory:
        path = Path(directory) / "candidate.json"
        path.write_text(output.template, encoding="utf-8")
        loaded = load_template(path, LoadOptions(params=params))
        return [
            {k: v for k, v in loaded.evaluated(r).items() if k not in IGNORED}
            for r in loaded.template.resources[skip:]
        ]


def _stub_count(stubs: str) -> int | None:
    from armc.diagnostics import CompileError
    from armc.dsl import compile_source

    if not stubs:
        return 0
    try:
        return len(compile_source(stubs, "<stubs>.armc").resources)
    except CompileError:
        return None


def matches(candidate: str, expected: dict[str, Any], stubs: str = "") -> bool:
    """Whether `candidate` (one declaration, without location and tags, after `stubs`: the
    declarations it names) builds to `expected` (an evaluated ARM resource body) apart from
    location, tags and dependsOn, both evaluated alike."""
    return matches_group(candidate, [expected], stubs)


# ---- forms that make more than one resource (a load balancer or Bastion and its public IP) ---

SUBNET_ID = re.compile(
    r"/providers/Microsoft\.Network/virtualNetworks/([^/]+)/subnets/([^/]+)$", re.IGNORECASE
)
PIP_ID = re.compile(r"/providers/Microsoft\.Network/publicIPAddresses/([^/]+)$", re.IGNORECASE)
PROBE_PROTOCOLS = {"http": "http", "https": "https", "tcp": "tcp"}


def _id(value: Any) -> str:
    return str(value.get("id", "")) if isinstance(value, dict) else ""


def lb_form(name: str, body: dict[str, Any]) -> tuple[list[str], str | None, str | None] | None:
    """(lines, the public IP it makes or None, the `vnet.subnet` it names or None)."""
    props = body.get("properties") or {}
    frontends = props.get("frontendIPConfigurations") or []
    if len(frontends) != 1 or not isinstance(frontends[0], dict):
        return None
    front = frontends[0].get("properties") or {}
    clauses: list[str] = []
    pip = subnet = None
    found_pip = PIP_ID.search(_id(front.get("publicIPAddress")))
    if found_pip:
        pip = found_pip.group(1)
        head = f"lb {name} public"
    else:
        found = SUBNET_ID.search(_id(front.get("subnet")))
        if found is None:
            return None
        subnet = f"{found.group(1)}.{found.group(2)}"
        head = f"lb {name} private"
        clauses.append(f"  subnet {subnet}")
        address = front.get("privateIPAddress")
        if isinstance(address, str):
            clauses.append(f"  ip {address}")
    for pool in props.get("backendAddressPools") or []:
        if not isinstance(pool, dict) or not _words([pool.get("name")]):
            return None
        clauses.append(f"  pool {pool['name']}")
    for probe in props.get("probes") or []:
        pp = probe.get("properties") if isinstance(probe, dict) else None
        if not isinstance(pp, dict) or not _words([probe.get("name")]):
            return None
        protocol = PROBE_PROTOCOLS.get(str(pp.get("protocol", "")).lower())
        if protocol is None or not isinstance(pp.get("port"), int):
            return None
        text = f"  probe {probe['name']} {protocol} {pp['port']}"
        if isinstance(pp.get("requestPath"), str):
            from armc.importer import dsl_string

            text += " " + dsl_string(pp["requestPath"])
        clauses.append(text)
    for rule in props.get("loadBalancingRules") or []:
        rp = rule.get("properties") if isinstance(rule, dict) else None
        if not isinstance(rp, dict) or not _words([rule.get("name")]):
            return None
        protocol = str(rp.get("protocol", "")).lower()
        front_port, back_port = rp.get("frontendPort"), rp.get("backendPort")
        if protocol not in ("tcp", "udp", "all") or not isinstance(front_port, int):
            return None
        text = f"  rule {rule['name']} {protocol} {front_port}"
        if isinstance(back_port, int):
            text += f" -> {back_port}"
        pool_id = _id(rp.get("backendAddressPool"))
        if pool_id:
            text += " pool " + pool_id.rsplit("/", 1)[-1]
        probe_id = _id(rp.get("probe"))
        if probe_id:
            text += " probe " + probe_id.rsplit("/", 1)[-1]
        clauses.append(text)
    return [head + " {", *clauses, "}"], pip, subnet


def bastion_form(
    name: str, body: dict[str, Any]
) -> tuple[list[str], str | None, str | None] | None:
    configs = (body.get("properties") or {}).get("ipConfigurations") or []
    if len(configs) != 1 or not isinstance(configs[0], dict):
        return None
    props = configs[0].get("properties") or {}
    found = SUBNET_ID.search(_id(props.get("subnet")))
    found_pip = PIP_ID.search(_id(props.get("publicIPAddress")))
    if found is None or found_pip is None:
        return None
    sku = str((body.get("sku") or {}).get("name", "Basic")).lower()
    subnet = f"{found.group(1)}.{found.group(2)}"
    return [f"bastion {name} subnet {subnet} sku {sku}"], found_pip.group(1), subnet


GROUP_FORMS: dict[
    str, Callable[[str, dict[str, Any]], tuple[list[str], str | None, str | None] | None]
] = {
    "microsoft.network/loadbalancers": lb_form,
    "microsoft.network/bastionhosts": bastion_form,
}


def matches_group(
    candidate: str, expected: list[dict[str, Any]], stubs: str, params: tuple[str, ...] = ()
) -> bool:
    """Whether `candidate` after `stubs` builds exactly the `expected` resources (evaluated
    bodies; the stubs' own resources left out), apart from location, tags and dependsOn; the
    build evaluated with `params` (`name=value`)."""
    skip = _stub_count(stubs)
    built = None if skip is None else built_resources(stubs + candidate, skip, params)
    if built is None:
        return False
    wanted = [{k: v for k, v in body.items() if k not in IGNORED} for body in expected]

    def key(body: dict[str, Any]) -> str:
        return f"{body.get('type')}/{body.get('name')}"

    return sorted(built, key=key) == sorted(wanted, key=key)
