"""Compute checks and secure, current defaults for `vm` and `vmss` declarations.

`plan_compute` checks images, sizes, credentials, disks and zones, and decides every default
(Linux or Windows from the image, Trusted Launch where supported, managed boot diagnostics,
accelerated networking where the size has it, ...). Lowering only reads the resulting plans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from armc import data
from armc.diagnostics import Diagnostics, did_you_mean
from armc.dsl import ir
from armc.dsl.codes import Reporter
from armc.dsl.passes.symbols import Symbols
from armc.source import Span

DEFAULT_SIZE = "Standard_D2s_v5"
MAX_OS_DISK_GIB = 4095
MAX_DATA_DISK_GIB = 65536
DISK_SKUS = {
    "standard-hdd": "Standard_LRS",
    "standard-ssd": "StandardSSD_LRS",
    "standard-ssd-zrs": "StandardSSD_ZRS",
    "premium": "Premium_LRS",
    "premium-zrs": "Premium_ZRS",
    "premium-v2": "PremiumV2_LRS",
    "ultra": "UltraSSD_LRS",
}
RESERVED_USERS = frozenset(
    {
        "administrator",
        "admin",
        "user",
        "user1",
        "test",
        "user2",
        "test1",
        "user3",
        "admin1",
        "1",
        "123",
        "a",
        "actuser",
        "adm",
        "admin2",
        "aspnet",
        "backup",
        "console",
        "david",
        "guest",
        "john",
        "owner",
        "root",
        "server",
        "sql",
        "support",
        "support_388945a0",
        "sys",
        "test2",
        "test3",
        "user4",
        "user5",
    }
)
EPHEMERAL_SKU = "Standard_LRS"  # what an ephemeral OS disk names as its account type
SIZE_PATTERN = re.compile(r"^(Standard|Basic)_[A-Za-z0-9_]+$")
SSH_KEY_PREFIXES = ("ssh-rsa ", "ssh-ed25519 ", "ecdsa-sha2-")


@dataclass(frozen=True, slots=True)
class ImageChoice:
    publisher: str
    offer: str
    sku: str
    version: str
    os: str
    trusted_launch: bool
    from_catalog: bool
    span: Span
    gallery_id: ir.Arg | None = None
    plan: tuple[str, str, str] | None = None  # (name, product, publisher)


@dataclass(frozen=True, slots=True)
class ComputePlan:
    """Everything lowering needs to know about one vm/vmss beyond its declaration."""

    size: ir.Arg | str  # a literal size, or an argument that evaluates to one
    size_info: data.VmSize | None
    image: ImageChoice
    os_disk_sku: str
    data_disk_skus: tuple[str, ...]
    trusted_launch: bool
    boot_diagnostics: bool
    encryption_at_host: bool
    accelerated_networking: bool
    public_ip: bool
    system_identity: bool
    allow_extensions: bool
    ephemeral: str | None = None  # the placement of an ephemeral OS disk
    size_reason: str | None = None  # why a size request resolved as it did


class ComputeChecks(Reporter):
    def __init__(
        self, symbols: Symbols, diagnostics: Diagnostics, region: str | None = None
    ) -> None:
        self.symbols = symbols
        self.diagnostics = diagnostics
        self.region = region  # the program's literal `location`, for size requests

    def _value_name(self, arg: ir.Arg) -> bool:
        return isinstance(arg, ir.Word) and (
            arg.text in self.symbols.params or arg.text in self.symbols.variables
        )

    # ---- parts -------------------------------------------------------------------------------

    def image(self, compute: ir.ComputeDecl) -> ImageChoice | None:
        arg = compute.image
        if arg is None:
            self.report(
                "DSL106",
                f"'{compute.kind}' needs 'image ALIAS' (for example "
                "ubuntu-24.04) or 'image \"publisher:offer:sku:version\"'",
                compute.common.name_span,
            )
            return None
        source = compute.image_source
        if source is not None and source.gallery is not None:
            return self._gallery_image(compute, arg)
        text = ir.literal_text(arg)
        catalog = data.images()
        if source is not None and source.plan is not None:
            return self._plan_image(compute, arg, text, source)
        if text is not None and text in catalog:
            image = catalog[text]
            if compute.os is not None and compute.os.text != image.os:
                self.report(
                    "DSL311",
                    f"image '{text}' is {image.os}, not {compute.os.text}",
                    compute.os.span,
                )
            return ImageChoice(
                image.publisher,
                image.offer,
                image.sku,
                image.version,
                image.os,
                image.trusted_launch,
                True,
                arg.span,
            )
        if text is not None and text.count(":") == 3 and all(text.split(":")):
            publisher, offer, sku, version = text.split(":")
            os_name = (
                compute.os.text
                if compute.os is not None
                else ("windows" if "windows" in (publisher + offer).lower() else "linux")
            )
            explicit = compute.trusted_launch is not None and compute.trusted_launch.enabled
            return ImageChoice(publisher, offer, sku, version, os_name, explicit, False, arg.span)
        shown = text if text is not None else "this value"
        self.report(
            "DSL305",
            f"unknown image '{shown}'",
            arg.span,
            hint=(did_you_mean(text, catalog) if text else None)
            or f'use an alias ({", ".join(sorted(catalog))}) or "publisher:offer:sku:version"',
        )
        return None

    def _gallery_image(self, compute: ir.ComputeDecl, arg: ir.Arg) -> ImageChoice | None:
        """`image gallery ID`: a gallery image (definition or version) by resource id."""
        text = ir.literal_text(arg)
        if text is not None and not self._value_name(arg) and "/galleries/" not in text.lower():
            self.report(
                "DSL311",
                "a gallery image is a resource id .../galleries/G/images/I[/versions/V]",
                arg.span,
            )
            return None
        if compute.os is None:
            self.report(
                "DSL106",
                "a gallery image needs 'os linux' or 'os windows'",
                compute.common.name_span,
            )
            return None
        explicit = compute.trusted_launch is not None and compute.trusted_launch.enabled
        return ImageChoice(
            "", "", "", "", compute.os.text, explicit, False, arg.span, gallery_id=arg
        )

    def _plan_image(
        self,
        compute: ir.ComputeDecl,
        arg: ir.Arg,
        text: str | None,
        source: ir.ImageSource,
    ) -> ImageChoice | None:
        """A marketplace image with a purchase plan: the URN's parts name the plan unless
        `plan NAME PRODUCT PUBLISHER` says otherwise."""
        if text is None or text.count(":") != 3 or not all(text.split(":")):
            self.report(
                "DSL311",
                'a marketplace image with a plan is written "publisher:offer:sku:version"',
                arg.span,
            )
            return None
        publisher, offer, sku, version = text.split(":")
        plan = (sku, offer, publisher)
        if source.plan_parts is not None:
            plan = tuple(w.text for w in source.plan_parts)  # type: ignore[assignment]
            if plan[2].lower() != publisher.lower() or plan[1].lower() != offer.lower():
                self.report(
                    "DSL311",
                    f"the plan's product and publisher ({plan[1]}, {plan[2]}) must be the "
                    f"image's offer and publisher ({offer}, {publisher})",
                    source.plan_parts[1].span,
                )
        if compute.os is None:
            self.report(
                "DSL106",
                "a marketplace image needs 'os linux' or 'os windows'",
                compute.common.name_span,
            )
            return None
        explicit = compute.trusted_launch is not None and compute.trusted_launch.enabled
        return ImageChoice(
            publisher,
            offer,
            sku,
            version,
            compute.os.text,
            explicit,
            False,
            arg.span,
            plan=plan,
        )

    def size_request(
        self, compute: ir.ComputeDecl, request: ir.SizeRequest, os_name: str
    ) -> tuple[str, data.VmSize | None, str | None]:
        """The cheapest catalogued size of the requested class in the VM's region."""
        from armc.dsl.sizes import resolve

        location = compute.common.location
        region = ir.literal_text(location) if location is not None else self.region
        if location is not None and isinstance(location, ir.Word) and self._value_name(location):
            region = None
        if region is None:
            self.report(
                "DSL311",
                "a size request is priced in the VM's region: write 'location REGION' "
                "(a region name, not a parameter)",
                request.span,
            )
            return DEFAULT_SIZE, None, None
        amounts = [
            int(w.text) if w is not None else 0
            for w in (request.vcpus, request.memory, request.gpus)
        ]
        vcpus, memory, gpus = amounts
        choice = resolve(request.workload.text, vcpus, memory, gpus, region.lower(), os_name)
        if choice is None:
            self.report(
                "DSL311",
                f"no {request.workload.text} size with at least {amounts[0]} vCPU, "
                f"{amounts[1]} GiB and {amounts[2]} GPU has a {os_name} price in {region} in "
                "armc's catalogs",
                request.span,
                hint="relax the request, or name a size",
            )
            return DEFAULT_SIZE, None, None
        text = " ".join(
            [request.workload.text]
            + [
                f"{w.text}{unit}"
                for w, unit in (
                    (request.vcpus, "vcpu"),
                    (request.memory, "gb"),
                    (request.gpus, "gpu"),
                )
                if w is not None
            ]
        )
        return (
            choice.size.name,
            data.vm_sizes().get(choice.size.name),
            choice.reason(text, region.lower(), os_name),
        )

    def size(self, compute: ir.ComputeDecl) -> tuple[ir.Arg | str, data.VmSize | None]:
        arg = compute.size
        if arg is None:
            return DEFAULT_SIZE, data.vm_sizes()[DEFAULT_SIZE]
        if self._value_name(arg):
            return arg, None
        text = ir.literal_text(arg)
        if text is None:
            return arg, None  # computed at deployment
        sizes = data.vm_sizes()
        if text is not None and text in sizes:
            return text, sizes[text]
        lowered = {s.lower(): s for s in sizes}
        if text is not None and SIZE_PATTERN.match(text) and text.lower() not in lowered:
            return text, None
        self.report(
            "DSL306",
            f"unknown VM size '{text}'",
            arg.span,
            hint=did_you_mean(text or "", sizes) or "sizes look like Standard_D2s_v5",
        )
        return DEFAULT_SIZE, None

    def disk_sku(self, word: ir.Word) -> str:
        sku = DISK_SKUS.get(word.text.lower())
        if sku is None:
            self.report(
                "DSL311",
                f"'{word.text}' is not a disk type",
                word.span,
                hint=did_you_mean(word.text, DISK_SKUS) or f"one of {', '.join(DISK_SKUS)}",
            )
            return "Premium_LRS"
        return sku

    def size_supports(
        self,
        compute: ir.ComputeDecl,
        size: data.VmSize,
        accelerated: bool,
        disk_skus: tuple[str, ...],
    ) -> None:
        """What was asked for explicitly must be something the size can do."""
        if accelerated and not size.accelerated_networking and compute.accelerated_networking:
            self.report(
                "DSL311",
                f"{size.name} does not support accelerated networking",
                compute.accelerated_networking.span,
            )
        if not size.premium_storage and any(s.startswith("Premium") for s in disk_skus):
            self.report(
                "DSL311",
                f"{size.name} cannot use premium disks",
                compute.os_disk.span if compute.os_disk else compute.common.name_span,
            )
        if (
            compute.trusted_launch is not None
            and compute.trusted_launch.enabled
            and ("V2" not in size.generations)
        ):
            self.report(
                "DSL311",
                f"{size.name} has no generation 2 support, which Trusted Launch needs",
                compute.trusted_launch.span,
            )

    def credentials(self, compute: ir.ComputeDecl, os_name: str) -> None:
        admin = compute.admin
        if admin is None:
            how = (
                "admin USER password SECURE_PARAM"
                if os_name == "windows"
                else "admin USER ssh KEY_PARAM"
            )
            self.report(
                "DSL312",
                f"{compute.kind} '{compute.common.name}' needs an admin account: '{how}'",
                compute.common.name_span,
            )
            return
        if (
            isinstance(admin.user, ir.Word)
            and not self._value_name(admin.user)
            and admin.user.text.lower() in RESERVED_USERS
        ):
            self.report(
                "DSL311",
                f"'{admin.user.text}' is a reserved user name in Azure",
                admin.user.span,
                hint="for example azureuser",
            )
        if admin.ssh_key is not None:
            if os_name == "windows":
                self.report(
                    "DSL308",
                    "Windows VMs do not take SSH keys; use 'admin USER password SECURE_PARAM'",
                    admin.ssh_key.span,
                )
                return
            self._ssh_key(admin.ssh_key)
        if admin.password is not None:
            self._password(admin.password)

    def _ssh_key(self, key: ir.Arg) -> None:
        if isinstance(key, ir.Word):
            if key.text not in self.symbols.params and key.text not in self.symbols.variables:
                self.report(
                    "DSL201",
                    f"undefined parameter '{key.text}' for the SSH key",
                    key.span,
                    hint=did_you_mean(key.text, self.symbols.params),
                )
            return
        if isinstance(key, ir.ValueArg) and isinstance(key.expr, ir.Literal):
            value = key.expr.value
            if not (isinstance(value, str) and value.startswith(SSH_KEY_PREFIXES)):
                self.report(
                    "DSL311",
                    "an SSH public key starts with ssh-rsa, ssh-ed25519 or ecdsa-sha2-",
                    key.span,
                )

    def _password(self, password: ir.Arg) -> None:
        if isinstance(password, ir.Word):
            param = self.symbols.params.get(password.text)
            if param is not None and param.secure:
                return
            if param is not None:
                self.report(
                    "DSL307",
                    f"parameter '{password.text}' holds a password and must be secure",
                    password.span,
                    hint=f"declare it as 'param {password.text}: secure string'",
                )
                return
            if password.text in self.symbols.variables:
                self.report(
                    "DSL307",
                    "a password cannot come from a variable; use a secure "
                    "parameter or a Key Vault reference",
                    password.span,
                )
                return
            candidates = [p for p, d in self.symbols.params.items() if d.secure]
            self.report(
                "DSL201",
                f"undefined secure parameter '{password.text}'",
                password.span,
                hint=did_you_mean(password.text, candidates),
            )
            return
        self.report(
            "DSL307",
            "passwords must not be written in the program",
            password.span,
            hint="use a 'secure string' parameter, optionally with keyvault(...)",
        )

    def zones(self, compute: ir.ComputeDecl) -> None:
        if compute.avset is not None and (compute.zones or compute.zone_auto):
            self.report(
                "DSL316",
                "a VM is either zonal or in an availability set, not both",
                compute.avset.span,
            )
        for zone in compute.zones:
            text = ir.literal_text(zone)
            if text is not None and text not in ("1", "2", "3"):
                self.report("DSL311", f"zone '{text}' must be 1, 2 or 3 (or 'auto')", zone.span)

    # ---- the plan ------------------------------------------------------------------------------

    def plan(self, compute: ir.ComputeDecl) -> ComputePlan | None:
        image = self.image(compute)
        size, size_info = (
            self.size(compute) if compute.size_request is None else (DEFAULT_SIZE, None)
        )
        size_reason: str | None = None
        if compute.size_request is not None and image is not None:
            size, size_info, size_reason = self.size_request(
                compute, compute.size_request, image.os
            )
        self.zones(compute)
        ephemeral = compute.os_disk is not None and compute.os_disk.sku.text.lower() == "ephemeral"
        os_disk_sku = (
            EPHEMERAL_SKU
            if ephemeral
            else self.disk_sku(compute.os_disk.sku)
            if compute.os_disk
            else (
                "Premium_LRS"
                if size_info is None or size_info.premium_storage
                else "StandardSSD_LRS"
            )
        )
        if compute.os_disk is not None and os_disk_sku in ("PremiumV2_LRS", "UltraSSD_LRS"):
            self.report(
                "DSL311",
                f"an OS disk cannot be {compute.os_disk.sku.text}",
                compute.os_disk.sku.span,
                hint="use premium, premium-zrs, standard-ssd or standard-hdd",
            )
        data_skus = tuple(self.disk_sku(d.sku) for d in compute.data_disks)
        sized = [(None if ephemeral else compute.os_disk, MAX_OS_DISK_GIB)]
        sized += [(d, MAX_DATA_DISK_GIB) for d in compute.data_disks]
        for disk, limit in sized:
            written = ir.literal_text(disk.size) if disk is not None else None
            if disk is None or written is None:
                continue
            if not (written.isdigit() and 1 <= int(written) <= limit):
                self.report(
                    "DSL311", f"a disk size is a number of GiB from 1 to {limit}", disk.size.span
                )
        if (
            size_info is not None
            and len(compute.data_disks) + len(compute.attach) > size_info.max_data_disks
        ):
            self.report(
                "DSL311",
                f"{size_info.name} takes at most {size_info.max_data_disks} data disks",
                compute.common.name_span,
            )
        if image is None:
            return None
        self.credentials(compute, image.os)
        trusted = image.trusted_launch
        if compute.trusted_launch is not None:
            if compute.trusted_launch.enabled and not image.trusted_launch:
                self.report(
                    "DSL311",
                    "this image does not support Trusted Launch",
                    compute.trusted_launch.span,
                )
            trusted = compute.trusted_launch.enabled and image.trusted_launch
        if size_info is not None and "V2" not in size_info.generations:
            trusted = False
        accelerated = size_info.accelerated_networking if size_info is not None else False
        if compute.accelerated_networking is not None:
            accelerated = compute.accelerated_networking.enabled
        if size_info is not None:
            self.size_supports(compute, size_info, accelerated, (os_disk_sku, *data_skus))
        if compute.public_ip is not None and compute.kind == "vmss":
            self.report(
                "DSL107",
                "a vmss takes no public IP; put it behind a load balancer",
                compute.public_ip.span,
            )
        return ComputePlan(
            size=size,
            size_info=size_info,
            image=image,
            os_disk_sku=os_disk_sku,
            data_disk_skus=data_skus,
            trusted_launch=trusted,
            boot_diagnostics=compute.boot_diagnostics is None or compute.boot_diagnostics.enabled,
            encryption_at_host=compute.encryption_at_host is not None
            and compute.encryption_at_host.enabled,
            accelerated_networking=accelerated,
            public_ip=compute.public_ip is not None and compute.public_ip.enabled,
            system_identity=compute.identity is not None and compute.identity.text == "system",
            allow_extensions=compute.allow_extensions is None or compute.allow_extensions.enabled,
            ephemeral=_ephemeral_placement(compute) if ephemeral else None,
            size_reason=size_reason,
        )


def _ephemeral_placement(compute: ir.ComputeDecl) -> str:
    """`os-disk ephemeral [resource|cache|nvme]`: the ARM placement (ResourceDisk default)."""
    assert compute.os_disk is not None
    written = ir.literal_text(compute.os_disk.size)
    placements = {"resource": "ResourceDisk", "cache": "CacheDisk", "nvme": "NvmeDisk"}
    return placements.get(written or "resource", "ResourceDisk")


def plan_compute(
    module: ir.Module, symbols: Symbols, diagnostics: Diagnostics
) -> dict[tuple[str, str], ComputePlan]:
    """Plans by (kind, name) for every vm and vmss that checks out."""
    location = module.location
    region = (
        ir.literal_text(location)
        if location is not None
        and not (isinstance(location, ir.Word) and location.text in symbols.params)
        else None
    )
    checks = ComputeChecks(symbols, diagnostics, region)
    plans: dict[tuple[str, str], ComputePlan] = {}
    for declaration in module.declarations:
        if isinstance(declaration, ir.ComputeDecl):
            plan = checks.plan(declaration)
            if plan is not None:
                plans[(declaration.kind, declaration.common.name)] = plan
    return plans
