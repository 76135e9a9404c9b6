"""Pricing of one resource by type: VMs, scale sets, managed disks, public IPs, load balancers,
Bastion. Each pricer reads evaluated values through `Values` and fills a `ResourceCost`.

Rules of the model: hourly meters cost `usd × hours` (730 a month unless configured); a
missing price is reported as unpriced, never estimated; usage meters are listed with their unit
price and no monthly amount."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol

from armc.cost import disks, provisioned
from armc.cost.catalog import GLOBAL, Catalog, PriceEntry
from armc.cost.model import HOURS_PER_MONTH, PriceLine, ResourceCost
from armc.model.template import Resource


class Values(Protocol):
    """Evaluated resource values: `value(resource, *path)` (None when absent) and the test for
    values only Azure knows. `armc.analysis.context.RuleContext` and `LoadedValues` fit."""

    def value(self, resource: Resource, *path: str | int) -> Any: ...

    def is_unknown(self, value: Any) -> bool: ...


@dataclass(frozen=True)
class PricingOptions:
    catalog: Catalog
    region: str = "eastus"
    """The region of resources whose location is not known (the resource group's)."""
    hours: Decimal = HOURS_PER_MONTH
    pricing: str = "payg"
    """"payg", or "savings-plan-1y"/"savings-plan-3y" (falls back to payg where the catalog
    has no savings-plan price, with a note)."""


@dataclass
class Job:
    """What a pricer works on: the resource, how to read it, the cost to fill."""

    resource: Resource
    values: Values
    options: PricingOptions
    cost: ResourceCost
    count: int = 1

    @property
    def region(self) -> str:
        return self.cost.region or self.options.region

    def sku(self, default: str) -> str:
        """The known `sku.name` (or `default` when absent), recorded on the cost."""
        sku = self.text("sku", "name") or default
        self.cost.sku = sku
        return sku

    def get(self, *path: str | int) -> Any:
        return self.values.value(self.resource, *path)

    def known(self, value: Any) -> bool:
        return value is not None and not self.values.is_unknown(value)

    def text(self, *path: str | int) -> str | None:
        """A known string value (None when absent, unknown or not a string)."""
        value = self.get(*path)
        return value if isinstance(value, str) and self.known(value) else None

    def hourly(self, description: str, entry: PriceEntry, quantity: Decimal = Decimal(1)) -> None:
        self.cost.lines.append(
            PriceLine(
                description,
                "hours",
                entry.usd,
                self.options.hours * quantity * self.count,
                entry,
            )
        )

    def monthly(self, description: str, entry: PriceEntry, quantity: int = 1) -> None:
        self.cost.lines.append(
            PriceLine(description, "disk-months", entry.usd, Decimal(quantity * self.count), entry)
        )

    def metered(self, description: str, unit: str, entry: PriceEntry, quantity: Decimal) -> None:
        """A line of `quantity` units (GiB-hours, zone-months...) for each counted instance."""
        self.cost.lines.append(
            PriceLine(description, unit, entry.usd, quantity * self.count, entry)
        )

    def usage(self, description: str, unit: str, entry: PriceEntry | None) -> None:
        self.cost.lines.append(
            PriceLine(description, unit, entry.usd if entry else None, None, entry)
        )


Pricer = Callable[[Job], None]


def _int(job: Job, *path: str | int) -> int | None:
    value = job.get(*path)
    if isinstance(value, bool) or not job.known(value):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


# --- virtual machines and scale sets ---------------------------------------------------------


def vm_os(job: Job, profile: tuple[str, ...]) -> tuple[str, bool]:
    """("linux" | "windows", whether Azure Hybrid Benefit applies) from the image or license."""
    license_type = job.text(*profile, "licenseType")
    ahub = license_type is not None and license_type.lower().startswith("windows_")
    os_type = job.text(*profile, "storageProfile", "osDisk", "osType")
    if os_type:
        return os_type.lower(), ahub
    image = job.get(*profile, "storageProfile", "imageReference")
    if isinstance(image, dict):
        words = " ".join(str(image.get(k, "")) for k in ("publisher", "offer", "sku")).lower()
        if "windows" in words or "sqlserver" in words.replace(" ", ""):
            return "windows", ahub
    if job.get(*profile, "osProfile", "windowsConfiguration") is not None:
        return "windows", ahub
    return ("windows" if ahub else "linux"), ahub


def _on_dedicated_host(job: Job) -> bool:
    """A VM on a dedicated host (or a scale set on a host group): the host is billed for the
    compute, the VM's licences and disks are not part of it."""
    return any(job.get("properties", member) is not None for member in ("host", "hostGroup"))


def _compute(job: Job, size: str, profile: tuple[str, ...]) -> None:
    if _on_dedicated_host(job):
        job.cost.notes.append(
            f"{size} runs on a dedicated host: its compute is billed with the host"
        )
        _image_licence(job, profile)
        _os_disk(job, profile, vm_os(job, profile)[0])
        _data_disks(job, profile)
        return
    options = job.options
    os, ahub = vm_os(job, profile)
    region = job.region
    priority = job.text(*profile, "priority")
    spot = isinstance(priority, str) and priority.lower() in ("spot", "low")
    rate_os = "linux" if ahub else os
    label = "Windows with Azure Hybrid Benefit (Linux rate)" if ahub else os.capitalize()
    pricing = "spot" if spot else options.pricing
    entry = options.catalog.find("vm", region, size, os=rate_os, pricing=pricing)
    if entry is None and pricing.startswith("savings-plan"):
        entry = options.catalog.find("vm", region, size, os=rate_os)
        if entry is not None:
            job.cost.notes.append(f"no {pricing} price for {size} in {region}: pay-as-you-go")
            pricing = "payg"
    if entry is None:
        job.cost.unpriced.append(
            f"the catalog has no {label} {pricing} price for {size} in {region}"
        )
    else:
        count = f"{job.count} × " if job.count != 1 else ""
        job.hourly(f"{count}{size} {label}, {_pricing_label(pricing)}", entry)
        if spot:
            _spot_cap(job, profile, entry)
    _image_licence(job, profile)
    _os_disk(job, profile, os)
    _data_disks(job, profile)


def _spot_cap(job: Job, profile: tuple[str, ...], entry: PriceEntry) -> None:
    """A Spot max price below the catalog's Spot rate: Azure does not start the VM."""
    cap = job.get(*profile, "billingProfile", "maxPrice")
    if isinstance(cap, bool) or not isinstance(cap, int | float) or not job.known(cap):
        return
    if 0 < cap < entry.usd:
        job.cost.notes.append(
            f"the Spot max price ${cap}/hour is below the Spot rate ${entry.usd}/hour: "
            "the VM does not start (or is evicted) at this rate"
        )
    elif cap > 0:
        job.cost.notes.append(f"Spot max price ${cap}/hour")


_LICENSED_IMAGES = ("redhat", "suse", "sqlserver")


def _image_licence(job: Job, profile: tuple[str, ...]) -> None:
    """Marketplace images whose software is billed on top of the VM rate: say so."""
    image = job.get(*profile, "storageProfile", "imageReference")
    plan = job.get("plan")  # on the VM or the scale set itself
    if isinstance(image, dict):
        words = f"{image.get('publisher', '')} {image.get('offer', '')}".lower()
        if any(word in words.replace("-", "") for word in _LICENSED_IMAGES):
            job.cost.notes.append(
                f"the image's software licence ({image.get('offer')}) is not priced"
            )
    if isinstance(plan, dict) and plan.get("name") is not None:
        job.cost.notes.append(f"the marketplace plan '{plan.get('name')}' is not priced")


def _pricing_label(pricing: str) -> str:
    return {
        "payg": "pay-as-you-go",
        "spot": "spot",
        "savings-plan-1y": "1-year savings plan",
        "savings-plan-3y": "3-year savings plan",
    }[pricing]


def price_vm(job: Job) -> None:
    size = job.get("properties", "hardwareProfile", "vmSize")
    if not isinstance(size, str) or not job.known(size):
        job.cost.unpriced.append("the VM size is not known before deployment")
        return
    job.cost.sku = size
    _compute(job, size, ("properties",))


def price_vmss(job: Job) -> None:
    size = job.get("sku", "name")
    capacity = _int(job, "sku", "capacity")
    profile = ("properties", "virtualMachineProfile")
    if size is None and job.get(*profile) is None:
        job.cost.notes.append("no instance profile: the scale set's VMs are priced on their own")
        return
    if not isinstance(size, str) or not job.known(size):
        job.cost.unpriced.append("the scale set's VM size is not known before deployment")
        return
    job.cost.sku = size
    if capacity is None:
        job.cost.unpriced.append("the scale set's capacity is not known before deployment")
        return
    if capacity == 0:
        job.cost.notes.append("capacity 0: no instances")
        return
    job.count *= capacity
    _compute(job, size, profile)


def _os_disk(job: Job, profile: tuple[str, ...], os: str) -> None:
    disk = job.get(*profile, "storageProfile", "osDisk")
    if not isinstance(disk, dict):
        disk = {}
    if "vhd" in disk:
        job.cost.unpriced.append("OS disk: an unmanaged VHD in a storage account")
        return
    if _attached(disk) or str(disk.get("createOption", "FromImage")).lower() == "attach":
        return
    ephemeral = disk.get("diffDiskSettings")
    if isinstance(ephemeral, dict) and str(ephemeral.get("option", "")).lower() == "local":
        job.cost.notes.append("ephemeral OS disk: no disk charge")
        return
    size = disk.get("diskSizeGB")
    assumed = False
    if size is None:
        size = disks.DEFAULT_OS_DISK_GIB.get(os, 30)
        assumed = True
    _managed_disk(job, "OS disk", disk.get("managedDisk"), size, assumed)


def _data_disks(job: Job, profile: tuple[str, ...]) -> None:
    items = job.get(*profile, "storageProfile", "dataDisks")
    if items is None:
        return
    if not isinstance(items, list):
        job.cost.unpriced.append("the data disks are not known before deployment")
        return
    for index, disk in enumerate(items):
        if not isinstance(disk, dict):
            job.cost.unpriced.append(f"data disk {index} is not known before deployment")
            continue
        label = f"data disk {disk.get('lun', index)}"
        if "vhd" in disk:
            job.cost.unpriced.append(f"{label}: an unmanaged VHD in a storage account")
            continue
        if _attached(disk) or str(disk.get("createOption", "")).lower() == "attach":
            continue
        _managed_disk(
            job,
            label,
            disk.get("managedDisk"),
            disk.get("diskSizeGB"),
            False,
            (disk.get("diskIOPSReadWrite"), disk.get("diskMBpsReadWrite")),
        )


def _attached(disk: dict[str, Any]) -> bool:
    """An existing managed disk: priced as its own resource."""
    managed = disk.get("managedDisk")
    return isinstance(managed, dict) and managed.get("id") is not None


def _managed_disk(
    job: Job,
    label: str,
    managed: Any,
    size: Any,
    assumed: bool,
    performance: tuple[Any, Any] = (None, None),
) -> None:
    account = managed.get("storageAccountType") if isinstance(managed, dict) else None
    if not isinstance(account, str) or not job.known(account):
        job.cost.unpriced.append(f"{label}: the disk type is not set or not known")
        return
    price_disk(job, label, account, size, assumed, performance)


def price_disk(
    job: Job,
    label: str,
    account: str,
    size: Any,
    assumed: bool = False,
    performance: tuple[Any, Any] = (None, None),
) -> None:
    """A managed disk of `account` type (Premium_LRS...) and `size` GiB: its tier's price.
    Premium SSD v2 and Ultra disks are billed by what they provision (`performance` is their
    IOPS and MB/s), see `armc.cost.provisioned`."""
    metered = provisioned.KINDS.get(account.lower())
    if metered is not None:
        provisioned.price_provisioned_disk(job, label, metered, size, *performance)
        return
    kind = disks.ACCOUNT_TYPES.get(account.lower())
    if isinstance(size, bool) or not isinstance(size, int) or not job.known(size):
        job.cost.unpriced.append(f"{label}: the size is not known before deployment")
        return
    if kind is None:
        job.cost.unpriced.append(f"{label}: the catalog has no {account} disk prices")
        return
    prefix, redundancy, name = kind
    tier = disks.tier_for(prefix, size)
    if tier is None:
        job.cost.unpriced.append(f"{label}: {size} GiB is above the largest {name} tier")
        return
    region = job.region
    sku = f"{tier[0]} {redundancy}"
    entry = job.options.catalog.find("disk", region, sku)
    if entry is None:
        job.cost.unpriced.append(f"{label}: the catalog has no {sku} price in {region}")
        return
    how = f"{size} GiB (image default, assumed)" if assumed else f"{size} GiB"
    count = f"{job.count} × " if job.count != 1 else ""
    job.monthly(f"{count}{label} {name} {tier[0]} ({how} → {tier[1]} GiB tier)", entry)


def price_managed_disk(job: Job) -> None:
    account = job.text("sku", "name")
    job.cost.sku = account
    if account is None:
        job.cost.unpriced.append("the disk SKU is not set or not known")
        return
    price_disk(
        job,
        "disk",
        account,
        job.get("properties", "diskSizeGB"),
        performance=(
            job.get("properties", "diskIOPSReadWrite"),
            job.get("properties", "diskMBpsReadWrite"),
        ),
    )


# --- network ---------------------------------------------------------------------------------


def price_public_ip(job: Job) -> None:
    sku = job.text("sku", "name") or "Basic"
    tier = job.text("sku", "tier") or "Regional"
    if job.get("sku", "name") is not None and job.text("sku", "name") is None:
        job.cost.unpriced.append("the SKU is not known before deployment")
        return
    if tier.lower() == "global":
        sku = "Global"
    job.cost.sku = sku
    method = job.text("properties", "publicIPAllocationMethod")
    if sku.lower() != "basic":
        method = "Static"
    method = (method or "Dynamic").capitalize()
    version = (job.text("properties", "publicIPAddressVersion") or "IPv4").replace("ip", "IP")
    meter = f"{sku} {version} {method} Public IP"
    region = job.region
    entry = job.options.catalog.find("public-ip", region, sku, meter=meter)
    if entry is None:
        job.cost.unpriced.append(f"the catalog has no '{meter}' price in {region}")
    else:
        job.hourly(meter, entry)
    egress = job.options.catalog.find("bandwidth", region, "Standard")
    job.usage("Data transfer out to the internet", "GB", egress)


def price_load_balancer(job: Job) -> None:
    sku = job.sku("Basic")
    if sku.lower() == "basic":
        job.cost.notes.append("Basic load balancer: no charge (retired September 2025)")
        return
    if sku.lower() != "standard":
        job.cost.unpriced.append(f"the catalog has no {sku} load balancer prices")
        return
    rules = 0
    for member in ("loadBalancingRules", "outboundRules"):
        items = job.get("properties", member)
        if items is None:
            continue
        if not isinstance(items, list):
            job.cost.unpriced.append(f"the number of {member} is not known before deployment")
            return
        rules += len(items)
    if rules == 0:
        job.cost.notes.append("no load-balancing or outbound rules: no hourly charge")
    else:
        _lb_rules(job, rules)
    region = job.region
    processed = _lb_entry(job, region, "Standard Data Processed")
    job.usage("Data processed", "GB", processed)


def _lb_entry(job: Job, region: str, meter: str) -> PriceEntry | None:
    catalog = job.options.catalog
    return catalog.find("load-balancer", region, "Standard", meter=meter) or catalog.find(
        "load-balancer", GLOBAL, "Standard", meter=meter
    )


def _lb_rules(job: Job, rules: int) -> None:
    region = job.region
    included = _lb_entry(job, region, "Standard Included LB Rules and Outbound Rules")
    if included is None:
        job.cost.unpriced.append("the catalog has no Standard load balancer rule prices")
        return
    job.hourly(f"Standard LB, first 5 rules ({min(rules, 5)} used)", included)
    if rules > 5:
        overage = _lb_entry(job, region, "Standard Overage LB Rules and Outbound Rules")
        if overage is None:
            job.cost.unpriced.append("the catalog has no Standard LB overage rule price")
            return
        job.hourly(f"Standard LB, {rules - 5} rules over 5", overage, Decimal(rules - 5))


def price_bastion(job: Job) -> None:
    sku = job.sku("Basic")
    if sku.lower() == "developer":
        job.cost.notes.append("Developer SKU: no hourly charge")
        return
    region = job.region
    catalog = job.options.catalog
    entry = catalog.find("bastion", region, sku, meter=f"{sku} Gateway")
    if entry is None:
        job.cost.unpriced.append(f"the catalog has no Bastion {sku} price in {region}")
        return
    job.hourly(f"Bastion {sku}", entry)
    units = _int(job, "properties", "scaleUnits")
    if units is not None and units > 2:
        extra = catalog.find("bastion", region, sku, meter=f"{sku} Additional Gateway")
        if extra is None:
            job.cost.unpriced.append(f"{units - 2} additional scale units: no price in the catalog")
        else:
            job.hourly(f"Bastion {sku}, {units - 2} scale units over 2", extra, Decimal(units - 2))
    if entry.derived:
        job.cost.notes.append("the Bastion price is derived, not a raw API row")


def price_dedicated_host(job: Job) -> None:
    """A dedicated host is billed per hour by its SKU whether VMs run on it or not. ARM names
    the SKU `DSv5-Type1`, the price catalog `Dsv5_Type1` (matched without case and
    separators). Software licences (Windows Server, SQL Server) are billed apart."""
    sku = job.sku("unknown")
    if job.get("sku", "name") is not None and job.text("sku", "name") is None:
        job.cost.unpriced.append("the host SKU is not known before deployment")
        return
    region = job.region
    entry = job.options.catalog.find_sku_like("dedicated-host", region, sku)
    if entry is None:
        job.cost.unpriced.append(f"the catalog has no dedicated host price for {sku} in {region}")
        return
    job.hourly(f"Dedicated host {sku}", entry)
    licence = job.text("properties", "licenseType")
    if licence is not None and licence.lower() != "none":
        job.cost.notes.append(f"host licence {licence}: software licences are not priced")


def _regional_or_global(job: Job, service: str, sku: str, meter: str) -> PriceEntry | None:
    """The meter in the resource's region, else the one Azure publishes once for every
    region (`global`): never another region's."""
    catalog = job.options.catalog
    return catalog.find(service, job.region, sku, meter=meter) or catalog.find(
        service, GLOBAL, sku, meter=meter
    )


def price_nat_gateway(job: Job) -> None:
    """A NAT gateway: the `<SKU> Gateway` hourly meter plus `<SKU> Data Processed` per GB (a
    usage line); its public IPs are priced as public IPs. Azure publishes the NAT gateway
    meters for region `Global` only; they apply to every region."""
    sku = job.sku("Standard")
    hourly = _regional_or_global(job, "nat-gateway", sku, f"{sku} Gateway")
    if hourly is None:
        job.cost.unpriced.append(f"the catalog has no NAT gateway price in {job.region}")
    else:
        job.hourly(f"NAT gateway {sku}", hourly)
    processed = _regional_or_global(job, "nat-gateway", sku, f"{sku} Data Processed")
    job.usage("NAT gateway data processed", "GB", processed)


def price_vpn_gateway(job: Job) -> None:
    """A VPN gateway is billed per hour by SKU: the meter named like the SKU (`VpnGw1AZ`;
    `Basic Gateway` for Basic) of the catalog's `vpn-gateway` entries in its region. Tunnels
    beyond the included ones and egress are on top."""
    sku = job.text("properties", "sku", "name")
    kind = job.text("properties", "gatewayType") or "Vpn"
    job.cost.sku = sku
    if sku is None:
        job.cost.unpriced.append("the gateway SKU is not set or not known")
        return
    region = job.region
    meter = "Basic Gateway" if sku.lower() == "basic" else sku
    hourly = None
    if kind.lower() == "vpn":
        hourly = job.options.catalog.find("vpn-gateway", region, sku, meter=meter)
    if hourly is None:
        job.cost.unpriced.append(f"the catalog has no {kind} gateway price for {sku} in {region}")
    else:
        job.hourly(f"VPN gateway {sku}", hourly)
    job.usage("Gateway data transfer out", "GB", None)


def price_peering(job: Job) -> None:
    """VNet peering has no hourly charge; data crossing it is billed per GB each way."""
    job.usage("VNet peering data transfer (inbound and outbound)", "GB", None)


def price_data_collection_rule(job: Job) -> None:
    """A data collection rule costs nothing itself; the workspace bills what it ingests."""
    job.usage("Log Analytics ingestion of the collected data (billed by the workspace)", "GB", None)


PROTECTED_VM = "Azure VM Protected Instance"


def price_backup_item(job: Job) -> None:
    """A protected VM: a monthly protected-instance fee by the VM's size band (up to 50 GB,
    up to 500 GB, then each 500 GB) plus the backup storage it uses. The catalog's `backup`
    entries are looked up in the vault's region; the band needs the VM's used size."""
    region = job.region
    fee = job.options.catalog.find("backup", region, "Azure VM", meter=PROTECTED_VM)
    if fee is None:
        job.cost.unpriced.append(
            f"the catalog has no Azure Backup protected-instance price in {region}"
        )
    else:
        job.cost.unpriced.append(
            "the protected-instance band depends on the VM's used data size, known only "
            "after deployment"
        )
    job.usage("Backup storage of the recovery points", "GB", None)


PRIVATE_ZONE = "Private Zone"
PRIVATE_QUERIES = "Private Queries"


def price_private_dns_zone(job: Job) -> None:
    """A private DNS zone: a monthly fee per zone (the first 25 zones of a subscription;
    more are billed at a lower rate armc does not apply) plus DNS queries per million (a
    usage line). Azure DNS publishes these meters once, for every region (`global`)."""
    catalog = job.options.catalog
    zone = catalog.find("private-dns", GLOBAL, "Private", meter=PRIVATE_ZONE)
    if zone is None:
        job.cost.unpriced.append("the catalog has no private DNS zone price")
    else:
        job.metered("Private DNS zone", "zone-months", zone, Decimal(1))
    queries = catalog.find("private-dns", GLOBAL, "Private", meter=PRIVATE_QUERIES)
    job.usage("Private DNS queries", "million queries", queries)


PRICERS: dict[str, Pricer] = {
    "microsoft.compute/virtualmachines": price_vm,
    "microsoft.compute/virtualmachinescalesets": price_vmss,
    "microsoft.compute/disks": price_managed_disk,
    "microsoft.network/publicipaddresses": price_public_ip,
    "microsoft.network/loadbalancers": price_load_balancer,
    "microsoft.network/bastionhosts": price_bastion,
    "microsoft.compute/hostgroups/hosts": price_dedicated_host,
    "microsoft.network/natgateways": price_nat_gateway,
    "microsoft.network/virtualnetworkgateways": price_vpn_gateway,
    "microsoft.network/virtualnetworks/virtualnetworkpeerings": price_peering,
    "microsoft.insights/datacollectionrules": price_data_collection_rule,
    "microsoft.network/privatednszones": price_private_dns_zone,
    "microsoft.recoveryservices/vaults/backupfabrics/protectioncontainers/protecteditems": (
        price_backup_item
    ),
}

FREE_TYPES = frozenset(
    {
        "microsoft.network/virtualnetworks",
        "microsoft.network/virtualnetworks/subnets",
        "microsoft.network/networksecuritygroups",
        "microsoft.network/networksecuritygroups/securityrules",
        "microsoft.network/networkinterfaces",
        "microsoft.network/routetables",
        "microsoft.network/routetables/routes",
        "microsoft.network/applicationsecuritygroups",
        "microsoft.network/loadbalancers/inboundnatrules",
        "microsoft.network/loadbalancers/backendaddresspools",
        "microsoft.compute/availabilitysets",
        "microsoft.compute/proximityplacementgroups",
        "microsoft.compute/hostgroups",
        "microsoft.network/localnetworkgateways",
        "microsoft.network/connections",
        "microsoft.insights/datacollectionruleassociations",
        "microsoft.compute/diskencryptionsets",
        "microsoft.recoveryservices/vaults",
        "microsoft.network/privatednszones/virtualnetworklinks",
        "microsoft.network/privatednszones/a",
        "microsoft.recoveryservices/vaults/backuppolicies",
        "microsoft.compute/virtualmachines/extensions",
        "microsoft.compute/virtualmachinescalesets/extensions",
        "microsoft.resources/deployments",
        "microsoft.resources/resourcegroups",
        "microsoft.resources/tags",
        "microsoft.authorization/roleassignments",
        "microsoft.authorization/roledefinitions",
        "microsoft.authorization/locks",
        "microsoft.authorization/policyassignments",
        "microsoft.managedidentity/userassignedidentities",
        "microsoft.devtestlab/schedules",
        "microsoft.insights/diagnosticsettings",
    }
)
"""Types with no charge of their own (what they contain or cause is priced elsewhere)."""
