"""Clauses to typed declarations (armc.dsl.declarations)."""

from __future__ import annotations

from armc.diagnostics import Diagnostics
from armc.dsl import ir
from armc.dsl.declarations import build_module
from armc.dsl.parser import parse_program
from armc.source import SourceFile


def module_of(text: str) -> tuple[ir.Module, Diagnostics]:
    diagnostics = Diagnostics()
    module = build_module(parse_program(SourceFile("d.armc", text)), diagnostics)
    return module, diagnostics


def test_vnet_with_subnets_and_nsg_reference() -> None:
    module, diagnostics = module_of(
        "vnet core 10.0.0.0/16 10.1.0.0/16 {\n  subnet web 10.0.1.0/24 nsg web\n"
        "  subnet db 10.0.2.0/24\n}\n"
    )
    assert not diagnostics.items
    (vnet,) = module.declarations
    assert isinstance(vnet, ir.VnetDecl)
    assert [p.text for p in vnet.prefixes] == ["10.0.0.0/16", "10.1.0.0/16"]
    assert [(s.name, s.prefix.text, s.nsg.text if s.nsg else None) for s in vnet.subnets] == [
        ("web", "10.0.1.0/24", "web"),
        ("db", "10.0.2.0/24", None),
    ]


def test_nsg_rules_with_lists_ranges_and_options() -> None:
    module, diagnostics = module_of(
        "nsg web {\n  allow in tcp 80 443 8000-8080 from Internet 10.0.0.0/8 to * "
        'priority 100 name web description "web traffic"\n'
        "  deny out udp * to Internet priority 200\n}\n"
    )
    assert not diagnostics.items
    (nsg,) = module.declarations
    assert isinstance(nsg, ir.NsgDecl)
    allow, deny = nsg.rules
    assert (allow.access, allow.direction, allow.name) == ("Allow", "Inbound", "web")
    assert [p.text for p in allow.ports if isinstance(p, ir.Word)] == ["80", "443", "8000-8080"]
    assert [s.text for s in allow.sources if isinstance(s, ir.Word)] == ["Internet", "10.0.0.0/8"]
    assert allow.description == "web traffic"
    assert (deny.access, deny.direction, deny.priority.text) == ("Deny", "Outbound", "200")


def test_vm_settings() -> None:
    module, diagnostics = module_of(
        "vm web[3] {\n  size Standard_D2s_v5\n  image ubuntu-24.04\n  subnet core.web\n"
        "  zone auto\n  os-disk premium 64\n  data-disk standard-ssd 256\n"
        "  admin azureuser ssh key\n  backend lb.pool\n  public-ip\n  encryption-at-host\n"
        "  boot-diagnostics off\n  identity system\n}\n"
    )
    assert not diagnostics.items
    (vm,) = module.declarations
    assert isinstance(vm, ir.ComputeDecl) and vm.kind == "vm"
    assert vm.common.count == ir.Literal(3, vm.common.count.span)  # type: ignore[union-attr]
    assert vm.zone_auto is not None and vm.zones == ()
    assert vm.os_disk is not None and vm.os_disk.sku.text == "premium"
    assert [d.sku.text for d in vm.data_disks] == ["standard-ssd"]
    assert vm.admin is not None and vm.admin.ssh_key is not None
    assert vm.public_ip is not None and vm.public_ip.enabled
    assert vm.boot_diagnostics is not None and not vm.boot_diagnostics.enabled
    assert vm.identity is not None and vm.identity.text == "system"


def test_lb_probe_and_rule_shorthands() -> None:
    module, _ = module_of(
        'lb web public zones(1, 2, 3) {\n  pool web\n  probe http 80 "/health"\n'
        "  probe check tcp 22\n  rule tcp 443 -> 8443 pool web probe http\n"
        "  rule named udp 53\n}\n"
    )
    (lb,) = module.declarations
    assert isinstance(lb, ir.LbDecl) and lb.public and len(lb.zones) == 3
    assert [(p.name, p.protocol.text, p.port.text) for p in lb.probes] == [
        ("http", "http", "80"),
        ("check", "tcp", "22"),
    ]
    first, second = lb.rules
    assert (first.name, first.frontend_port.text, first.backend_port.text) == (
        "tcp-443",
        "443",
        "8443",
    )
    assert (second.name, second.protocol.text, second.frontend_port.text) == ("named", "udp", "53")


def test_raw_resource_members() -> None:
    module, diagnostics = module_of(
        'resource "Microsoft.Insights/actionGroups@2023-01-01" alerts {\n'
        '  location "global"\n  properties { groupShortName: "ops", enabled: true }\n'
        '  kind: "x"\n  depends-on core\n}\n'
    )
    assert not diagnostics.items
    (raw,) = module.declarations
    assert isinstance(raw, ir.RawResourceDecl)
    assert (raw.type, raw.api_version) == ("Microsoft.Insights/actionGroups", "2023-01-01")
    assert [m.key for m in raw.members] == ["properties", "kind"]
    assert [d.text for d in raw.depends_on] == ["core"]


def test_location_and_tags_statements() -> None:
    module, diagnostics = module_of('location westeurope\ntags { env: "dev" }\n')
    assert not diagnostics.items
    assert isinstance(module.location, ir.Word) and module.location.text == "westeurope"
    assert module.tags is not None and [e.key for e in module.tags.entries] == ["env"]


def test_count_only_on_countable_kinds() -> None:
    _, diagnostics = module_of("vnet core[2] 10.0.0.0/16\n")
    assert [d.code for d in diagnostics] == ["DSL107"]
