"""AZS050: a site-to-site connection's shared key comes from a secure parameter."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from armc.rules.base import Finding, Rule
from armc.rules.provenance import insecure_source
from armc.semantics.reader import display_name

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext

CONNECTION = "microsoft.network/connections"


class VpnSharedKeyNotSecure(Rule):
    id = "AZS050"
    name = "vpn-shared-key-not-secure"
    category = "security"
    default_severity = "error"
    resource_types = (CONNECTION,)
    summary = "A VPN connection's `sharedKey` must come from a secure parameter."
    rationale = (
        "The IPsec pre-shared key authenticates the on-premises device: anyone who has it can "
        "impersonate the tunnel's far end. Written in the template, or passed through a plain "
        "`string` parameter, it is kept in the deployment history and in source control. Use "
        "a `securestring` parameter, ideally filled from Key Vault."
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        path = ("properties", "sharedKey")
        for connection in ctx.resources(CONNECTION):
            source = insecure_source(ctx, connection, *path)
            if source is None:
                continue
            name = display_name(ctx, connection)
            kind, parameter = source
            if kind == "literal":
                yield Finding.at(
                    connection,
                    f"connection '{name}' has a literal sharedKey",
                    *path,
                    hint="use a securestring parameter (from Key Vault)",
                )
            else:
                yield Finding.at(
                    connection,
                    f"connection '{name}' takes sharedKey from parameter '{parameter}', "
                    "which is not secure",
                    *path,
                    hint=f"declare '{parameter}' as securestring",
                )
