"""The DSL's intermediate representation: frozen dataclasses, each with the `Span` it came from.

Two layers:
* syntax: expressions, clause arguments, clauses, blocks and the top-level statements the parser
  produces (`Program`);
* declarations: what each clause means (`VmDecl`, `VnetDecl`, ...), built by
  `armc.dsl.declarations` and read by the passes and by lowering (`Module`).
"""

from __future__ import annotations

from dataclasses import dataclass

from armc.source import Span

# ---- expressions -----------------------------------------------------------------------------

LiteralValue = str | int | bool | None


@dataclass(frozen=True, slots=True)
class Literal:
    value: LiteralValue
    span: Span


@dataclass(frozen=True, slots=True)
class Interpolation:
    """`"web-${i}"`: literal text and embedded expressions, in order."""

    parts: tuple[str | Expr, ...]
    span: Span


@dataclass(frozen=True, slots=True)
class NameRef:
    name: str
    span: Span


@dataclass(frozen=True, slots=True)
class Attribute:
    target: Expr
    name: str
    span: Span


@dataclass(frozen=True, slots=True)
class Index:
    target: Expr
    index: Expr
    span: Span


@dataclass(frozen=True, slots=True)
class Splat:
    """`web[*]`: every instance of a counted declaration."""

    target: Expr
    span: Span


@dataclass(frozen=True, slots=True)
class Call:
    name: str
    args: tuple[Expr, ...]
    span: Span


@dataclass(frozen=True, slots=True)
class Unary:
    op: str  # "-" or "not"
    operand: Expr
    span: Span


@dataclass(frozen=True, slots=True)
class Binary:
    op: str  # + - * / % == != < <= > >= and or
    left: Expr
    right: Expr
    span: Span


@dataclass(frozen=True, slots=True)
class Conditional:
    condition: Expr
    then: Expr
    otherwise: Expr
    span: Span


@dataclass(frozen=True, slots=True)
class ArrayExpr:
    items: tuple[Expr, ...]
    span: Span


@dataclass(frozen=True, slots=True)
class ObjectEntry:
    key: str
    value: Expr
    span: Span


@dataclass(frozen=True, slots=True)
class ObjectExpr:
    entries: tuple[ObjectEntry, ...]
    span: Span


Expr = (
    Literal
    | Interpolation
    | NameRef
    | Attribute
    | Index
    | Splat
    | Call
    | Unary
    | Binary
    | Conditional
    | ArrayExpr
    | ObjectExpr
)

# ---- clause arguments ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Word:
    """A bare word: a name, dotted reference, alias, CIDR, number or port range."""

    text: str
    span: Span


@dataclass(frozen=True, slots=True)
class IndexedWord:
    """`web[3]`: a counted name, or `web[0]` an instance reference."""

    text: str
    index: Expr
    span: Span


@dataclass(frozen=True, slots=True)
class CallWord:
    """`zones(1, 2, 3)`, `keyvault(id, "name")`."""

    name: str
    args: tuple[Expr, ...]
    span: Span


@dataclass(frozen=True, slots=True)
class ValueArg:
    """A string or a parenthesised expression used as an argument."""

    expr: Expr
    span: Span


@dataclass(frozen=True, slots=True)
class Star:
    span: Span


@dataclass(frozen=True, slots=True)
class Arrow:
    span: Span


Arg = Word | IndexedWord | CallWord | ValueArg | Star | Arrow


def literal_text(arg: Arg) -> str | None:
    """The text of a bare word or of a literal string/int argument; None for anything else."""
    if isinstance(arg, Word):
        return arg.text
    if isinstance(arg, ValueArg) and isinstance(arg.expr, Literal):
        value = arg.expr.value
        if isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)):
            return str(value)
    return None


# ---- clauses and statements ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Pair:
    key: str
    key_span: Span
    value: Expr
    span: Span


@dataclass(frozen=True, slots=True)
class Clause:
    keyword: str
    keyword_span: Span
    args: tuple[Arg, ...]
    condition: Expr | None
    block: Block | None
    span: Span


@dataclass(frozen=True, slots=True)
class Block:
    items: tuple[Clause | Pair, ...]
    span: Span


@dataclass(frozen=True, slots=True)
class ParamDecl:
    name: str
    name_span: Span
    type: str
    type_span: Span
    secure: bool
    default: Expr | None
    allowed: tuple[Expr, ...] | None
    value_range: tuple[Expr, Expr] | None
    length: tuple[Expr, Expr] | None
    description: str | None
    keyvault: tuple[Expr, Expr] | None
    span: Span


@dataclass(frozen=True, slots=True)
class VarDecl:
    name: str
    name_span: Span
    value: Expr
    span: Span


@dataclass(frozen=True, slots=True)
class OutputDecl:
    name: str
    name_span: Span
    type: str | None
    value: Expr
    span: Span


@dataclass(frozen=True, slots=True)
class ImportDecl:
    path: str
    span: Span


Statement = ParamDecl | VarDecl | OutputDecl | ImportDecl | Clause


@dataclass(frozen=True, slots=True)
class Program:
    """One parsed `.armc` file; `span` covers the whole file."""

    file: str
    statements: tuple[Statement, ...]
    span: Span


# ---- declarations ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Common:
    """What every resource declaration may carry."""

    name: str
    name_span: Span
    count: Expr | None
    condition: Expr | None
    location: Arg | None
    tags: Expr | None  # an ObjectExpr, or an object known at deployment (`tags t`)
    span: Span


@dataclass(frozen=True, slots=True)
class SubnetDecl:
    name: str
    name_span: Span
    prefix: Word
    nsg: Word | None
    span: Span
    nat: Word | None = None


@dataclass(frozen=True, slots=True)
class VnetDecl:
    common: Common
    prefixes: tuple[Word, ...]
    subnets: tuple[SubnetDecl, ...]
    dns_servers: tuple[Arg, ...]


@dataclass(frozen=True, slots=True)
class NsgRule:
    access: str  # Allow / Deny
    direction: str  # Inbound / Outbound
    protocol: Word | Star
    ports: tuple[Word | Star, ...]
    sources: tuple[Arg, ...]
    destinations: tuple[Arg, ...]
    source_ports: tuple[Word | Star, ...]
    priority: Word
    name: str | None
    description: str | None
    span: Span


@dataclass(frozen=True, slots=True)
class NsgDecl:
    common: Common
    rules: tuple[NsgRule, ...]


@dataclass(frozen=True, slots=True)
class PipDecl:
    common: Common
    zones: tuple[Arg, ...]
    dns_label: Arg | None


@dataclass(frozen=True, slots=True)
class AvsetDecl:
    common: Common
    fault_domains: Arg | None
    update_domains: Arg | None
    ppg: Word | None = None


@dataclass(frozen=True, slots=True)
class DiskDecl:
    common: Common
    sku: Word
    size: Arg
    zones: tuple[Arg, ...]
    iops: Word | None = None
    mbps: Word | None = None
    max_shares: Word | None = None
    encryption: Word | None = None


@dataclass(frozen=True, slots=True)
class LbProbe:
    name: str
    protocol: Word
    port: Word
    path: Arg | None
    span: Span


@dataclass(frozen=True, slots=True)
class LbRule:
    name: str
    protocol: Word
    frontend_port: Word
    backend_port: Word
    pool: Word | None
    probe: Word | None
    span: Span


@dataclass(frozen=True, slots=True)
class LbDecl:
    common: Common
    public: bool
    subnet: Word | None
    private_ip: Word | None
    zones: tuple[Arg, ...]
    pools: tuple[Word, ...]
    probes: tuple[LbProbe, ...]
    rules: tuple[LbRule, ...]


@dataclass(frozen=True, slots=True)
class DataDisk:
    sku: Word
    size: Arg
    span: Span


@dataclass(frozen=True, slots=True)
class Admin:
    user: Arg
    ssh_key: Arg | None
    password: Arg | None
    span: Span


@dataclass(frozen=True, slots=True)
class Setting:
    """A flag clause, optionally `on`/`off`: `encryption-at-host`, `boot-diagnostics off`."""

    enabled: bool
    span: Span


@dataclass(frozen=True, slots=True)
class ComputeDecl:
    """A `vm` or a `vmss` (kind), with everything it expands to."""

    kind: str
    common: Common
    size: Arg | None
    image: Arg | None
    os: Word | None
    subnet: Word | None
    public_ip: Setting | None
    zones: tuple[Arg, ...]
    zone_auto: Span | None
    avset: Word | None
    os_disk: DataDisk | None
    data_disks: tuple[DataDisk, ...]
    attach: tuple[Word, ...]
    admin: Admin | None
    identity: Word | None
    boot_diagnostics: Setting | None
    trusted_launch: Setting | None
    encryption_at_host: Setting | None
    accelerated_networking: Setting | None
    backends: tuple[Word, ...]
    nsg: Word | None
    instances: Arg | None
    upgrade: Word | None
    allow_extensions: Setting | None
    span: Span
    spot: Spot | None = None
    host: Word | None = None
    ppg: Word | None = None
    private_ip: Word | None = None
    nics: tuple[NicSpec, ...] = ()
    custom_data: Arg | None = None
    script: Script | None = None
    guest_attestation: Setting | None = None
    auto_shutdown: AutoShutdown | None = None
    monitor: Word | None = None
    disk_encryption: Word | None = None
    image_source: ImageSource | None = None
    backup: Word | None = None
    size_request: SizeRequest | None = None


@dataclass(frozen=True, slots=True)
class SizeRequest:
    """`size CLASS [Nvcpu] [Ngb] [Ngpu]`: the cheapest catalogued size of a workload class."""

    workload: Word
    vcpus: Word | None
    memory: Word | None
    gpus: Word | None
    span: Span


@dataclass(frozen=True, slots=True)
class DnsLink:
    """`link VNET [registration]` of a private DNS zone."""

    vnet: Word
    registration: Span | None
    span: Span


@dataclass(frozen=True, slots=True)
class DnsRecord:
    """`record NAME A ADDRESS...` of a private DNS zone."""

    name: Word
    addresses: tuple[Arg, ...]
    span: Span


@dataclass(frozen=True, slots=True)
class DnsZoneDecl:
    """`dns-zone NAME { link ..., record ... }`: a private DNS zone."""

    common: Common
    links: tuple[DnsLink, ...]
    records: tuple[DnsRecord, ...]


@dataclass(frozen=True, slots=True)
class BackupPolicy:
    """`policy NAME { time HHMM, retain-days N, ... }`: a daily VM backup policy."""

    name: str
    name_span: Span
    time: Word | None
    timezone: Arg | None
    retain_days: Word | None
    retain_weeks: Word | None
    retain_months: Word | None
    retain_years: Word | None
    instant_restore: Word | None
    span: Span


@dataclass(frozen=True, slots=True)
class BackupVaultDecl:
    """`backup-vault NAME { policy ... }`: a Recovery Services vault and its VM policies."""

    common: Common
    policies: tuple[BackupPolicy, ...]


@dataclass(frozen=True, slots=True)
class ImageSource:
    """How `image` names its image beyond an alias or URN: `image gallery ID` (a gallery image
    version or definition id), `image URN plan` (a marketplace image with its purchase plan) or
    `plan NAME PRODUCT PUBLISHER` given apart."""

    gallery: Span | None
    plan: Span | None
    plan_parts: tuple[Word, Word, Word] | None


@dataclass(frozen=True, slots=True)
class DesDecl:
    """`des NAME key KEY_URL vault VAULT_ID [rotation] [grant KIND]`: a disk encryption set
    whose customer-managed key lives in Key Vault; `grant` (one of DES_GRANTS, `rbac` when
    None) says how its identity gets access to the vault."""

    common: Common
    key: Arg
    vault: Arg
    rotation: Setting | None
    grant: Word | None = None

    @property
    def grant_kind(self) -> str:
        return self.grant.text if self.grant is not None else "rbac"


DES_GRANTS = ("rbac", "access-policy", "none")


@dataclass(frozen=True, slots=True)
class DcrDecl:
    """`dcr NAME workspace ID { performance SECONDS, syslog, events }`: a data collection rule
    sending VM telemetry collected by the Azure Monitor Agent to a Log Analytics workspace."""

    common: Common
    workspace: Arg
    performance: Word | None
    syslog: Setting | None
    events: Setting | None


@dataclass(frozen=True, slots=True)
class Script:
    """`script FILE` or `command "..."`: the Custom Script extension (protected settings)."""

    file: Arg | None
    command: Arg | None
    span: Span


@dataclass(frozen=True, slots=True)
class AutoShutdown:
    """`auto-shutdown HHMM [timezone "Zone"]`: a daily DevTest Labs shutdown schedule."""

    time: Word
    timezone: Arg | None
    span: Span


@dataclass(frozen=True, slots=True)
class NicSpec:
    """`nic NAME subnet VNET.SUBNET [private-ip IP] [nsg NSG]`: a secondary NIC of a vm."""

    name: str
    name_span: Span
    subnet: Word
    private_ip: Word | None
    nsg: Word | None
    span: Span


@dataclass(frozen=True, slots=True)
class NatGatewayDecl:
    """`natgw NAME [zones(N)] { idle-timeout MINUTES }`: a NAT gateway with its public IP."""

    common: Common
    zones: tuple[Arg, ...]
    idle_timeout: Word | None


@dataclass(frozen=True, slots=True)
class PeeringDecl:
    """`peering A B [gateway-transit]`: both directions of a VNet peering."""

    common: Common
    left: Word
    right: Word
    gateway_transit: Span | None


@dataclass(frozen=True, slots=True)
class VpnGatewayDecl:
    """`vpn-gateway NAME subnet VNET.GatewaySubnet [sku SKU]`: a route-based VPN gateway."""

    common: Common
    subnet: Word
    sku: Word | None
    zones: tuple[Arg, ...]
    bgp_asn: Word | None


@dataclass(frozen=True, slots=True)
class LocalGatewayDecl:
    """`local-gateway NAME ip ADDRESS prefixes CIDR...`: the on-premises end of a VPN."""

    common: Common
    ip: Word
    prefixes: tuple[Word, ...]


@dataclass(frozen=True, slots=True)
class ConnectionDecl:
    """`connection NAME GATEWAY -> LOCAL shared-key SECURE_PARAM`: a site-to-site IPsec link."""

    common: Common
    gateway: Word
    local: Word
    shared_key: Arg


@dataclass(frozen=True, slots=True)
class Spot:
    """`spot [deallocate|delete] [max-price N]`: a Spot VM, its eviction policy and price cap."""

    eviction: Word | None
    max_price: Word | None
    span: Span


@dataclass(frozen=True, slots=True)
class PpgDecl:
    """`ppg NAME`: a proximity placement group."""

    common: Common
    zones: tuple[Arg, ...]


@dataclass(frozen=True, slots=True)
class DedicatedHost:
    """`host NAME SKU [fault-domain N]` inside a `host-group`."""

    name: str
    name_span: Span
    sku: Word
    fault_domain: Word | None
    span: Span


@dataclass(frozen=True, slots=True)
class HostGroupDecl:
    """`host-group NAME { fault-domains N, automatic-placement, host ... }`."""

    common: Common
    zones: tuple[Arg, ...]
    fault_domains: Word | None
    automatic_placement: Setting | None
    hosts: tuple[DedicatedHost, ...]


@dataclass(frozen=True, slots=True)
class BastionDecl:
    common: Common
    subnet: Word
    sku: Word | None


@dataclass(frozen=True, slots=True)
class RawResourceDecl:
    """The escape hatch: `resource "Type@apiVersion" name { key: value ... }`."""

    common: Common
    type: str
    api_version: str
    type_span: Span
    members: tuple[Pair, ...]
    depends_on: tuple[Word, ...]


Declaration = (
    VnetDecl
    | NsgDecl
    | PipDecl
    | AvsetDecl
    | DiskDecl
    | LbDecl
    | ComputeDecl
    | BastionDecl
    | RawResourceDecl
    | PpgDecl
    | HostGroupDecl
    | NatGatewayDecl
    | PeeringDecl
    | VpnGatewayDecl
    | LocalGatewayDecl
    | ConnectionDecl
    | DcrDecl
    | DesDecl
    | BackupVaultDecl
    | DnsZoneDecl
)


@dataclass(frozen=True, slots=True)
class Module:
    """A program and its imports, merged and given meaning: what passes and lowering read."""

    file: str
    params: tuple[ParamDecl, ...] = ()
    variables: tuple[VarDecl, ...] = ()
    outputs: tuple[OutputDecl, ...] = ()
    declarations: tuple[Declaration, ...] = ()
    location: Arg | None = None
    tags: ObjectExpr | None = None
