"""NSG rules: parsing, evaluation in priority order with unknowns, shadowing."""

from __future__ import annotations

import ipaddress
from typing import Any

from armc.analysis.context import RuleContext
from armc.semantics.nsg import SecurityRule, Traffic, evaluate, nsg_rules, shadowing
from tests.analysis.helpers import arm, build
from tests.rules.builders import rule


def rules_of(*items: dict[str, Any]) -> list[SecurityRule]:
    nsg = {
        "type": "Microsoft.Network/networkSecurityGroups",
        "name": "web",
        "properties": {"securityRules": list(items)},
    }
    template, _ = build(arm([nsg]))
    ctx = RuleContext(template)
    return nsg_rules(ctx, template.resources[0])


SSH = Traffic("inbound", "tcp", 22, ipaddress.ip_network("10.0.1.0/24"))


def test_first_matching_rule_in_priority_order_decides() -> None:
    rules = rules_of(rule("allow", 200), rule("deny", 100, access="Deny"))
    decision = evaluate(rules, SSH)
    assert decision.verdict == "deny" and decision.rule is not None
    assert decision.rule.name == "deny"


def test_default_rules_deny_inbound_internet_traffic() -> None:
    decision = evaluate(rules_of(rule("vnet", 100, source="VirtualNetwork")), SSH)
    assert decision.verdict == "deny" and decision.default_rule == "DenyAllInBound"


def test_an_unknown_field_before_the_decider_makes_the_answer_unknown() -> None:
    rules = rules_of(
        rule("param", 100, source="[parameters('src')]", access="Deny"), rule("open", 200)
    )
    decision = evaluate(rules, SSH)
    assert decision.verdict == "unknown"
    assert decision.rule is not None and decision.rule.name == "param"


def test_an_unknown_rule_with_the_same_access_changes_nothing() -> None:
    rules = rules_of(rule("param", 100, source="[parameters('src')]"), rule("open", 200))
    assert evaluate(rules, SSH).verdict == "allow"


def test_destination_prefixes_are_compared_with_the_target() -> None:
    other = rule("other-subnet", 100, destinationAddressPrefix="10.0.2.0/24")
    assert evaluate(rules_of(other), SSH).verdict == "deny"
    inside = rule("this-subnet", 100, destinationAddressPrefix="10.0.0.0/16")
    assert evaluate(rules_of(inside), SSH).verdict == "allow"
    partial = rule("one-host", 100, destinationAddressPrefix="10.0.1.4")
    assert evaluate(rules_of(partial), SSH).verdict == "unknown"


def test_port_lists_and_protocols() -> None:
    listed = rule("list", 100, port=None, destinationPortRanges=["80", "20-30"])
    assert evaluate(rules_of(listed), SSH).verdict == "allow"
    udp = rule("udp", 100, protocol="Udp")
    assert evaluate(rules_of(udp), SSH).verdict == "deny"


def test_shadowing_needs_full_coverage() -> None:
    rules = rules_of(
        rule("broad", 100, port="*", source="10.0.0.0/8"),
        rule("narrow", 200, port="22", source="10.1.0.0/16", access="Deny"),
        rule("wider", 300, port="*", source="*", access="Deny"),
    )
    assert [(later.name, earlier.name) for later, earlier in shadowing(rules)] == [
        ("narrow", "broad")
    ]


def test_rules_with_unknown_values_are_never_judged_shadowed() -> None:
    rules = rules_of(rule("broad", 100, port="*"), rule("param", 200, port="[parameters('p')]"))
    assert list(shadowing(rules)) == []
