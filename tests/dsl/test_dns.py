"""Private DNS zones: virtual network links (with auto-registration) and A records."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import compile_text, diagnostics_of

HEAD = """
vnet app 10.0.0.0/16 {
  subnet web 10.0.1.0/24
}
vnet tools 10.1.0.0/16 {
  subnet ops 10.1.1.0/24
}
"""
ZONE = """
dns-zone contoso.internal {
  link app registration
  link tools
  record db A 10.0.1.10 10.0.1.11
}
"""


def resources(text: str) -> dict[str, dict[str, Any]]:
    return {r.key: r.body for r in compile_text(HEAD + text).resources}


def test_zone_links_and_records() -> None:
    found = resources(ZONE)
    zone = found["dns-zone:contoso.internal"]
    assert (zone["type"], zone["location"]) == ("Microsoft.Network/privateDnsZones", "global")
    app = found["dns-link:contoso.internal/app-link"]
    assert app["location"] == "global"
    assert app["properties"]["registrationEnabled"] is True
    assert app["properties"]["virtualNetwork"]["id"].endswith("'app')]")
    assert (
        found["dns-link:contoso.internal/tools-link"]["properties"]["registrationEnabled"] is False
    )
    record = found["dns-a:contoso.internal/db"]
    assert record["properties"] == {
        "ttl": 3600,
        "aRecords": [{"ipv4Address": "10.0.1.10"}, {"ipv4Address": "10.0.1.11"}],
    }


@pytest.mark.parametrize(
    ("text", "code", "fragment"),
    [
        ("dns-zone internal\n", "DSL311", "two labels"),
        ("dns-zone a.b {\n  link nowhere\n}\n", "DSL201", "undefined vnet"),
        ("dns-zone a.b {\n  link app\n  link app\n}\n", "DSL202", "linked twice"),
        (
            "dns-zone a.b {\n  link app registration\n}\n"
            "dns-zone c.d {\n  link app registration\n}\n",
            "DSL311",
            "one private DNS zone only",
        ),
        ("dns-zone a.b {\n  record db A 10.0.0\n}\n", "DSL302", "not an IPv4 address"),
        ("dns-zone a.b {\n  record db MX mail\n}\n", "DSL311", "record type"),
        ("dns-zone a.b {\n  record db A\n}\n", "DSL106", "IPv4 addresses"),
    ],
)
def test_misuse_is_an_error(text: str, code: str, fragment: str) -> None:
    found = [(d.code, d.message) for d in diagnostics_of(HEAD + text)]
    assert any(c == code and fragment in m for c, m in found), found
