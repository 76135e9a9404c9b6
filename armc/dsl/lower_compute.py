"""Lowering of `vm` (public IP, NIC and VM per instance) and `vmss` (one scale set)."""

from __future__ import annotations

from typing import Any

from armc.dsl import ir
from armc.dsl.lower import Lowering, iter_instances
from armc.dsl.lower_bootstrap import VmExtras, custom_data
from armc.dsl.lower_names import LOOP_MARK, Pending, name_json, resource_id
from armc.dsl.lower_placement import placement
from armc.dsl.lower_resources import ResourceLowering
from armc.dsl.passes.compute import ComputePlan
from armc.dsl.values import Arm, Const, Position, arm_text, to_json
from armc.model.template import JsonPath
from armc.source import Span

WINDOWS_NAME_LIMIT = 15
UNCACHED_SKUS = frozenset({"PremiumV2_LRS", "UltraSSD_LRS"})  # no host caching
VMSS_WINDOWS_PREFIX_LIMIT = 9


def lower_compute(lowering: Lowering, compute: ir.ComputeDecl, plan: ComputePlan) -> None:
    if compute.subnet is None:
        lowering.report(
            "DSL106",
            f"{compute.kind} '{compute.common.name}' needs 'subnet vnet.subnet'",
            compute.common.name_span,
        )
        return
    builder = _ComputeLowering(lowering, compute, plan)
    if compute.kind == "vmss":
        builder.vmss()
        return
    for name, index in iter_instances(lowering, compute):
        builder.vm(name, index)


class _ComputeLowering:
    def __init__(self, lowering: Lowering, compute: ir.ComputeDecl, plan: ComputePlan) -> None:
        self.lw = lowering
        self.compute = compute
        self.plan = plan
        self.resources = ResourceLowering(lowering)
        self.common = compute.common
        self.condition_span = self.common.condition.span if self.common.condition else None

    # ---- shared parts --------------------------------------------------------------------------

    def zones(self, index: Position) -> list[str]:
        if self.compute.zone_auto is not None:
            if isinstance(index, Arm):
                return ["[string(add(mod(copyIndex(), 3), 1))]"]
            return [str((index or 0) % 3 + 1)]
        return [str(self.lw.json(z, index)) for z in self.compute.zones]

    def zones_span(self) -> Span | None:
        if self.compute.zone_auto is not None:
            return self.compute.zone_auto
        return self.compute.zones[0].span if self.compute.zones else None

    def size(self, index: Position) -> Any:
        size = self.plan.size
        return size if isinstance(size, str) else self.lw.json(size, index)

    def note_size(self, key: str, path: str) -> None:
        """Record why a `size <workload> ...` request chose its size, for `armc explain`."""
        if self.plan.size_reason is not None:
            self.lw.template.notes.setdefault(key, []).append(f"{path}: {self.plan.size_reason}")

    def size_span(self) -> Span:
        return self.compute.size.span if self.compute.size is not None else self.common.span

    def storage(self, body: Any, base: JsonPath, name: str | None, index: Position) -> None:
        plan, compute = self.plan, self.compute
        image = plan.image
        if image.gallery_id is not None:
            body.set(
                (*base, "imageReference"), {"id": self.lw.json(image.gallery_id, index)}, image.span
            )
        else:
            body.set(
                (*base, "imageReference"),
                {
                    "publisher": image.publisher,
                    "offer": image.offer,
                    "sku": image.sku,
                    "version": image.version,
                },
                image.span,
            )
        os_disk: dict[str, Any] = {}
        if name is not None:
            os_disk["name"] = name_json(f"{name}-osdisk")
        os_disk.update(
            {"createOption": "FromImage", "caching": "ReadOnly" if plan.ephemeral else "ReadWrite"}
        )
        if name is not None:
            os_disk["deleteOption"] = "Delete"
        if plan.ephemeral is not None:
            os_disk["diffDiskSettings"] = {"option": "Local", "placement": plan.ephemeral}
        os_disk_span = compute.os_disk.span if compute.os_disk else self.common.span
        if (
            compute.os_disk is not None
            and plan.ephemeral is None
            and not (
                isinstance(compute.os_disk.size, ir.ValueArg)
                and isinstance(compute.os_disk.size.expr, ir.Literal)
                and compute.os_disk.size.expr.value is None
            )
        ):
            os_disk["diskSizeGB"] = self.lw.int_json(compute.os_disk.size, "an OS disk size", index)
        os_disk["managedDisk"] = {"storageAccountType": plan.os_disk_sku}
        des = self.encryption_set()
        if des is not None and plan.ephemeral is None:
            os_disk["managedDisk"]["diskEncryptionSet"] = dict(des)
        body.set((*base, "osDisk"), os_disk, os_disk_span)
        disks: list[dict[str, Any]] = []
        for lun, (disk, sku) in enumerate(
            zip(compute.data_disks, plan.data_disk_skus, strict=True)
        ):
            entry: dict[str, Any] = {"lun": lun}
            if name is not None:
                entry["name"] = name_json(f"{name}-data-{lun}")
            entry.update(
                {
                    "createOption": "Empty",
                    "caching": "None" if sku in UNCACHED_SKUS else "ReadOnly",
                    "diskSizeGB": self.lw.int_json(disk.size, "a data disk size", index),
                }
            )
            if name is not None:
                entry["deleteOption"] = "Delete"
            entry["managedDisk"] = {"storageAccountType": sku}
            if des is not None:
                entry["managedDisk"]["diskEncryptionSet"] = dict(des)
            disks.append(entry)
            body.span((*base, "dataDisks", len(disks) - 1), disk.span)
        if disks:
            body.set((*base, "dataDisks"), disks)
        if "UltraSSD_LRS" in plan.data_disk_skus:
            body.set(
                ("properties", "additionalCapabilities", "ultraSSDEnabled"), True, compute.span
            )

    def depend_on_encryption_set(self, pending: Pending) -> None:
        des = self.compute.disk_encryption
        if des is not None:
            pending.depend(f"des:{des.text}", des.span, ())
            from armc.dsl.lower_des_grant import depend_on_grant

            depend_on_grant(self.lw, pending, des, ())
            pending.body.span(("properties",), None)

    def encryption_set(self) -> dict[str, str] | None:
        """`disk-encryption DES`: the reference every managed disk of the VM carries."""
        des = self.compute.disk_encryption
        return {"id": resource_id("des", des.text)} if des is not None else None

    def os_profile(
        self, pending: Pending, base: JsonPath, name: str | None, index: Position
    ) -> None:
        """osProfile: admin, SSH keys or secure password, patching and agent settings."""
        body, compute, plan = pending.body, self.compute, self.plan
        admin = compute.admin
        windows = plan.image.os == "windows"
        key, computer_name, limit = (
            ("computerName", name, WINDOWS_NAME_LIMIT)
            if name is not None
            else ("computerNamePrefix", self.common.name, VMSS_WINDOWS_PREFIX_LIMIT)
        )
        body.set((*base, key), name_json(computer_name), self.common.name_span)
        custom_data(self.lw, compute, body, base)
        if windows and LOOP_MARK not in computer_name and len(computer_name) > limit:
            self.lw.report(
                "DSL311",
                f"Windows {key} has at most {limit} characters; "
                f"'{computer_name}' has {len(computer_name)}",
                self.common.name_span,
            )
        if admin is None:
            return
        user = self.lw.value(admin.user, index)
        body.set((*base, "adminUsername"), to_json(user), admin.user.span)
        if admin.password is not None:
            body.set(
                (*base, "adminPassword"), self.lw.json(admin.password, index), admin.password.span
            )
        automatic = plan.image.from_catalog
        if windows:
            body.set(
                (*base, "windowsConfiguration"),
                {
                    "enableAutomaticUpdates": True,
                    "provisionVMAgent": True,
                    "patchSettings": {
                        "patchMode": "AutomaticByPlatform" if automatic else "AutomaticByOS",
                        "assessmentMode": "AutomaticByPlatform" if automatic else "ImageDefault",
                    },
                },
                admin.span,
            )
        else:
            linux: dict[str, Any] = {"disablePasswordAuthentication": admin.password is None}
            if admin.ssh_key is not None:
                if isinstance(user, Const):
                    path: Any = f"/home/{user.value}/.ssh/authorized_keys"
                else:
                    path = to_json(
                        Arm(f"format('/home/{{0}}/.ssh/authorized_keys', {arm_text(user)})")
                    )
                linux["ssh"] = {
                    "publicKeys": [{"path": path, "keyData": self.lw.json(admin.ssh_key, index)}]
                }
            linux["provisionVMAgent"] = True
            linux["patchSettings"] = {
                "patchMode": "AutomaticByPlatform" if automatic else "ImageDefault",
                "assessmentMode": "AutomaticByPlatform" if automatic else "ImageDefault",
            }
            body.set((*base, "linuxConfiguration"), linux, admin.span)
            if admin.ssh_key is not None:
                body.span((*base, "linuxConfiguration", "ssh"), admin.ssh_key.span)
        if not plan.allow_extensions:
            body.set(
                (*base, "allowExtensionOperations"),
                False,
                compute.allow_extensions.span if compute.allow_extensions else None,
            )

    def security(self, body: Any, base: JsonPath) -> None:
        plan, compute = self.plan, self.compute
        security: dict[str, Any] = {}
        if plan.encryption_at_host:
            security["encryptionAtHost"] = True
        if plan.trusted_launch:
            security["securityType"] = "TrustedLaunch"
            security["uefiSettings"] = {"secureBootEnabled": True, "vTpmEnabled": True}
        if security:
            span = (
                compute.trusted_launch.span
                if compute.trusted_launch
                else compute.encryption_at_host.span
                if compute.encryption_at_host
                else compute.image.span
                if compute.image
                else self.common.span
            )
            body.set((*base, "securityProfile"), security, span)
            if compute.encryption_at_host is not None:
                body.span(
                    (*base, "securityProfile", "encryptionAtHost"), compute.encryption_at_host.span
                )

    def diagnostics(self, body: Any, base: JsonPath) -> None:
        span = (
            self.compute.boot_diagnostics.span
            if self.compute.boot_diagnostics
            else self.common.span
        )
        body.set(
            (*base, "diagnosticsProfile"),
            {"bootDiagnostics": {"enabled": self.plan.boot_diagnostics}},
            span,
        )

    def purchase_plan(self, body: Any) -> None:
        """A marketplace image's purchase plan (the terms must be accepted in the
        subscription: `az vm image terms accept`)."""
        plan = self.plan.image.plan
        if plan is None:
            return
        source = self.compute.image_source
        span = source.plan if source is not None and source.plan is not None else None
        name, product, publisher = plan
        body.set(("plan",), {"name": name, "product": product, "publisher": publisher}, span)

    def identity(self, body: Any) -> None:
        if self.plan.system_identity and self.compute.identity is not None:
            body.set(("identity",), {"type": "SystemAssigned"}, self.compute.identity.span)

    def ip_configuration(
        self,
        pending: Pending,
        path: JsonPath,
        pip_key: str | None,
        pip_name: str | None,
        nic: ir.NicSpec | None = None,
    ) -> dict[str, Any]:
        """The NIC's one IP configuration: the primary NIC's (public IP, pools) or, with `nic`,
        a secondary NIC's (its subnet and static address only)."""
        compute = self.compute
        subnet = nic.subnet if nic is not None else compute.subnet
        private_ip = nic.private_ip if nic is not None else compute.private_ip
        assert subnet is not None
        properties: dict[str, Any] = {"privateIPAllocationMethod": "Dynamic"}
        if private_ip is not None:
            properties["privateIPAllocationMethod"] = "Static"
            properties["privateIPAddress"] = self.lw.json(private_ip)
            pending.body.span((*path, "properties", "privateIPAddress"), private_ip.span)
        properties["subnet"] = {
            "id": self.resources.subnet_id(pending, subnet, (*path, "properties", "subnet", "id"))
        }
        properties["primary"] = True
        if nic is not None:
            return {"name": "ipconfig1", "properties": properties}
        if pip_key is not None and pip_name is not None:
            properties["publicIPAddress"] = {"id": resource_id("pip", pip_name)}
            pending.depend(
                pip_key,
                compute.public_ip.span if compute.public_ip else None,
                (*path, "properties", "publicIPAddress", "id"),
            )
        pools = []
        for position, backend in enumerate(compute.backends):
            lb_name, _, pool = backend.text.partition(".")
            pools.append(
                {
                    "id": "[resourceId('Microsoft.Network/loadBalancers/"
                    f"backendAddressPools', '{lb_name}', '{pool}')]"
                }
            )
            pool_path = (*path, "properties", "loadBalancerBackendAddressPools", position)
            pending.depend(f"lb:{lb_name}", backend.span, pool_path)
            pending.body.span(pool_path, backend.span)
        if pools:
            properties["loadBalancerBackendAddressPools"] = pools
        return {"name": "ipconfig1", "properties": properties}

    def nsg_reference(
        self, pending: Pending, path: JsonPath, nsg: ir.Word | None = None
    ) -> dict[str, Any] | None:
        nsg = nsg or self.compute.nsg
        if nsg is None:
            return None
        pending.depend(f"nsg:{nsg.text}", nsg.span, (*path, "id"))
        pending.body.span(path, nsg.span)
        return {"id": resource_id("nsg", nsg.text)}

    def secondary_nic(self, name: str, nic: ir.NicSpec, condition: Any, index: Position) -> str:
        """A secondary NIC `NAME-NIC-nic` of the vm `name`; returns its ARM name."""
        nic_name = f"{name}-{nic.name}-nic"
        pending = self.lw.start("nic", nic_name, nic.span)
        pending.copy_index = index
        self.lw.location_and_tags(pending, self.common, index)
        config = self.ip_configuration(
            pending, ("properties", "ipConfigurations", 0), None, None, nic
        )
        pending.body.set(("properties", "ipConfigurations"), [config], nic.subnet.span)
        pending.body.set(
            ("properties", "enableAcceleratedNetworking"),
            self.plan.accelerated_networking,
            self.compute.accelerated_networking.span
            if self.compute.accelerated_networking
            else self.size_span(),
        )
        nsg = self.nsg_reference(pending, ("properties", "networkSecurityGroup"), nic.nsg)
        if nsg is not None:
            pending.body.set(("properties", "networkSecurityGroup"), nsg)
        self.lw.finish(pending, condition, self.condition_span)
        return nic_name

    # ---- vm ------------------------------------------------------------------------------------

    def vm(self, name: str, index: Position) -> None:
        lw, compute, plan, common = self.lw, self.compute, self.plan, self.common
        condition = lw.condition(common, index)
        zones = self.zones(index)
        if len(zones) > 1:
            lw.report(
                "DSL311",
                "a VM lives in one zone; use 'zone N' or 'zone auto'",
                compute.zones[1].span,
            )
            zones = zones[:1]
        pip_key = pip_name = None
        if plan.public_ip:
            pip_name = f"{name}-pip"
            pip_key = self.resources.public_ip(
                pip_name,
                compute.public_ip.span if compute.public_ip else common.span,
                zones,
                condition,
                self.condition_span,
                common,
                index,
            )
        nic = lw.start("nic", f"{name}-nic", common.span)
        lw.location_and_tags(nic, common, index)
        config = self.ip_configuration(
            nic, ("properties", "ipConfigurations", 0), pip_key, pip_name
        )
        nic.body.set(
            ("properties", "ipConfigurations"),
            [config],
            compute.subnet.span if compute.subnet else None,
        )
        nic.body.set(
            ("properties", "enableAcceleratedNetworking"),
            plan.accelerated_networking,
            compute.accelerated_networking.span
            if compute.accelerated_networking
            else self.size_span(),
        )
        nsg = self.nsg_reference(nic, ("properties", "networkSecurityGroup"))
        if nsg is not None:
            nic.body.set(("properties", "networkSecurityGroup"), nsg)
        nic.copy_index = index
        lw.finish(nic, condition, self.condition_span)
        secondary = [self.secondary_nic(name, spec, condition, index) for spec in compute.nics]

        pending = lw.start("vm", name, common.span)
        pending.copy_index = index
        lw.location_and_tags(pending, common, index)
        body = pending.body
        if zones:
            body.set(("zones",), zones, self.zones_span())
        self.purchase_plan(body)
        self.identity(body)
        body.set(("properties", "hardwareProfile", "vmSize"), self.size(index), self.size_span())
        self.note_size(pending.key, "properties.hardwareProfile.vmSize")
        self.storage(body, ("properties", "storageProfile"), name, index)
        self.depend_on_encryption_set(pending)
        self.attach_disks(pending, len(compute.data_disks))
        self.os_profile(pending, ("properties", "osProfile"), name, index)
        interfaces = [
            {
                "id": resource_id("nic", f"{name}-nic"),
                "properties": {"deleteOption": "Delete", "primary": True},
            }
        ]
        interfaces += [
            {
                "id": resource_id("nic", nic_name),
                "properties": {"deleteOption": "Delete", "primary": False},
            }
            for nic_name in secondary
        ]
        body.set(
            ("properties", "networkProfile", "networkInterfaces"),
            interfaces,
            compute.subnet.span if compute.subnet else None,
        )
        pending.depend(
            nic.key,
            common.name_span,
            ("properties", "networkProfile", "networkInterfaces", 0, "id"),
        )
        for position, (spec, nic_name) in enumerate(zip(compute.nics, secondary, strict=True)):
            path = ("properties", "networkProfile", "networkInterfaces", position + 1)
            pending.depend(f"nic:{nic_name}", spec.name_span, (*path, "id"))
            body.span(path, spec.span)
        self.security(body, ("properties",))
        self.diagnostics(body, ("properties",))
        placement(pending, compute, ("properties",), ("properties",))
        extras = VmExtras(lw, compute, plan.image.os == "windows", condition, self.condition_span)
        if compute.avset is not None:
            body.set(
                ("properties", "availabilitySet"),
                {"id": resource_id("avset", compute.avset.text)},
                compute.avset.span,
            )
            pending.depend(
                f"avset:{compute.avset.text}",
                compute.avset.span,
                ("properties", "availabilitySet", "id"),
            )
        lw.finish(pending, condition, self.condition_span)
        extras.lower(pending, name, index)

    def attach_disks(self, pending: Pending, first_lun: int) -> None:
        if not self.compute.attach:
            return
        path = ("properties", "storageProfile", "dataDisks")
        disks = pending.body.data["properties"]["storageProfile"].setdefault("dataDisks", [])
        for offset, word in enumerate(self.compute.attach):
            lun = first_lun + offset
            disks.append(
                {
                    "lun": lun,
                    "name": word.text,
                    "createOption": "Attach",
                    "managedDisk": {"id": resource_id("disk", word.text)},
                }
            )
            pending.depend(f"disk:{word.text}", word.span, (*path, lun, "managedDisk", "id"))
            pending.body.span((*path, lun), word.span)

    # ---- vmss ----------------------------------------------------------------------------------

    def vmss(self) -> None:
        lw, compute, plan, common = self.lw, self.compute, self.plan, self.common
        condition = lw.condition(common, None)
        pending = lw.start("vmss", common.name, common.span)
        lw.location_and_tags(pending, common)
        body = pending.body
        zones = self.zones(None) if compute.zone_auto is None else ["1", "2", "3"]
        if zones:
            body.set(("zones",), zones, self.zones_span())
        capacity: Any = 2
        if compute.instances is not None:
            capacity = lw.int_json(compute.instances, "instances")
        body.set(
            ("sku",),
            {"name": self.size(None), "tier": "Standard", "capacity": capacity},
            self.size_span(),
        )
        if compute.instances is not None:
            body.span(("sku", "capacity"), compute.instances.span)
        self.note_size(pending.key, "sku.name")
        self.purchase_plan(body)
        self.identity(body)
        body.set(("properties", "orchestrationMode"), "Uniform", common.span)
        body.set(
            ("properties", "upgradePolicy"),
            {"mode": compute.upgrade.text.capitalize() if compute.upgrade else "Manual"},
            compute.upgrade.span if compute.upgrade else common.span,
        )
        body.set(("properties", "overprovision"), False, common.span)
        body.set(("properties", "singlePlacementGroup"), False, common.span)
        if zones:
            body.set(("properties", "zoneBalance"), len(zones) > 1, self.zones_span())
            body.set(("properties", "platformFaultDomainCount"), 1, self.zones_span())
        profile: JsonPath = ("properties", "virtualMachineProfile")
        self.storage(body, (*profile, "storageProfile"), None, None)
        self.depend_on_encryption_set(pending)
        self.os_profile(pending, (*profile, "osProfile"), None, None)
        nic_path: JsonPath = (*profile, "networkProfile", "networkInterfaceConfigurations", 0)
        config = self.ip_configuration(
            pending, (*nic_path, "properties", "ipConfigurations", 0), None, None
        )
        config["properties"].pop("privateIPAllocationMethod", None)
        nic: dict[str, Any] = {
            "name": f"{common.name}-nic",
            "properties": {
                "primary": True,
                "enableAcceleratedNetworking": plan.accelerated_networking,
                "ipConfigurations": [config],
            },
        }
        nsg = self.nsg_reference(pending, (*nic_path, "properties", "networkSecurityGroup"))
        if nsg is not None:
            nic["properties"]["networkSecurityGroup"] = nsg
        body.set(
            (*profile, "networkProfile", "networkInterfaceConfigurations"),
            [nic],
            compute.subnet.span if compute.subnet else None,
        )
        self.security(body, profile)
        self.diagnostics(body, profile)
        placement(pending, compute, ("properties",), profile)
        lw.finish(pending, condition, self.condition_span)
