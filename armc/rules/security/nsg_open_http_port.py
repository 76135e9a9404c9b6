"""AZS009: network security groups should not open HTTP (port 80) to the Internet."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from armc.rules.base import Option
from armc.rules.security.nsg_open_management_port import NsgOpenManagementPort


class NsgOpenHttpPort(NsgOpenManagementPort):
    id = "AZS009"
    name = "nsg-open-http-port"
    category = "security"
    default_severity = "warning"  # type: ignore[assignment]
    summary = "Network security groups should not allow plain HTTP (port 80) from the Internet."
    rationale = (
        "Port 80 carries unencrypted HTTP: credentials and cookies cross the Internet in clear "
        "text. Serve HTTPS on 443; if port 80 must stay open to redirect to HTTPS, suppress "
        "this finding with that reason. This is checkov's CKV_AZURE_160 (an inbound allow "
        "rule over TCP or any protocol whose ports include 80 and whose source is '*', "
        "'Internet', 'Any' or 0.0.0.0/0)."
    )
    equivalents = ("CKV_AZURE_160",)  # type: ignore[assignment]
    options: ClassVar[Mapping[str, Option]] = {
        "ports": Option(list, [80], "Ports that must not be open to the Internet."),
    }
