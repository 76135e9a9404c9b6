"""Builders of template fragments for the rules and semantics tests."""

from __future__ import annotations

from typing import Any


def rule(
    name: str,
    priority: Any,
    port: Any = "22",
    source: Any = "*",
    access: str = "Allow",
    **extra: Any,
) -> dict[str, Any]:
    """An inbound TCP security rule to any destination; `extra` overrides its properties."""
    props = {
        "priority": priority,
        "access": access,
        "direction": "Inbound",
        "protocol": "Tcp",
        "sourcePortRange": "*",
        "destinationPortRange": port,
        "sourceAddressPrefix": source,
        "destinationAddressPrefix": "*",
    }
    props.update(extra)
    return {"name": name, "properties": props}
