"""Shaping compute declarations: vm, vmss, avset and managed disks."""

from __future__ import annotations

from armc.dsl import ir
from armc.dsl.clause_reader import COMMON_CLAUSES, ArgReader, Settings
from armc.dsl.shape_connectivity import ConnectivityShapes
from armc.dsl.shape_placement import PlacementShapes
from armc.dsl.sizes import CLASSES as WORKLOAD_CLASSES
from armc.source import Span

COMPUTE_CLAUSES = (
    "size",
    "image",
    "os",
    "subnet",
    "public-ip",
    "zone",
    "zones",
    "avset",
    "os-disk",
    "data-disk",
    "attach",
    "admin",
    "identity",
    "boot-diagnostics",
    "trusted-launch",
    "encryption-at-host",
    "accelerated-networking",
    "backend",
    "nsg",
    "extensions",
    "spot",
    "host",
    "ppg",
    "private-ip",
    "nic",
    "custom-data",
    "script",
    "command",
    "guest-attestation",
    "auto-shutdown",
    "monitor",
    "disk-encryption",
    "plan",
    "backup",
    *COMMON_CLAUSES,
)
DISK_OPTIONS = ("iops", "mbps", "max-shares", "encryption")
VMSS_CLAUSES = (*COMPUTE_CLAUSES, "instances", "upgrade")


class ComputeShapes(PlacementShapes, ConnectivityShapes):
    def avset(self, clause: ir.Clause) -> ir.AvsetDecl | None:
        reader = self._reader(clause)
        name = reader.arg("a name")
        reader.finish()
        settings = self._settings(
            clause, ("fault-domains", "update-domains", "ppg", *COMMON_CLAUSES), "avset"
        )
        common = self._common(clause, settings, name, "avset")
        faults = self._single_arg(settings, "fault-domains", "a number")
        updates = self._single_arg(settings, "update-domains", "a number")
        ppg = self._single_word(settings, "ppg", "a proximity placement group name")
        return ir.AvsetDecl(common, faults, updates, ppg) if common else None

    def disk(self, clause: ir.Clause) -> ir.DiskDecl | None:
        """`disk NAME TYPE GiB [zones(N)] [iops N] [mbps N] { max-shares N, encryption DES }`."""
        reader = self._reader(clause)
        name = reader.arg("a name")
        sku = reader.word("a disk type (standard-hdd, standard-ssd, premium, premium-v2, ultra)")
        size = reader.arg("a size in GiB")
        header = reader.rest()
        zones = [a for a in header if isinstance(a, ir.CallWord) and a.name == "zones"]
        found = self._options(
            clause, [a for a in header if a not in zones], DISK_OPTIONS, "a disk option"
        )
        settings = self._settings(clause, (*DISK_OPTIONS, "zone", "zones", *COMMON_CLAUSES), "disk")
        for option in DISK_OPTIONS:
            for setting in settings.all(option):
                self._no_block(setting)
                found[option] = list(setting.args)
        common = self._common(clause, settings, name, "disk")
        if common is None or sku is None or size is None:
            return None
        return ir.DiskDecl(
            common,
            sku,
            size,
            self._zones(settings, list(zones)),
            self._one_word(found, "iops"),
            self._one_word(found, "mbps"),
            self._one_word(found, "max-shares"),
            self._one_word(found, "encryption"),
        )

    def des(self, clause: ir.Clause) -> ir.DesDecl | None:
        """`des NAME key KEY_URL vault VAULT_ID [rotation] [grant rbac|access-policy|none]`."""
        name, found, settings, zones = self._header_and_settings(
            clause, ("key", "vault", "rotation", "grant"), "des"
        )
        for zone in zones:
            self.report("DSL107", "a disk encryption set has no zones", zone.span)
        common = self._common(clause, settings, name, "des")
        key, vault = found.get("key", []), found.get("vault", [])
        rotation = found.get("rotation")
        if common is None:
            return None
        if not key or not vault:
            self.report(
                "DSL106",
                "'des' needs 'key KEY_URL' and 'vault VAULT_ID' (the Key Vault key and its vault)",
                common.name_span,
            )
            return None
        setting = None
        if rotation is not None:
            enabled = not rotation or ir.literal_text(rotation[0]) not in ("off", "false", "no")
            setting = ir.Setting(enabled, rotation[0].span if rotation else common.span)
        grant = self._one_word(found, "grant")
        if grant is not None and grant.text not in ir.DES_GRANTS:
            self.report(
                "DSL311",
                f"unknown grant '{grant.text}'",
                grant.span,
                hint="grant rbac (a role assignment), access-policy or none",
            )
            grant = None
        return ir.DesDecl(common, key[0], vault[0], setting, grant)

    def compute(self, clause: ir.Clause) -> ir.ComputeDecl | None:
        kind = clause.keyword
        reader = self._reader(clause)
        name = reader.arg("a name")
        reader.finish()
        allowed = VMSS_CLAUSES if kind == "vmss" else COMPUTE_CLAUSES
        settings = self._settings(clause, allowed, kind)
        common = self._common(clause, settings, name, kind)
        zones = self._zones(settings, ())
        zone_auto: Span | None = None
        if len(zones) == 1 and isinstance(zones[0], ir.Word) and zones[0].text == "auto":
            zone_auto, zones = zones[0].span, ()
        admin = self._admin(self._single(settings, "admin"))
        os_disk_clause = self._single(settings, "os-disk")
        os_disk = self._disk_spec(os_disk_clause, size_optional=True) if os_disk_clause else None
        data_disks = tuple(
            d for d in (self._disk_spec(c) for c in settings.all("data-disk")) if d is not None
        )
        attach: list[ir.Word] = []
        for attach_clause in settings.all("attach"):
            self._no_block(attach_clause)
            attach_reader = self._reader(attach_clause)
            while not attach_reader.done:
                word = attach_reader.word("a disk name")
                if word is not None:
                    attach.append(word)
        backends: list[ir.Word] = []
        for backend in settings.all("backend"):
            self._no_block(backend)
            backend_reader = self._reader(backend)
            word = backend_reader.word("a load balancer pool lb.pool")
            backend_reader.finish()
            if word is not None:
                backends.append(word)
        if common is None:
            return None
        return ir.ComputeDecl(
            kind=kind,
            common=common,
            size=self._size(settings),
            image=self._image(settings),
            os=self._os(settings),
            subnet=self._single_word(settings, "subnet", "a subnet reference vnet.subnet"),
            public_ip=self._flag(settings, "public-ip"),
            zones=zones,
            zone_auto=zone_auto,
            avset=self._single_word(settings, "avset", "an availability set name"),
            os_disk=os_disk,
            data_disks=data_disks,
            attach=tuple(attach),
            admin=admin,
            identity=self._identity(settings),
            boot_diagnostics=self._flag(settings, "boot-diagnostics"),
            trusted_launch=self._flag(settings, "trusted-launch"),
            encryption_at_host=self._flag(settings, "encryption-at-host"),
            accelerated_networking=self._flag(settings, "accelerated-networking"),
            backends=tuple(backends),
            nsg=self._single_word(settings, "nsg", "an NSG name"),
            instances=self._single_arg(settings, "instances", "a number of instances"),
            upgrade=self._choice_setting(settings, "upgrade", ("manual", "automatic", "rolling")),
            allow_extensions=self._flag(settings, "extensions"),
            span=clause.span,
            spot=self.spot(settings),
            host=self._single_word(settings, "host", "a dedicated host group.host or host group"),
            ppg=self._single_word(settings, "ppg", "a proximity placement group name"),
            private_ip=self._single_word(settings, "private-ip", "a static private IP address"),
            nics=tuple(n for n in map(self.nic_spec, settings.all("nic")) if n is not None),
            custom_data=self._single_arg(
                settings, "custom-data", 'a file such as "cloud-init.yaml"'
            ),
            script=self._script(settings),
            guest_attestation=self._flag(settings, "guest-attestation"),
            auto_shutdown=self._auto_shutdown(settings),
            monitor=self._single_word(settings, "monitor", "a data collection rule (dcr) name"),
            disk_encryption=self._single_word(
                settings, "disk-encryption", "a disk encryption set (des) name"
            ),
            image_source=self._image_source(settings),
            backup=self._single_word(settings, "backup", "a backup policy vault.policy"),
            size_request=self._size_request(settings),
        )

    def dcr(self, clause: ir.Clause) -> ir.DcrDecl | None:
        """`dcr NAME workspace ID { performance SECONDS, syslog, events }`."""
        reader = self._reader(clause)
        name = reader.arg("a name")
        workspace: ir.Arg | None = None
        if reader.peek_word() == "workspace":
            reader.arg("workspace")
            workspace = reader.arg("a Log Analytics workspace resource id")
        reader.finish()
        settings = self._settings(
            clause, ("workspace", "performance", "syslog", "events", *COMMON_CLAUSES), "dcr"
        )
        workspace = workspace or self._single_arg(
            settings, "workspace", "a Log Analytics workspace resource id"
        )
        common = self._common(clause, settings, name, "dcr")
        if common is None:
            return None
        if workspace is None:
            self.report(
                "DSL106",
                "'dcr' needs 'workspace ID' (a Log Analytics workspace resource id)",
                common.name_span,
            )
            return None
        performance_clause = self._single(settings, "performance")
        performance: ir.Word | None = None
        if performance_clause is not None:
            performance_reader = self._reader(performance_clause)
            performance = (
                performance_reader.word("a sampling interval in seconds")
                if not performance_reader.done
                else ir.Word("60", performance_clause.span)
            )
            performance_reader.finish()
        return ir.DcrDecl(
            common,
            workspace,
            performance,
            self._flag(settings, "syslog"),
            self._flag(settings, "events"),
        )

    def _size(self, settings: Settings) -> ir.Arg | None:
        """`size NAME` (a size request keeps its first word as the size argument)."""
        clause = self._single(settings, "size")
        if clause is not None and self._is_size_request(clause):
            return clause.args[0]
        return self._single_arg(settings, "size", "a VM size such as Standard_D2s_v5")

    @staticmethod
    def _is_size_request(clause: ir.Clause) -> bool:
        first = clause.args[0] if clause.args else None
        return isinstance(first, ir.Word) and first.text in WORKLOAD_CLASSES

    def _size_request(self, settings: Settings) -> ir.SizeRequest | None:
        """`size CLASS [Nvcpu] [Ngb] [Ngpu]`, in any order after the class."""
        found = settings.all("size")
        clause = found[0] if found else None
        if clause is None or not self._is_size_request(clause):
            return None
        parts: dict[str, ir.Word] = {}
        for arg in clause.args[1:]:
            text = arg.text.lower() if isinstance(arg, ir.Word) else ""
            unit = next((u for u in ("vcpu", "gpu", "gb") if text.endswith(u)), None)
            amount = text[: -len(unit)] if unit else ""
            if unit is None or not amount.isdigit() or unit in parts:
                self.report(
                    "DSL311",
                    "a size request is 'size CLASS [Nvcpu] [Ngb] [Ngpu]', for example "
                    "'size memory 8vcpu 64gb'",
                    arg.span,
                )
                continue
            assert isinstance(arg, ir.Word)
            parts[unit] = ir.Word(amount, arg.span)
        workload = clause.args[0]
        assert isinstance(workload, ir.Word)
        return ir.SizeRequest(
            workload, parts.get("vcpu"), parts.get("gb"), parts.get("gpu"), clause.span
        )

    def _image(self, settings: Settings) -> ir.Arg | None:
        """`image ALIAS`, `image "publisher:offer:sku:version" [plan]`, `image gallery ID`."""

        def read(reader: ArgReader) -> ir.Arg | None:
            if reader.peek_word() == "gallery" and len(reader.args) > 1:
                reader.arg("gallery")
            image = reader.arg("an image alias or publisher:offer:sku:version")
            if reader.peek_word() == "plan":
                reader.arg("plan")
            return image

        return self._single_value(settings, "image", read)

    def _image_source(self, settings: Settings) -> ir.ImageSource | None:
        clause = self._single(settings, "image")
        gallery = plan = None
        if clause is not None:
            first = clause.args[0] if clause.args else None
            if len(clause.args) > 1 and isinstance(first, ir.Word) and first.text == "gallery":
                gallery = first.span
            last = clause.args[-1] if clause.args else None
            if len(clause.args) > 1 and isinstance(last, ir.Word) and last.text == "plan":
                plan = last.span
        parts: tuple[ir.Word, ir.Word, ir.Word] | None = None
        plan_clause = self._single(settings, "plan")
        if plan_clause is not None:
            self._no_block(plan_clause)
            reader = self._reader(plan_clause)
            name = reader.word("the plan name (usually the image SKU)")
            product = reader.word("the plan product (usually the offer)")
            publisher = reader.word("the plan publisher")
            reader.finish()
            if name is not None and product is not None and publisher is not None:
                parts = (name, product, publisher)
            plan = plan or plan_clause.span
        if gallery is None and plan is None:
            return None
        return ir.ImageSource(gallery, plan, parts)

    def _script(self, settings: Settings) -> ir.Script | None:
        """`script FILE` and/or `command "..."` (both is DSL311, checked later)."""
        file = self._single_arg(settings, "script", 'a script file such as "setup.sh"')
        command = self._single_arg(settings, "command", 'a command such as "./setup.sh"')
        clauses = [*settings.all("script"), *settings.all("command")]
        if not clauses:
            return None
        return ir.Script(file, command, clauses[0].span)

    def _auto_shutdown(self, settings: Settings) -> ir.AutoShutdown | None:
        """`auto-shutdown HHMM [timezone "Zone"]`."""
        clause = self._single(settings, "auto-shutdown")
        if clause is None:
            return None
        self._no_block(clause)
        reader = self._reader(clause)
        time = reader.word("a time of day such as 1900")
        timezone: ir.Arg | None = None
        if reader.peek_word() == "timezone":
            reader.arg("timezone")
            timezone = reader.arg('a Windows time zone id such as "W. Europe Standard Time"')
        reader.finish()
        return ir.AutoShutdown(time, timezone, clause.span) if time is not None else None

    def _os(self, settings: Settings) -> ir.Word | None:
        return self._choice_setting(settings, "os", ("linux", "windows"))

    def _identity(self, settings: Settings) -> ir.Word | None:
        return self._choice_setting(settings, "identity", ("system", "none"))

    def _disk_spec(self, clause: ir.Clause, size_optional: bool = False) -> ir.DataDisk | None:
        self._no_block(clause)
        reader = self._reader(clause)
        sku = reader.word("a disk type (standard-hdd, standard-ssd, premium, premium-zrs, ...)")
        size = None if size_optional and reader.done else reader.arg("a size in GiB")
        reader.finish()
        if sku is None:
            return None
        if size is None:
            size = ir.ValueArg(ir.Literal(None, clause.span), clause.span)
        return ir.DataDisk(sku, size, clause.span)

    def _admin(self, clause: ir.Clause | None) -> ir.Admin | None:
        """`admin USER ssh KEY` or `admin USER password SECRET`."""
        if clause is None:
            return None
        self._no_block(clause)
        reader = self._reader(clause)
        user = reader.arg("a user name")
        method = reader.choice("ssh or password", ("ssh", "password"))
        secret = reader.arg(
            "an SSH public key parameter"
            if method and method.text == "ssh"
            else "a secure parameter"
        )
        reader.finish()
        if user is None or method is None or secret is None:
            return None
        if method.text == "ssh":
            return ir.Admin(user, secret, None, clause.span)
        return ir.Admin(user, None, secret, clause.span)

    # ---- escape hatch ------------------------------------------------------------------------
