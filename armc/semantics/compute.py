"""Facts about VMs and scale sets: where their profile is, OS, size, image and its lifecycle."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Literal

from armc.data import Image, VmSize, images, load, vm_size, vm_sizes_by_lower_name
from armc.model.template import JsonPath, Resource
from armc.semantics.reader import ValueReader, known_list, known_text

VM = "microsoft.compute/virtualmachines"
VMSS = "microsoft.compute/virtualmachinescalesets"

OsKind = Literal["linux", "windows"]


def profile(resource: Resource) -> JsonPath:
    """Where a VM's settings live: `properties` for a VM, the VM profile of a scale set."""
    if resource.type_lower == VMSS:
        return ("properties", "virtualMachineProfile")
    return ("properties",)


def size_path(resource: Resource) -> JsonPath:
    if resource.type_lower == VMSS:
        return ("sku", "name")
    return ("properties", "hardwareProfile", "vmSize")


def size_of(reader: ValueReader, resource: Resource) -> tuple[str | None, VmSize | None]:
    """The size's name (None when unknown) and its catalogue entry (None when not listed)."""
    name = known_text(reader, resource, *size_path(resource))
    if name is None:
        return None, None
    return name, all_sizes().get(name.lower())


@functools.cache
def all_sizes() -> dict[str, VmSize]:
    """`vm_sizes.json` and `vm_sizes_extra.json`, by lower-cased name."""
    sizes = dict(vm_sizes_by_lower_name())
    for name, entry in load("vm_sizes_extra.json")["sizes"].items():
        sizes.setdefault(name.lower(), vm_size(name, entry))
    return sizes


def os_kind(reader: ValueReader, resource: Resource) -> OsKind | None:
    """Linux or Windows, from the OS configuration, the OS disk or a known image."""
    base = profile(resource)
    if reader.value(resource, *base, "osProfile", "linuxConfiguration") is not None:
        return "linux"
    if reader.value(resource, *base, "osProfile", "windowsConfiguration") is not None:
        return "windows"
    os_type = known_text(reader, resource, *base, "storageProfile", "osDisk", "osType")
    if os_type is not None and os_type.lower() in ("linux", "windows"):
        return "linux" if os_type.lower() == "linux" else "windows"
    return image_os(reader, resource) or extension_os(reader, resource)


def os_without_linux_configuration(reader: ValueReader, resource: Resource) -> OsKind | None:
    """The OS as told by everything but `linuxConfiguration` (for a machine whose Linux settings
    are absent or chosen by a parameter): Windows settings, the OS disk's type, the image."""
    base = profile(resource)
    if reader.value(resource, *base, "osProfile", "windowsConfiguration") is not None:
        return "windows"
    os_type = known_text(reader, resource, *base, "storageProfile", "osDisk", "osType")
    if os_type is not None and os_type.lower() in ("linux", "windows"):
        return "linux" if os_type.lower() == "linux" else "windows"
    return image_os(reader, resource) or extension_os(reader, resource)


def image_os(reader: ValueReader, resource: Resource) -> OsKind | None:
    """The OS of the machine's image alone: a catalogued image, else its publisher (and offer)
    in `image_publishers.json`; None when the image does not tell (a custom image, a
    third-party appliance, a publisher from a parameter without default)."""
    image = image_of(reader, resource)
    if image is not None:
        listed = images().get(image.name)
        if listed is not None and listed.os in ("linux", "windows"):
            return "linux" if listed.os == "linux" else "windows"
        return publisher_os(image.publisher, image.offer) or "linux"
    ref = image_reference(reader, resource)
    publisher = known_text(reader, resource, *ref, "publisher")
    if publisher is None:
        return None
    return publisher_os(publisher, known_text(reader, resource, *ref, "offer") or "")


def publisher_os(publisher: str, offer: str) -> OsKind | None:
    """The OS of a marketplace image from its publisher and offer, when they tell."""
    data = load("image_publishers.json")
    name = publisher.lower()
    if name in data["linux"]:
        return "linux"
    if name in data["windows"]:
        return "windows"
    for fragment, kind in data["offer_hints"].get(name, []):
        if fragment in offer.lower():
            return "linux" if kind == "linux" else "windows"
    return None


@dataclass(frozen=True, slots=True)
class ImageInfo:
    publisher: str
    offer: str
    sku: str
    name: str
    generation: str | None
    end_of_life: str | None


@functools.cache
def _lifecycle() -> list[tuple[str, str, re.Pattern[str], dict[str, str]]]:
    entries = load("image_lifecycle.json")["images"]
    return [
        (e["publisher"].lower(), e["offer"].lower(), re.compile(e["sku"], re.IGNORECASE), e)
        for e in entries
    ]


@functools.cache
def _images_by_reference() -> dict[tuple[str, str, str], tuple[str, Image]]:
    """The catalogue's images by lower-cased (publisher, offer, sku): the first alias of each
    (an index made once, not a scan of the catalogue per VM)."""
    index: dict[tuple[str, str, str], tuple[str, Image]] = {}
    for alias, image in images().items():
        key = (image.publisher.lower(), image.offer.lower(), image.sku.lower())
        index.setdefault(key, (alias, image))
    return index


def image_reference(reader: ValueReader, resource: Resource) -> JsonPath:
    return (*profile(resource), "storageProfile", "imageReference")


def image_of(reader: ValueReader, resource: Resource) -> ImageInfo | None:
    """The marketplace image, when publisher, offer and SKU are known and catalogued."""
    ref = image_reference(reader, resource)
    publisher = known_text(reader, resource, *ref, "publisher")
    offer = known_text(reader, resource, *ref, "offer")
    sku = known_text(reader, resource, *ref, "sku")
    if publisher is None or offer is None or sku is None:
        return None
    found = _images_by_reference().get((publisher.lower(), offer.lower(), sku.lower()))
    if found is not None:
        alias, image = found
        return ImageInfo(publisher, offer, sku, alias, image.generation, image.end_of_life)
    for pub, off, pattern, entry in _lifecycle():
        if pub == publisher.lower() and off == offer.lower() and pattern.fullmatch(sku):
            return ImageInfo(
                publisher, offer, sku, entry["name"], entry["generation"], entry["end_of_life"]
            )
    return None


def lifecycle_as_of() -> str:
    """The date end-of-life comparisons are made against (the data file's `as_of`)."""
    value: str = load("image_lifecycle.json")["as_of"]
    return value


EXTENSIONS = (
    "Microsoft.Compute/virtualMachines/extensions",
    "Microsoft.Compute/virtualMachineScaleSets/extensions",
)
_SCALE_SET_EXTENSIONS = ("properties", "virtualMachineProfile", "extensionProfile", "extensions")


def extensions(reader: ValueReader) -> list[tuple[Resource, JsonPath]]:
    """Every VM extension: (the resource that holds it, the path of its `properties`), for
    extension resources and for the extensions inline in a scale set's profile."""
    found: list[tuple[Resource, JsonPath]] = [
        (e, ("properties",)) for e in reader.resources(*EXTENSIONS)
    ]
    for scale_set in reader.resources(VMSS):
        found += [
            (scale_set, (*path, "properties"))
            for path, _ in known_list(reader, scale_set, *_SCALE_SET_EXTENSIONS)
        ]
    return found


def extension_os(reader: ValueReader, resource: Resource) -> OsKind | None:
    """The OS the machine's extensions are made for (`CustomScript` of Microsoft.Azure.Extensions
    runs on Linux, `CustomScriptExtension` of Microsoft.Compute on Windows...), when they agree;
    None when there are none or they are not listed in `image_publishers.json`."""
    data = load("image_publishers.json")["extensions"]
    kinds: set[OsKind] = set()
    for holder, path in extensions(reader):
        if holder is not resource and not _extends(holder, resource):
            continue
        publisher = (known_text(reader, holder, *path, "publisher") or "").lower()
        kind = (known_text(reader, holder, *path, "type") or "").lower()
        if publisher in data["linux_publishers"] or kind in data["linux_types"]:
            kinds.add("linux")
        elif publisher in data["windows_publishers"] or kind in data["windows_types"]:
            kinds.add("windows")
    return kinds.pop() if len(kinds) == 1 else None


def _extends(extension: Resource, machine: Resource) -> bool:
    """An extension resource of `machine`: its child, or a resource that depends on it."""
    if extension.type_lower not in (EXTENSIONS[0].lower(), EXTENSIONS[1].lower()):
        return False
    if extension.parent == machine.key:
        return True
    return any(d.target == machine.key for d in extension.dependencies)
