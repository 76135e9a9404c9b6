"""The `vm` and `vmss` forms for imported resources.

A `vm NAME` declaration makes a NIC `NAME-nic`, a VM `NAME` and, with `public-ip`, a public IP
`NAME-pip`. The importer writes the declaration from the evaluated VM, its NIC and its public
IP: each clause's value is the template's own expression where it has one (`size vm_size`,
`admin admin_user ssh ssh_key`), so a deployment with other parameter values still gets what
the template would give. Values the DSL can only take as constants (the image, zones, disk
types) must not depend on parameters. The candidate is accepted only when it builds to exactly
those resources (`matches_group`); otherwise the VM, NIC and public IP keep their own forms or
the `resource` escape hatch.

The clauses whose value is the DSL's default (`trusted-launch`, `accelerated-networking`, the
default size and OS disk type) are left out when the declaration builds the same without them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Protocol

from armc.importer.forms import PIP_ID, SUBNET_ID, WORD

NIC_ID = re.compile(r"/providers/Microsoft\.Network/networkInterfaces/([^/]+)$", re.IGNORECASE)
AVSET_ID = re.compile(r"/providers/Microsoft\.Compute/availabilitySets/([^/]+)$", re.IGNORECASE)
DISK_ID = re.compile(r"/providers/Microsoft\.Compute/disks/([^/]+)$", re.IGNORECASE)
NSG_ID = re.compile(r"/providers/Microsoft\.Network/networkSecurityGroups/([^/]+)$", re.IGNORECASE)
POOL_ID = re.compile(
    r"/providers/Microsoft\.Network/loadBalancers/([^/]+)/backendAddressPools/([^/]+)$",
    re.IGNORECASE,
)
DISK_SKUS = {
    "Standard_LRS": "standard-hdd",
    "StandardSSD_LRS": "standard-ssd",
    "StandardSSD_ZRS": "standard-ssd-zrs",
    "Premium_LRS": "premium",
    "Premium_ZRS": "premium-zrs",
    "PremiumV2_LRS": "premium-v2",
    "UltraSSD_LRS": "ultra",
}
ORDER = (
    "size",
    "image",
    "os",
    "instances",
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
    "extensions",
    "backend",
    "nsg",
    "upgrade",
)
DEFAULT_SIZE = "Standard_D2s_v5"
DEFAULT_OS_DISK = "Premium_LRS"
Path = tuple[str | int, ...]


class Values(Protocol):
    """How the importer writes a value of the template as a clause argument."""

    def arg(self, path: Path) -> str | None:
        """The clause argument for the raw value at `path` of the resource: a word, a string,
        a parameter's name or a parenthesised expression; None when it cannot be written."""

    def fixed(self, path: Path) -> bool:
        """Whether the raw value at `path` is the same whatever the parameters are."""

    def derived(self, path: Path, source: Path) -> None:
        """The DSL derives the value at `path` from the one at `source` (the SSH key's path
        from the user, the computer name from the name): it is carried over when it depends
        on no parameter but those of `source`."""


@dataclass
class Declared:
    """Names of the declarations a `vm` or `vmss` may refer to (each took its own form)."""

    vnets: set[str] = field(default_factory=set)
    nsgs: set[str] = field(default_factory=set)
    avsets: set[str] = field(default_factory=set)
    disks: set[str] = field(default_factory=set)
    lbs: set[str] = field(default_factory=set)


@dataclass
class Clauses:
    """A candidate declaration: its head and clauses, and those to leave out when they are
    the default (`droppable`)."""

    head: str
    clauses: list[str] = field(default_factory=list)
    droppable: set[str] = field(default_factory=set)
    public_ip: str | None = None
    referenced: set[str] = field(default_factory=set)
    """The declarations named by the clauses (vnet, nsg, avset, disk, lb)."""

    def add(self, clause: str, droppable: bool = False) -> None:
        self.clauses.append(clause)
        if droppable:
            self.droppable.add(clause)

    def lines(self, drop: set[str] | frozenset[str] = frozenset()) -> list[str]:
        """The declaration without the clauses `drop`, clauses in the order
        docs/language.md lists them."""
        kept = [c for c in self.clauses if c not in drop]
        kept.sort(key=lambda c: ORDER.index(c.split()[0]) if c.split()[0] in ORDER else len(ORDER))
        return [self.head + " {", *(f"  {c}" for c in kept), "}"]


def _get(body: Any, *path: str | int) -> Any:
    for part in path:
        if isinstance(part, int):
            if not isinstance(body, list) or part >= len(body):
                return None
            body = body[part]
        else:
            if not isinstance(body, dict):
                return None
            body = body.get(part)
    return body


def _id(value: Any) -> str:
    return str(value.get("id", "")) if isinstance(value, dict) else ""


def _image(reference: Any, urn: bool) -> tuple[str, str | None] | None:
    """(`image` argument, the `os` the DSL needs for a custom image or None); with `urn`, the
    image as `"publisher:offer:sku:version"` even when the catalogue has it (the DSL then
    treats it as a custom image: no Trusted Launch or platform patching by default)."""
    from armc import data

    if not isinstance(reference, dict) or set(reference) != {
        "publisher",
        "offer",
        "sku",
        "version",
    }:
        return None
    if not all(isinstance(v, str) and ":" not in v for v in reference.values()):
        return None
    for alias, image in sorted(data.images().items()):
        if not urn and (image.publisher, image.offer, image.sku, image.version) == (
            reference["publisher"],
            reference["offer"],
            reference["sku"],
            reference["version"],
        ):
            return alias, None
    text = ":".join(reference[k] for k in ("publisher", "offer", "sku", "version"))
    return f'"{text}"', "custom"


def profile_clauses(
    out: Clauses,
    profile: dict[str, Any],
    base: Path,
    values: Values,
    declared: Declared,
    *,
    urn: bool = False,
) -> bool:
    """Clauses for a VM's properties (or a scale set's virtualMachineProfile) at `base`:
    image, OS disk, data disks, admin, security, boot diagnostics. False when the DSL cannot
    say what the profile holds."""
    storage = profile.get("storageProfile")
    if not isinstance(storage, dict):
        return False
    if not values.fixed((*base, "storageProfile", "imageReference")):
        return False
    image = _image(storage.get("imageReference"), urn)
    if image is None:
        return False
    out.add(f"image {image[0]}")
    os_profile = profile.get("osProfile")
    if not isinstance(os_profile, dict):
        return False
    windows = "windowsConfiguration" in os_profile
    if image[1] is not None:
        out.add("os windows" if windows else "os linux")
    os_disk = storage.get("osDisk")
    sku = _get(os_disk, "managedDisk", "storageAccountType")
    if sku not in DISK_SKUS or not values.fixed(
        (*base, "storageProfile", "osDisk", "managedDisk", "storageAccountType")
    ):
        return False
    if isinstance(os_disk, dict) and "diskSizeGB" in os_disk:
        size = values.arg((*base, "storageProfile", "osDisk", "diskSizeGB"))
        if size is None:
            return False
        out.add(f"os-disk {DISK_SKUS[sku]} {size}")
    else:
        out.add(f"os-disk {DISK_SKUS[sku]}", droppable=sku == DEFAULT_OS_DISK)
    if not _data_disks(out, storage.get("dataDisks"), (*base, "storageProfile"), values, declared):
        return False
    if not _admin(out, os_profile, (*base, "osProfile"), values, windows):
        return False
    for computer in ("computerName", "computerNamePrefix"):
        values.derived((*base, "osProfile", computer), ("name",))
    if os_profile.get("allowExtensionOperations") is False:
        out.add("extensions off")
    security = profile.get("securityProfile") or {}
    if not isinstance(security, dict) or not values.fixed((*base, "securityProfile")):
        return False
    if security.get("encryptionAtHost") is True:
        out.add("encryption-at-host on")
    trusted = security.get("securityType") == "TrustedLaunch"
    out.add(f"trusted-launch {'on' if trusted else 'off'}", droppable=True)
    boot = _get(profile, "diagnosticsProfile", "bootDiagnostics", "enabled")
    if boot is False:
        out.add("boot-diagnostics off")
    elif boot is not True:
        return False
    return True


def _data_disks(out: Clauses, disks: Any, base: Path, values: Values, declared: Declared) -> bool:
    if disks is None:
        return True
    if not isinstance(disks, list):
        return False
    attaching = False
    for position, disk in enumerate(disks):
        if not isinstance(disk, dict):
            return False
        if disk.get("createOption") == "Attach":
            found = DISK_ID.search(_id(disk.get("managedDisk")))
            if found is None or found.group(1) not in declared.disks:
                return False
            attaching = True
            out.add(f"attach {found.group(1)}")
            out.referenced.add(found.group(1))
            continue
        sku = _get(disk, "managedDisk", "storageAccountType")
        if attaching or sku not in DISK_SKUS or "diskSizeGB" not in disk:
            return False
        size = values.arg((*base, "dataDisks", position, "diskSizeGB"))
        if size is None or not values.fixed(
            (*base, "dataDisks", position, "managedDisk", "storageAccountType")
        ):
            return False
        out.add(f"data-disk {DISK_SKUS[sku]} {size}")
    return True


def _admin(
    out: Clauses, os_profile: dict[str, Any], base: Path, values: Values, windows: bool
) -> bool:
    user = values.arg((*base, "adminUsername"))
    if user is None:
        return False
    if "adminPassword" in os_profile:
        secret = values.arg((*base, "adminPassword"))
        if secret is None or not WORD.match(secret):
            return False  # a password must be a secure parameter
        out.add(f"admin {user} password {secret}")
        return True
    if windows:
        return False
    keys = _get(os_profile, "linuxConfiguration", "ssh", "publicKeys")
    if not isinstance(keys, list) or len(keys) != 1:
        return False
    key = values.arg((*base, "linuxConfiguration", "ssh", "publicKeys", 0, "keyData"))
    if key is None:
        return False
    values.derived(
        (*base, "linuxConfiguration", "ssh", "publicKeys", 0, "path"), (*base, "adminUsername")
    )
    out.add(f"admin {user} ssh {key}")
    return True


def nic_clauses(
    out: Clauses, nic: dict[str, Any], base: Path, values: Values, declared: Declared
) -> bool:
    """Clauses for a NIC's properties (a VM's NIC resource, or a scale set's NIC
    configuration) at `base`: subnet, public IP, load balancer pools, NSG, accelerated
    networking."""
    configs = nic.get("ipConfigurations")
    if not isinstance(configs, list) or len(configs) != 1 or not isinstance(configs[0], dict):
        return False
    config = _get(configs[0], "properties")
    if configs[0].get("name") != "ipconfig1" or not isinstance(config, dict):
        return False
    subnet = SUBNET_ID.search(_id(config.get("subnet")))
    if subnet is None or subnet.group(1) not in declared.vnets:
        return False
    out.add(f"subnet {subnet.group(1)}.{subnet.group(2)}")
    out.referenced.add(subnet.group(1))
    if "publicIPAddress" in config:
        found = PIP_ID.search(_id(config["publicIPAddress"]))
        if found is None:
            return False
        out.public_ip = found.group(1)
        out.add("public-ip")
    pools = config.get("loadBalancerBackendAddressPools") or []
    if not isinstance(pools, list):
        return False
    for pool in pools:
        found = POOL_ID.search(_id(pool))
        if found is None or found.group(1) not in declared.lbs:
            return False
        out.add(f"backend {found.group(1)}.{found.group(2)}")
        out.referenced.add(found.group(1))
    if "networkSecurityGroup" in nic:
        found = NSG_ID.search(_id(nic["networkSecurityGroup"]))
        if found is None or found.group(1) not in declared.nsgs:
            return False
        out.add(f"nsg {found.group(1)}")
        out.referenced.add(found.group(1))
    accelerated = nic.get("enableAcceleratedNetworking")
    if not isinstance(accelerated, bool) or not values.fixed(
        (*base, "enableAcceleratedNetworking")
    ):
        return False
    out.add(f"accelerated-networking {'on' if accelerated else 'off'}", droppable=True)
    return True


def _zones(out: Clauses, body: dict[str, Any], values: Values, keyword: str) -> bool:
    zones = body.get("zones")
    if zones is None:
        return True
    if not values.fixed(("zones",)) or not isinstance(zones, list):
        return False
    if not zones or not all(isinstance(z, str) and z.isdigit() for z in zones):
        return False
    out.add(f"{keyword} {' '.join(zones)}")
    return True


def _size(out: Clauses, values: Values, path: Path, evaluated: Any) -> bool:
    size = values.arg(path)
    if size is None:
        return False
    out.add(f"size {size}", droppable=evaluated == DEFAULT_SIZE and values.fixed(path))
    return True


def _identity(out: Clauses, body: dict[str, Any]) -> bool:
    identity = body.get("identity")
    if identity is None:
        return True
    if identity != {"type": "SystemAssigned"}:
        return False
    out.add("identity system")
    return True


def vm_clauses(
    name: str,
    vm: dict[str, Any],
    nic: dict[str, Any],
    vm_values: Values,
    nic_values: Values,
    declared: Declared,
    urn: bool = False,
) -> Clauses | None:
    """The candidate `vm NAME` for an evaluated VM and its evaluated NIC; None when they are
    not shaped like what the form makes. `urn`: write the image as a URN (`_image`)."""
    props = vm.get("properties")
    nic_props = nic.get("properties")
    if not isinstance(props, dict) or not isinstance(nic_props, dict):
        return None
    interfaces = _get(props, "networkProfile", "networkInterfaces")
    if not isinstance(interfaces, list) or len(interfaces) != 1:
        return None
    found = NIC_ID.search(_id(interfaces[0]))
    if found is None or found.group(1) != f"{name}-nic" or nic.get("name") != f"{name}-nic":
        return None
    out = Clauses(f"vm {name}")
    if not _size(
        out,
        vm_values,
        ("properties", "hardwareProfile", "vmSize"),
        _get(props, "hardwareProfile", "vmSize"),
    ):
        return None
    if not profile_clauses(out, props, ("properties",), vm_values, declared, urn=urn):
        return None
    if not nic_clauses(out, nic_props, ("properties",), nic_values, declared):
        return None
    if out.public_ip is not None and out.public_ip != f"{name}-pip":
        return None
    if not _zones(out, vm, vm_values, "zone") or not _identity(out, vm):
        return None
    avset = AVSET_ID.search(_id(props.get("availabilitySet")))
    if "availabilitySet" in props:
        if avset is None or avset.group(1) not in declared.avsets:
            return None
        out.add(f"avset {avset.group(1)}")
        out.referenced.add(avset.group(1))
    return out


def vmss_clauses(
    name: str, vmss: dict[str, Any], values: Values, declared: Declared, urn: bool = False
) -> Clauses | None:
    """The candidate `vmss NAME` for an evaluated scale set."""
    props = vmss.get("properties")
    sku = vmss.get("sku")
    if not isinstance(props, dict) or not isinstance(sku, dict):
        return None
    profile = props.get("virtualMachineProfile")
    if not isinstance(profile, dict):
        return None
    out = Clauses(f"vmss {name}")
    if not _size(out, values, ("sku", "name"), sku.get("name")):
        return None
    if "capacity" in sku:
        instances = values.arg(("sku", "capacity"))
        if instances is None:
            return None
        out.add(
            f"instances {instances}",
            droppable=sku.get("capacity") == 2 and values.fixed(("sku", "capacity")),
        )
    base: Path = ("properties", "virtualMachineProfile")
    if not profile_clauses(out, profile, base, values, declared, urn=urn):
        return None
    configs = _get(profile, "networkProfile", "networkInterfaceConfigurations")
    if not isinstance(configs, list) or len(configs) != 1 or not isinstance(configs[0], dict):
        return None
    if configs[0].get("name") != f"{name}-nic" or not isinstance(
        configs[0].get("properties"), dict
    ):
        return None
    nic_base: Path = (*base, "networkProfile", "networkInterfaceConfigurations", 0, "properties")
    if not nic_clauses(out, configs[0]["properties"], nic_base, values, declared):
        return None
    if out.public_ip is not None:
        return None
    if not _zones(out, vmss, values, "zones") or not _identity(out, vmss):
        return None
    mode = _get(props, "upgradePolicy", "mode")
    if not isinstance(mode, str) or mode.lower() not in ("manual", "automatic", "rolling"):
        return None
    out.add(f"upgrade {mode.lower()}", droppable=mode.lower() == "manual")
    return out
