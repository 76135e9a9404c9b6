"""Lowering of every declaration except vm/vmss: vnet, nsg, pip, avset, disk, lb, bastion and
the `resource` escape hatch."""

from __future__ import annotations

from typing import Any

from armc.dsl import ir
from armc.dsl.lower import Lowering, address_json, iter_instances
from armc.dsl.lower_names import PROTOCOLS, Pending, resource_id
from armc.dsl.passes.compute import DISK_SKUS
from armc.dsl.passes.symbols import kind_of
from armc.dsl.values import Position, to_json
from armc.source import Span

RAW_MEMBER_ORDER = ("zones", "sku", "kind", "identity", "plan", "properties")


class ResourceLowering:
    def __init__(self, lowering: Lowering) -> None:
        self.lw = lowering

    def lower(self, declaration: ir.Declaration) -> None:
        if isinstance(declaration, ir.PpgDecl | ir.HostGroupDecl):
            from armc.dsl.lower_placement import lower_placement

            lower_placement(self, declaration)
            return
        if isinstance(
            declaration,
            ir.NatGatewayDecl
            | ir.PeeringDecl
            | ir.VpnGatewayDecl
            | ir.LocalGatewayDecl
            | ir.ConnectionDecl,
        ):
            from armc.dsl.lower_connectivity import lower_connectivity

            lower_connectivity(self, declaration)
            return
        if isinstance(declaration, ir.DnsZoneDecl):
            from armc.dsl.lower_dns import lower_dns_zone

            for name, index in iter_instances(self.lw, declaration):
                lower_dns_zone(self, declaration, name, index)
            return
        if isinstance(declaration, ir.BackupVaultDecl):
            from armc.dsl.lower_backup import lower_backup_vault

            for name, index in iter_instances(self.lw, declaration):
                lower_backup_vault(self, declaration, name, index)
            return
        if isinstance(declaration, ir.DcrDecl):
            from armc.dsl.lower_bootstrap import lower_dcr

            for name, index in iter_instances(self.lw, declaration):
                lower_dcr(self.lw, declaration, name, index)
            return
        method = getattr(self, kind_of(declaration))
        for name, index in iter_instances(self.lw, declaration):
            method(declaration, name, index)

    def start_declaration(
        self, kind: str, name: str, declaration: ir.Declaration, index: Position
    ) -> tuple[Pending, Any]:
        return self._start(kind, name, declaration, index)

    def finish_declaration(
        self, pending: Pending, declaration: ir.Declaration, condition: Any
    ) -> None:
        self._finish(pending, declaration, condition)

    def _start(
        self, kind: str, name: str, declaration: ir.Declaration, index: Position
    ) -> tuple[Pending, Any]:
        pending = self.lw.start(kind, name, declaration.common.span)
        pending.copy_index = index
        condition = self.lw.condition(declaration.common, index)
        self.lw.location_and_tags(pending, declaration.common, index)
        return pending, condition

    def _finish(self, pending: Pending, declaration: ir.Declaration, condition: Any) -> None:
        span = declaration.common.condition.span if declaration.common.condition else None
        self.lw.finish(pending, condition, span)

    def zones(self, pending: Pending, zones: tuple[ir.Arg, ...], index: Position) -> None:
        if zones:
            pending.body.set(
                ("zones",), [str(self.lw.json(z, index)) for z in zones], zones[0].span
            )

    def public_ip(
        self,
        name: str,
        span: Span,
        zones: list[str],
        condition: Any,
        condition_span: Span | None,
        tags_from: ir.Common | None,
        index: Position = None,
    ) -> str:
        """A Standard, static public IP `name` (what vm/lb/bastion expand to); returns its key."""
        pending = self.lw.start("pip", name, span)
        pending.copy_index = index
        self.lw.location_and_tags(pending, tags_from, index)
        if zones:
            pending.body.set(("zones",), zones, span)
        pending.body.set(("sku",), {"name": "Standard", "tier": "Regional"}, span)
        pending.body.set(
            ("properties",),
            {"publicIPAllocationMethod": "Static", "publicIPAddressVersion": "IPv4"},
            span,
        )
        self.lw.finish(pending, condition, condition_span)
        return pending.key

    def subnet_id(self, pending: Pending, reference: ir.Word, path: tuple[str | int, ...]) -> str:
        vnet, _, subnet = reference.text.partition(".")
        pending.depend(f"vnet:{vnet}", reference.span, path)
        pending.body.span(path, reference.span)
        return resource_id("subnet", vnet, subnet)

    # ---- kinds ---------------------------------------------------------------------------------

    def vnet(self, vnet: ir.VnetDecl, name: str, index: Position) -> None:
        pending, condition = self._start("vnet", name, vnet, index)
        body = pending.body
        body.set(
            ("properties", "addressSpace", "addressPrefixes"),
            [self.lw.json(p) for p in vnet.prefixes],
            vnet.prefixes[0].span if vnet.prefixes else None,
        )
        if vnet.dns_servers:
            body.set(
                ("properties", "dhcpOptions", "dnsServers"),
                [self.lw.json(d) for d in vnet.dns_servers],
                vnet.dns_servers[0].span,
            )
        subnets: list[dict[str, Any]] = []
        body.set(("properties", "subnets"), subnets)
        for position, subnet in enumerate(vnet.subnets):
            path = ("properties", "subnets", position)
            properties: dict[str, Any] = {"addressPrefix": self.lw.json(subnet.prefix)}
            for word, kind, member in (
                (subnet.nsg, "nsg", "networkSecurityGroup"),
                (subnet.nat, "natgw", "natGateway"),
            ):
                if word is None:
                    continue
                properties[member] = {"id": resource_id(kind, word.text)}
                pending.depend(
                    f"{kind}:{word.text}", word.span, (*path, "properties", member, "id")
                )
                body.span((*path, "properties", member), word.span)
            subnets.append({"name": subnet.name, "properties": properties})
            body.span(path, subnet.span)
            body.span((*path, "properties", "addressPrefix"), subnet.prefix.span)
        self._finish(pending, vnet, condition)

    def nsg(self, nsg: ir.NsgDecl, name: str, index: Position) -> None:
        pending, condition = self._start("nsg", name, nsg, index)
        rules: list[dict[str, Any]] = []
        pending.body.set(("properties", "securityRules"), rules)
        for position, rule in enumerate(nsg.rules):
            lowered = self.nsg_rule(rule)
            rules.append(lowered)
            path = ("properties", "securityRules", position)
            pending.body.span(path, rule.span)
            self._rule_spans(pending, (*path, "properties"), lowered["properties"], rule)
        self._finish(pending, nsg, condition)

    def nsg_rule(self, rule: ir.NsgRule) -> dict[str, Any]:
        properties: dict[str, Any] = {}
        if rule.description:
            properties["description"] = rule.description
        protocol = (
            "*" if isinstance(rule.protocol, ir.Star) else PROTOCOLS[rule.protocol.text.lower()]
        )
        properties["protocol"] = protocol
        self._ranges(properties, "sourcePortRange", rule.source_ports)
        ports = rule.ports if protocol not in ("Icmp", "Esp", "Ah") else ()
        self._ranges(properties, "destinationPortRange", ports)
        self._addresses(properties, "sourceAddressPrefix", rule.sources)
        self._addresses(properties, "destinationAddressPrefix", rule.destinations)
        priority = self.lw.json(rule.priority)
        properties["access"] = rule.access
        properties["priority"] = priority
        properties["direction"] = rule.direction
        rule_name = rule.name or f"{rule.access.lower()}-{rule.direction.lower()}-{priority}"
        return {"name": rule_name, "properties": properties}

    @staticmethod
    def _rule_spans(
        pending: Pending, path: tuple[str | int, ...], properties: dict[str, Any], rule: ir.NsgRule
    ) -> None:
        """Spans of the rule's fields, so findings point at the port or address written."""
        fields: dict[str, tuple[ir.Arg, ...]] = {
            "destinationPortRange": rule.ports,
            "sourcePortRange": rule.source_ports,
            "sourceAddressPrefix": rule.sources,
            "destinationAddressPrefix": rule.destinations,
        }
        for key, args in fields.items():
            for written in (key, key + "s", key + "es"):
                if written in properties and args:
                    pending.body.span((*path, written), args[0].span)
                    if isinstance(properties[written], list):
                        for position, arg in enumerate(args):
                            pending.body.span((*path, written, position), arg.span)
        pending.body.span((*path, "protocol"), rule.protocol.span)
        pending.body.span((*path, "priority"), rule.priority.span)

    def _ranges(
        self, properties: dict[str, Any], key: str, ports: tuple[ir.Word | ir.Star, ...]
    ) -> None:
        values = ["*" if isinstance(p, ir.Star) else str(self.lw.json(p)) for p in ports]
        if len(values) > 1 and "*" not in values:
            properties[key + "s"] = values
        else:
            properties[key] = "*" if not values or "*" in values else values[0]

    def _addresses(self, properties: dict[str, Any], key: str, args: tuple[ir.Arg, ...]) -> None:
        values = [address_json(self.lw, a) for a in args]
        if len(values) > 1 and "*" not in values:
            properties[key + "es"] = values
        else:
            properties[key] = "*" if not values or "*" in values else values[0]

    def pip(self, pip: ir.PipDecl, name: str, index: Position) -> None:
        pending, condition = self._start("pip", name, pip, index)
        self.zones(pending, pip.zones, index)
        span = pip.common.span
        pending.body.set(("sku",), {"name": "Standard", "tier": "Regional"}, span)
        pending.body.set(
            ("properties",),
            {"publicIPAllocationMethod": "Static", "publicIPAddressVersion": "IPv4"},
            span,
        )
        if pip.dns_label is not None:
            pending.body.set(
                ("properties", "dnsSettings", "domainNameLabel"),
                self.lw.json(pip.dns_label, index),
                pip.dns_label.span,
            )
        self._finish(pending, pip, condition)

    def avset(self, avset: ir.AvsetDecl, name: str, index: Position) -> None:
        pending, condition = self._start("avset", name, avset, index)
        span = avset.common.span
        pending.body.set(("sku",), {"name": "Aligned"}, span)
        faults: Any = 2
        updates: Any = 5
        if avset.fault_domains is not None:
            faults = self.lw.int_json(avset.fault_domains, "fault-domains", index)
        if avset.update_domains is not None:
            updates = self.lw.int_json(avset.update_domains, "update-domains", index)
        pending.body.set(
            ("properties", "platformFaultDomainCount"),
            faults,
            avset.fault_domains.span if avset.fault_domains else span,
        )
        pending.body.set(
            ("properties", "platformUpdateDomainCount"),
            updates,
            avset.update_domains.span if avset.update_domains else span,
        )
        if avset.ppg is not None:
            path = ("properties", "proximityPlacementGroup")
            pending.body.set(path, {"id": resource_id("ppg", avset.ppg.text)}, avset.ppg.span)
            pending.depend(f"ppg:{avset.ppg.text}", avset.ppg.span, (*path, "id"))
        self._finish(pending, avset, condition)

    def des(self, des: ir.DesDecl, name: str, index: Position) -> None:
        """A disk encryption set: its managed identity unwraps the Key Vault key."""
        pending, condition = self._start("des", name, des, index)
        body = pending.body
        body.set(("identity",), {"type": "SystemAssigned"}, des.common.span)
        body.set(
            ("properties", "activeKey"),
            {
                "sourceVault": {"id": self.lw.json(des.vault, index)},
                "keyUrl": self.lw.json(des.key, index),
            },
            des.key.span,
        )
        body.span(("properties", "activeKey", "sourceVault", "id"), des.vault.span)
        body.set(
            ("properties", "encryptionType"), "EncryptionAtRestWithCustomerKey", des.common.span
        )
        rotation = des.rotation
        body.set(
            ("properties", "rotationToLatestKeyVersionEnabled"),
            rotation is not None and rotation.enabled,
            rotation.span if rotation else des.common.span,
        )
        self._finish(pending, des, condition)
        from armc.dsl.lower_des_grant import lower_grant

        lower_grant(self.lw, des, name, index, condition)

    def disk(self, disk: ir.DiskDecl, name: str, index: Position) -> None:
        pending, condition = self._start("disk", name, disk, index)
        self.zones(pending, disk.zones, index)
        sku = DISK_SKUS.get(disk.sku.text.lower(), "Premium_LRS")
        body = pending.body
        body.set(("sku",), {"name": sku}, disk.sku.span)
        body.set(("properties", "creationData"), {"createOption": "Empty"}, disk.common.span)
        body.set(
            ("properties", "diskSizeGB"),
            self.lw.int_json(disk.size, "a disk size", index),
            disk.size.span,
        )
        for key, arg, what in (
            ("diskIOPSReadWrite", disk.iops, "iops"),
            ("diskMBpsReadWrite", disk.mbps, "mbps"),
            ("maxShares", disk.max_shares, "max-shares"),
        ):
            if arg is not None:
                body.set(("properties", key), self.lw.int_json(arg, what, index), arg.span)
        if disk.encryption is not None:
            body.set(
                ("properties", "encryption"),
                {
                    "type": "EncryptionAtRestWithCustomerKey",
                    "diskEncryptionSetId": resource_id("des", disk.encryption.text),
                },
                disk.encryption.span,
            )
            path = ("properties", "encryption", "diskEncryptionSetId")
            pending.depend(f"des:{disk.encryption.text}", disk.encryption.span, path)
            from armc.dsl.lower_des_grant import depend_on_grant

            depend_on_grant(self.lw, pending, disk.encryption, path)
        else:
            body.set(
                ("properties", "encryption"),
                {"type": "EncryptionAtRestWithPlatformKey"},
                disk.common.span,
            )
        body.set(("properties", "networkAccessPolicy"), "DenyAll", disk.common.span)
        body.set(("properties", "publicNetworkAccess"), "Disabled", disk.common.span)
        self._finish(pending, disk, condition)

    def lb(self, lb: ir.LbDecl, name: str, index: Position) -> None:
        common = lb.common
        condition_span = common.condition.span if common.condition else None
        zones = [str(self.lw.json(z, index)) for z in lb.zones]
        pip_key = None
        condition = self.lw.condition(common, index)
        if lb.public:
            pip_key = self.public_ip(
                f"{name}-pip", common.span, zones, condition, condition_span, common, index
            )
        pending = self.lw.start("lb", name, common.span)
        pending.copy_index = index
        self.lw.location_and_tags(pending, common, index)
        body = pending.body
        body.set(("sku",), {"name": "Standard", "tier": "Regional"}, common.span)
        frontend: dict[str, Any] = {}
        front_path = ("properties", "frontendIPConfigurations", 0)
        if pip_key is not None:
            frontend["publicIPAddress"] = {"id": resource_id("pip", f"{name}-pip")}
            pending.depend(
                pip_key, common.name_span, (*front_path, "properties", "publicIPAddress", "id")
            )
        elif lb.subnet is not None:
            frontend["subnet"] = {
                "id": self.subnet_id(
                    pending, lb.subnet, (*front_path, "properties", "subnet", "id")
                )
            }
            if lb.private_ip is not None:
                frontend["privateIPAllocationMethod"] = "Static"
                frontend["privateIPAddress"] = self.lw.json(lb.private_ip, index)
            else:
                frontend["privateIPAllocationMethod"] = "Dynamic"
        frontend_config: dict[str, Any] = {"name": "frontend", "properties": frontend}
        if not lb.public and zones:
            frontend_config["zones"] = zones
        body.set(("properties", "frontendIPConfigurations"), [frontend_config], common.span)
        body.set(("properties", "backendAddressPools"), [{"name": p.text} for p in lb.pools])
        for position, pool_word in enumerate(lb.pools):
            body.span(("properties", "backendAddressPools", position), pool_word.span)
        probes = []
        for position, probe in enumerate(lb.probes):
            protocol = PROTOCOLS[probe.protocol.text.lower()]
            probe_properties: dict[str, Any] = {
                "protocol": protocol,
                "port": self.lw.int_json(probe.port, "a probe port"),
                "intervalInSeconds": 5,
                "probeThreshold": 1,
            }
            if protocol in ("Http", "Https"):
                probe_properties["requestPath"] = self.lw.json(probe.path) if probe.path else "/"
            probes.append({"name": probe.name, "properties": probe_properties})
            body.span(("properties", "probes", position), probe.span)
        body.set(("properties", "probes"), probes)
        rules = []
        lb_rule_id = "[resourceId('Microsoft.Network/loadBalancers/{0}', '{1}', '{2}')]"
        for position, rule in enumerate(lb.rules):
            pool = rule.pool.text if rule.pool else (lb.pools[0].text if lb.pools else None)
            probe_name = rule.probe.text if rule.probe else None
            properties: dict[str, Any] = {
                "frontendIPConfiguration": {
                    "id": lb_rule_id.format("frontendIPConfigurations", name, "frontend")
                },
            }
            if pool is not None:
                properties["backendAddressPool"] = {
                    "id": lb_rule_id.format("backendAddressPools", name, pool)
                }
            if probe_name is not None:
                properties["probe"] = {"id": lb_rule_id.format("probes", name, probe_name)}
            properties.update(
                {
                    "protocol": PROTOCOLS[rule.protocol.text.lower()],
                    "frontendPort": self.lw.int_json(rule.frontend_port, "a frontend port"),
                    "backendPort": self.lw.int_json(rule.backend_port, "a backend port"),
                    "enableFloatingIP": False,
                    "idleTimeoutInMinutes": 4,
                    "loadDistribution": "Default",
                    "disableOutboundSnat": False,
                }
            )
            rules.append({"name": rule.name, "properties": properties})
            body.span(("properties", "loadBalancingRules", position), rule.span)
        body.set(("properties", "loadBalancingRules"), rules)
        self.lw.finish(pending, condition, condition_span)

    def bastion(self, bastion: ir.BastionDecl, name: str, index: Position) -> None:
        common = bastion.common
        condition_span = common.condition.span if common.condition else None
        condition = self.lw.condition(common, index)
        pip_key = self.public_ip(
            f"{name}-pip", common.span, [], condition, condition_span, common, index
        )
        pending = self.lw.start("bastion", name, common.span)
        self.lw.location_and_tags(pending, common, index)
        sku = bastion.sku.text.capitalize() if bastion.sku else "Basic"
        pending.body.set(("sku",), {"name": sku}, bastion.sku.span if bastion.sku else common.span)
        config_path = ("properties", "ipConfigurations", 0, "properties")
        subnet_id = self.subnet_id(pending, bastion.subnet, (*config_path, "subnet", "id"))
        pending.body.set(
            ("properties", "ipConfigurations"),
            [
                {
                    "name": "ipconfig1",
                    "properties": {
                        "subnet": {"id": subnet_id},
                        "publicIPAddress": {"id": resource_id("pip", f"{name}-pip")},
                    },
                }
            ],
            common.span,
        )
        pending.depend(pip_key, common.name_span, (*config_path, "publicIPAddress", "id"))
        self.lw.finish(pending, condition, condition_span)

    def resource(self, raw: ir.RawResourceDecl, name: str, index: Position) -> None:
        common = raw.common
        pending = self.lw.start(
            "resource", name, common.span, type_name=raw.type, api_version=raw.api_version
        )
        pending.copy_index = index
        pending.body.span(("type",), raw.type_span)
        pending.body.span(("apiVersion",), raw.type_span)
        pending.body.span(("name",), common.name_span)
        arm_name = self.lw.raw_arm_name(raw, index)
        if arm_name is not None:
            name_pair = next(pair for pair in raw.members if pair.key == "name")
            pending.body.set(("name",), to_json(arm_name), name_pair.span)
        condition = self.lw.condition(common, index)
        self.lw.location_and_tags(pending, common, index, with_location=self._raw_location(raw))
        members = {pair.key: pair for pair in raw.members}
        ordered = [members[k] for k in RAW_MEMBER_ORDER if k in members]
        ordered += [p for p in raw.members if p.key not in RAW_MEMBER_ORDER]
        for pair in ordered:
            if pair.key == "name":
                continue  # the ARM name, set above
            if pair.key in ("type", "apiVersion", "dependsOn", "condition", "copy"):
                self.lw.report(
                    "DSL311", f"'{pair.key}' is set by the declaration itself", pair.key_span
                )
                continue
            pending.body.set(
                (pair.key,), self.lw.json(ir.ValueArg(pair.value, pair.span), index), pair.span
            )
            for key, span in self.lw.collect_references():
                pending.depend(key, span, (pair.key,))
        self._inner_template(pending)
        for dependency in raw.depends_on:
            target = self.lw.symbols.any_declaration(dependency.text)
            if target is None:
                continue
            for instance_name, _ in iter_instances(self.lw, target):
                pending.depend(
                    f"{kind_of(target)}:{instance_name}", dependency.span, (), "explicit"
                )
        self._finish(pending, raw, condition)

    def _raw_location(self, raw: ir.RawResourceDecl) -> bool:
        """Whether the escape hatch's resource gets a location: `location none` says no, any
        other `location` clause yes, else the type decides (`armc.dsl.raw_location`)."""
        written = raw.common.location
        if written is not None:
            return not self.lw.location_none(written)
        from armc.dsl.raw_location import takes_location

        return takes_location(raw.type, raw.api_version)

    @staticmethod
    def _inner_template(pending: Pending) -> None:
        """A nested deployment of its own scope: its template's strings as written."""
        from armc.dsl.inner_template import as_written, inner_scope

        body = pending.body.data
        if inner_scope(body):
            template = body["properties"]["template"]
            body["properties"]["template"] = as_written(template)
