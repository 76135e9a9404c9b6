"""A fixed set of diagnostics that exercises every report feature."""

from __future__ import annotations

import datetime as dt

from armc.analysis.run import analyse
from armc.analysis.secrets import secret_spans
from armc.config import Config
from armc.diagnostics import Diagnostic, Related, Severity
from armc.source import SourceRegistry, Span
from tests.analysis.helpers import arm, build, registry_of

SECRET = "Corr3ct-Horse-Battery"
FILE = "infra/main.json"
CLEAN = "infra/clean.json"
RULES = ("AZP001", "AZP002", "AZR001", "AZR002", "AZS001", "AZS002", "AZS003", "AZS004")
"""The rules the sample runs and the reports describe: the goldens do not grow with the
rule catalogue."""


def sample() -> tuple[list[Diagnostic], SourceRegistry, list[Span]]:
    doc = arm(
        [
            {
                "type": "Microsoft.Network/publicIPAddresses",
                "apiVersion": "2023-09-01",
                "name": "pip",
                "location": "westeurope",
                "sku": {"name": "Basic"},
                "properties": {"publicIPAllocationMethod": "Static"},
                "metadata": {"armc": {"ignore": [{"rule": "AZS001", "reason": "no VMs here"}]}},
            },
            {
                "type": "Microsoft.Network/networkSecurityGroups",
                "apiVersion": "2023-09-01",
                "name": "nsg",
                "location": "[parameters('location')]",
                "properties": {
                    "securityRules": [
                        {
                            "name": "ssh|rdp <any>",
                            "properties": {
                                "access": "Allow",
                                "direction": "Inbound",
                                "protocol": "Tcp",
                                "sourceAddressPrefix": "*",
                                "destinationPortRanges": ["22", "3389"],
                                "priority": 100,
                            },
                        }
                    ]
                },
            },
        ],
        parameters={
            "location": {"type": "string", "defaultValue": "[resourceGroup().location]"},
            "adminPassword": {"type": "securestring", "defaultValue": SECRET},
        },
        outputs={"adminPassword": {"type": "string", "value": "[parameters('adminPassword')]"}},
    )
    template, source = build(doc, file=FILE)
    config = Config(select=RULES)
    diagnostics = analyse(template, today=dt.date(2026, 1, 1), config=config)
    cycle = Diagnostic(
        "GRAPH001",
        "dependency-cycle",
        Severity.ERROR,
        "dependency cycle: a -> b -> a",
        Span(FILE, 14, 5, 14, 12),
        (Related(Span(FILE, 30, 5, 30, 12), "'b' depends on 'a' here"),),
        hint="remove one of these dependencies",
    )
    crash = Diagnostic("ARMC001", "rule-crashed", Severity.ERROR, "rule AZV990 crashed: KeyError")
    everything = sorted([*diagnostics, cycle, crash], key=Diagnostic.sort_key)
    return everything, registry_of(source), secret_spans(template)
