"""Internet exposure of VM ports: public IPs, load-balancer rules, both NSG levels."""

from __future__ import annotations

from typing import Any

from armc.analysis.context import RuleContext
from armc.semantics.reachability import Exposure, exposures
from tests.analysis.helpers import arm, build
from tests.rules.builders import rule


def rid(kind: str, *names: str) -> str:
    return "[resourceId(" + ", ".join(f"'{n}'" for n in (kind, *names)) + ")]"


def network(
    pip_sku: str | None,
    subnet_nsg: list[Any] | None,
    nic_nsg: list[Any] | None,
    external_nsg: bool = False,
) -> list[dict[str, Any]]:
    subnet: dict[str, Any] = {"addressPrefix": "10.0.1.0/24"}
    resources: list[dict[str, Any]] = []
    if subnet_nsg is not None:
        resources.append(_nsg("subnet-nsg", subnet_nsg))
        subnet["networkSecurityGroup"] = {
            "id": rid("Microsoft.Network/networkSecurityGroups", "subnet-nsg")
        }
    if external_nsg:
        subnet["networkSecurityGroup"] = {"id": "[parameters('nsgId')]"}
    nic: dict[str, Any] = {
        "ipConfigurations": [
            {
                "name": "ip",
                "properties": {
                    "subnet": {
                        "id": rid("Microsoft.Network/virtualNetworks/subnets", "core", "web")
                    },
                    "publicIPAddress": {"id": rid("Microsoft.Network/publicIPAddresses", "pip")},
                },
            }
        ]
    }
    if nic_nsg is not None:
        resources.append(_nsg("nic-nsg", nic_nsg))
        nic["networkSecurityGroup"] = {
            "id": rid("Microsoft.Network/networkSecurityGroups", "nic-nsg")
        }
    pip: dict[str, Any] = {
        "type": "Microsoft.Network/publicIPAddresses",
        "name": "pip",
        "properties": {},
    }
    if pip_sku:
        pip["sku"] = {"name": pip_sku}
    return [
        *resources,
        {
            "type": "Microsoft.Network/virtualNetworks",
            "name": "core",
            "properties": {
                "addressSpace": {"addressPrefixes": ["10.0.0.0/16"]},
                "subnets": [{"name": "web", "properties": subnet}],
            },
        },
        pip,
        {"type": "Microsoft.Network/networkInterfaces", "name": "nic", "properties": nic},
        {
            "type": "Microsoft.Compute/virtualMachines",
            "name": "vm",
            "properties": {
                "networkProfile": {
                    "networkInterfaces": [{"id": rid("Microsoft.Network/networkInterfaces", "nic")}]
                }
            },
        },
    ]


def _nsg(name: str, rules: list[Any]) -> dict[str, Any]:
    return {
        "type": "Microsoft.Network/networkSecurityGroups",
        "name": name,
        "properties": {"securityRules": rules},
    }


def allow(
    port: str, priority: int = 100, access: str = "Allow", source: str = "*"
) -> dict[str, Any]:
    return rule(f"{access.lower()}-{port}", priority, port, source, access)


def exposed(resources: list[dict[str, Any]]) -> list[Exposure]:
    template, _ = build(arm(resources))
    return [e for e in exposures(RuleContext(template)) if e.protocol == "tcp"]


def test_basic_public_ip_without_nsgs_exposes_every_port() -> None:
    found = exposed(network(None, None, None))
    assert [(str(e.ports), e.certain) for e in found] == [("*", True)]


def test_standard_public_ip_without_nsgs_is_closed() -> None:
    assert exposed(network("Standard", None, None)) == []


def test_subnet_allow_and_nic_deny_keep_the_port_closed() -> None:
    found = exposed(
        network(
            "Standard",
            [allow("22"), allow("443", 110)],
            [allow("22", 100, "Deny"), allow("*", 200)],
        )
    )
    assert [str(e.ports) for e in found] == ["443"]


def test_ranges_are_split_where_rules_change() -> None:
    found = exposed(network("Standard", [allow("22", 100, "Deny"), allow("20-30", 110)], None))
    assert [str(e.ports) for e in found] == ["20-21", "23-30"]


def test_a_path_ends_at_the_vm_and_passes_the_deciding_rule() -> None:
    (only,) = exposed(network("Standard", [allow("22")], None))
    notes = [note for _, note in only.steps]
    assert notes[0] == "public IP 'pip'" and notes[-1] == "VM 'vm'"
    assert "subnet NSG rule 'allow-22' allows it" in notes


def test_an_nsg_outside_the_template_makes_exposure_uncertain() -> None:
    resources = network("Standard", None, [allow("22")], external_nsg=True)
    found = exposed(resources)
    assert found and not any(e.certain for e in found)


def test_restricted_sources_are_not_internet_exposure() -> None:
    assert exposed(network("Standard", [allow("22", source="203.0.113.0/24")], None)) == []


def test_scale_sets_behind_a_public_load_balancer() -> None:
    from armc.dsl import compile_source

    text = """param admin_key: string
location northeurope
vnet app 10.1.0.0/16 {
  subnet workers 10.1.0.0/22 nsg workers
}
nsg workers {
  allow in tcp 80 443 from Internet priority 100 name web
}
lb front public {
  pool workers
  probe tcp 80
  rule http tcp 80 pool workers probe tcp
  rule admin tcp 2222 -> 22 pool workers probe tcp
}
vmss workers {
  image debian-12
  instances 2
  subnet app.workers
  admin ops ssh admin_key
  backend front.workers
}
"""
    ctx = RuleContext(compile_source(text, "scale.armc"))
    found = [(e.vm.key, str(e.ports), e.entry) for e in exposures(ctx) if e.protocol == "tcp"]
    assert found == [("vmss:workers", "80", "load balancer 'front' rule 'http'")]


def test_inbound_nat_pools_of_scale_sets() -> None:
    lb_id = "Microsoft.Network/loadBalancers"
    resources = [
        _nsg("open", [allow("22")]),
        {"type": "Microsoft.Network/publicIPAddresses", "name": "pip", "sku": {"name": "Standard"}},
        {
            "type": lb_id,
            "name": "lb",
            "sku": {"name": "Standard"},
            "properties": {
                "frontendIPConfigurations": [
                    {
                        "name": "front",
                        "properties": {
                            "publicIPAddress": {
                                "id": rid("Microsoft.Network/publicIPAddresses", "pip")
                            }
                        },
                    }
                ],
                "inboundNatPools": [
                    {
                        "name": "ssh",
                        "properties": {
                            "frontendIPConfiguration": {
                                "id": rid(f"{lb_id}/frontendIPConfigurations", "lb", "front")
                            },
                            "protocol": "Tcp",
                            "frontendPortRangeStart": 50000,
                            "frontendPortRangeEnd": 50099,
                            "backendPort": 22,
                        },
                    }
                ],
            },
        },
        {
            "type": "Microsoft.Compute/virtualMachineScaleSets",
            "name": "ss",
            "sku": {"capacity": 2},
            "properties": {
                "virtualMachineProfile": {
                    "networkProfile": {
                        "networkInterfaceConfigurations": [
                            {
                                "name": "nic",
                                "properties": {
                                    "networkSecurityGroup": {
                                        "id": rid("Microsoft.Network/networkSecurityGroups", "open")
                                    },
                                    "ipConfigurations": [
                                        {
                                            "name": "ip",
                                            "properties": {
                                                "loadBalancerInboundNatPools": [
                                                    {
                                                        "id": rid(
                                                            f"{lb_id}/inboundNatPools", "lb", "ssh"
                                                        )
                                                    }
                                                ]
                                            },
                                        }
                                    ],
                                },
                            }
                        ]
                    }
                }
            },
        },
    ]
    (only,) = exposed(resources)
    assert (str(only.ports), only.entry, only.frontend_port) == (
        "22",
        "load balancer 'lb' NAT pool 'ssh'",
        50000,
    )
    assert only.steps[-1][1] == "the instances of scale set 'ss'"
