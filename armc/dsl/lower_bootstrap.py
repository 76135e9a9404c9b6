"""Lowering of bootstrapping: custom data (base64 of a file, at compile time), the Custom
Script extension with protected settings, the guest attestation extension of Trusted Launch
VMs, and daily auto-shutdown schedules (`Microsoft.DevTestLab/schedules`)."""

from __future__ import annotations

import base64
from typing import Any

from armc.dsl import ir
from armc.dsl.lower import Lowering
from armc.dsl.lower_names import Pending, arm_name, resource_id
from armc.dsl.values import Position
from armc.model.template import JsonPath
from armc.source import Span

DEFAULT_TIMEZONE = "UTC"
ATTESTATION_SETTINGS = {
    "AttestationConfig": {
        "MaaSettings": {"maaEndpoint": "", "maaTenantName": "GuestAttestation"},
        "AscSettings": {"ascReportingEndpoint": "", "ascReportingFrequency": ""},
        "useCustomToken": "false",
        "disableAlerts": "false",
    }
}


def encoded(lowering: Lowering, arg: ir.Arg) -> str:
    """The base64 text of the file `arg` names (read by the bootstrap pass)."""
    return base64.b64encode(lowering.files[arg.span]).decode("ascii")


def custom_data(lowering: Lowering, compute: ir.ComputeDecl, body: Any, base: JsonPath) -> None:
    if compute.custom_data is not None:
        body.set(
            (*base, "customData"), encoded(lowering, compute.custom_data), compute.custom_data.span
        )


class VmExtras:
    """What a `vm` adds next to itself: extensions and a shutdown schedule."""

    def __init__(
        self,
        lowering: Lowering,
        compute: ir.ComputeDecl,
        windows: bool,
        condition: Any,
        condition_span: Span | None,
    ) -> None:
        self.lw = lowering
        self.compute = compute
        self.windows = windows
        self.condition = condition
        self.condition_span = condition_span

    def lower(self, vm: Pending, name: str, index: Position) -> None:
        compute = self.compute
        if compute.script is not None:
            self.custom_script(vm, name, index, compute.script)
        attestation = compute.guest_attestation
        if attestation is not None and attestation.enabled:
            self.guest_attestation(vm, name, index, attestation.span)
        if compute.auto_shutdown is not None:
            self.auto_shutdown(vm, name, index, compute.auto_shutdown)
        if compute.monitor is not None:
            self.monitor(vm, name, index, compute.monitor)
        if compute.backup is not None:
            from armc.dsl.lower_backup import protect_vm

            protect_vm(self.lw, compute, vm, name, index, self.condition, self.condition_span)

    def monitor(self, vm: Pending, name: str, index: Position, dcr: ir.Word) -> None:
        """The Azure Monitor Agent and the association of the VM with the rule `dcr`."""
        agent = f"AzureMonitor{'Windows' if self.windows else 'Linux'}Agent"
        pending = self._extension(vm, name, agent, dcr.span, index)
        pending.body.set(
            ("properties",),
            {
                "publisher": "Microsoft.Azure.Monitor",
                "type": agent,
                "typeHandlerVersion": "1.0",
                "autoUpgradeMinorVersion": True,
                "enableAutomaticUpgrade": True,
                "settings": {},  # required by the official schema
            },
            dcr.span,
        )
        self.lw.finish(pending, self.condition, self.condition_span)
        association = self.lw.start("dcra", f"{name}-{dcr.text}", self.compute.common.span)
        association.copy_index = index
        body = association.body
        body.set(
            ("properties",),
            {
                "description": f"{agent} of {name} sends what dcr '{dcr.text}' collects",
                "dataCollectionRuleId": resource_id("dcr", dcr.text),
            },
            dcr.span,
        )
        body.set(
            ("scope",),
            f"[format('Microsoft.Compute/virtualMachines/{{0}}', {arm_name(name)})]",
            dcr.span,
        )
        association.depend(f"dcr:{dcr.text}", dcr.span, ("properties", "dataCollectionRuleId"))
        association.depend(vm.key, dcr.span, ("scope",))
        association.depend(pending.key, dcr.span, (), "explicit")
        self.lw.finish(association, self.condition, self.condition_span)

    def _extension(
        self, vm: Pending, name: str, extension: str, span: Span, index: Position
    ) -> Pending:
        pending = self.lw.start("ext", f"{name}/{extension}", self.compute.common.span)
        pending.copy_index = index
        self.lw.location_and_tags(pending, self.compute.common, index)
        pending.body.span(("name",), span)
        pending.depend(vm.key, span, ())
        return pending

    def custom_script(self, vm: Pending, name: str, index: Position, script: ir.Script) -> None:
        pending = self._extension(vm, name, "custom-script", script.span, index)
        body = pending.body
        if self.windows:
            header = {
                "publisher": "Microsoft.Compute",
                "type": "CustomScriptExtension",
                "typeHandlerVersion": "1.10",
            }
        else:
            header = {
                "publisher": "Microsoft.Azure.Extensions",
                "type": "CustomScript",
                "typeHandlerVersion": "2.1",
            }
        # `settings` is required by the official schema; everything secret is protected
        properties = {**header, "autoUpgradeMinorVersion": True, "settings": {}}
        body.set(("properties",), properties, script.span)
        protected: dict[str, Any] = {}
        if script.file is not None:
            protected["script"] = encoded(self.lw, script.file)
            body.span(("properties", "protectedSettings", "script"), script.file.span)
        if script.command is not None:
            protected["commandToExecute"] = self.lw.json(script.command, index)
            body.span(("properties", "protectedSettings", "commandToExecute"), script.command.span)
        body.set(("properties", "protectedSettings"), protected, script.span)
        self.lw.finish(pending, self.condition, self.condition_span)

    def guest_attestation(self, vm: Pending, name: str, index: Position, span: Span) -> None:
        pending = self._extension(vm, name, "GuestAttestation", span, index)
        os_name = "Windows" if self.windows else "Linux"
        pending.body.set(
            ("properties",),
            {
                "publisher": f"Microsoft.Azure.Security.{os_name}Attestation",
                "type": "GuestAttestation",
                "typeHandlerVersion": "1.0",
                "autoUpgradeMinorVersion": True,
                "enableAutomaticUpgrade": True,
                "settings": ATTESTATION_SETTINGS,
            },
            span,
        )
        self.lw.finish(pending, self.condition, self.condition_span)

    def auto_shutdown(
        self, vm: Pending, name: str, index: Position, shutdown: ir.AutoShutdown
    ) -> None:
        pending = self.lw.start("schedule", f"shutdown-computevm-{name}", self.compute.common.span)
        pending.copy_index = index
        self.lw.location_and_tags(pending, self.compute.common, index)
        timezone: Any = DEFAULT_TIMEZONE
        if shutdown.timezone is not None:
            timezone = self.lw.json(shutdown.timezone, index)
        pending.body.set(
            ("properties",),
            {
                "status": "Enabled",
                "taskType": "ComputeVmShutdownTask",
                "dailyRecurrence": {"time": shutdown.time.text},
                "timeZoneId": timezone,
                "notificationSettings": {"status": "Disabled"},
                "targetResourceId": resource_id("vm", name),
            },
            shutdown.span,
        )
        pending.body.span(("properties", "dailyRecurrence", "time"), shutdown.time.span)
        pending.depend(vm.key, shutdown.span, ("properties", "targetResourceId"))
        self.lw.finish(pending, self.condition, self.condition_span)


PERFORMANCE_COUNTERS = [
    "\\Processor Information(_Total)\\% Processor Time",
    "\\Memory\\Available Bytes",
    "\\LogicalDisk(_Total)\\% Free Space",
    "\\Network Interface(*)\\Bytes Total/sec",
]
SYSLOG_LEVELS = ["Warning", "Error", "Critical", "Alert", "Emergency"]
EVENT_QUERIES = [
    "System!*[System[(Level=1 or Level=2 or Level=3)]]",
    "Application!*[System[(Level=1 or Level=2 or Level=3)]]",
]


def lower_dcr(lowering: Lowering, dcr: ir.DcrDecl, name: str, index: Position) -> None:
    """A data collection rule: what the Azure Monitor Agent collects, sent to one workspace."""
    from armc.dsl.lower_resources import ResourceLowering

    resources = ResourceLowering(lowering)
    pending, condition = resources.start_declaration("dcr", name, dcr, index)
    sources: dict[str, Any] = {}
    streams: list[str] = []
    if dcr.performance is not None:
        sources["performanceCounters"] = [
            {
                "name": "performance",
                "streams": ["Microsoft-Perf"],
                "samplingFrequencyInSeconds": lowering.int_json(
                    dcr.performance, "a sampling interval", index
                ),
                "counterSpecifiers": PERFORMANCE_COUNTERS,
            }
        ]
        streams.append("Microsoft-Perf")
    if dcr.syslog is not None and dcr.syslog.enabled:
        sources["syslog"] = [
            {
                "name": "syslog",
                "streams": ["Microsoft-Syslog"],
                "facilityNames": ["*"],
                "logLevels": SYSLOG_LEVELS,
            }
        ]
        streams.append("Microsoft-Syslog")
    if dcr.events is not None and dcr.events.enabled:
        sources["windowsEventLogs"] = [
            {"name": "events", "streams": ["Microsoft-Event"], "xPathQueries": EVENT_QUERIES}
        ]
        streams.append("Microsoft-Event")
    body = pending.body
    span = dcr.common.span
    body.set(("properties", "dataSources"), sources, span)
    body.set(
        ("properties", "destinations"),
        {
            "logAnalytics": [
                {"name": "workspace", "workspaceResourceId": lowering.json(dcr.workspace, index)}
            ]
        },
        dcr.workspace.span,
    )
    body.set(
        ("properties", "dataFlows"), [{"streams": streams, "destinations": ["workspace"]}], span
    )
    resources.finish_declaration(pending, dcr, condition)
