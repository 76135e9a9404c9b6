"""Bootstrapping checks: custom data and Custom Script files read at compile time, the Custom
Script extension, guest attestation and auto-shutdown schedules.

Files are named relative to the `.armc` file that names them and must stay inside its directory
tree (no absolute paths, no `..` or symlink escapes): a build reads nothing else from the disk.
Their bytes are returned by span, for lowering to base64-encode."""

from __future__ import annotations

from pathlib import Path

from armc.diagnostics import Diagnostics
from armc.dsl import ir
from armc.dsl.codes import report
from armc.dsl.passes.compute import ComputePlan
from armc.dsl.passes.names import resolve
from armc.dsl.passes.symbols import Symbols
from armc.source import Span

MAX_CUSTOM_DATA_BYTES = 65535  # Azure: customData decodes to at most 64 KiB
MAX_SCRIPT_BYTES = 256 * 1024  # Custom Script for Linux: the script setting's limit
SAMPLING_SECONDS = (10, 1800)

Files = dict[Span, bytes]


class BootstrapChecks:
    def __init__(
        self,
        symbols: Symbols,
        plans: dict[tuple[str, str], ComputePlan],
        diagnostics: Diagnostics,
    ) -> None:
        self.symbols = symbols
        self.plans = plans
        self.diagnostics = diagnostics
        self.files: Files = {}

    def error(self, code: str, message: str, span: Span, hint: str | None = None) -> None:
        report(self.diagnostics, code, message, span, hint=hint)

    def read_beside(self, arg: ir.Arg, what: str, limit: int) -> None:
        """Read the file `arg` names, relative to the file `arg` is written in."""
        text = ir.literal_text(arg)
        if text is None or (isinstance(arg, ir.Word) and text in self.symbols.params):
            self.error(
                "DSL311",
                f"{what} is read at compile time: write its file name as a string",
                arg.span,
            )
            return
        base = Path(arg.span.file).parent
        written = Path(text)
        if written.is_absolute():
            self.error(
                "DSL311",
                f"{what} '{text}' must be relative to the .armc file",
                arg.span,
            )
            return
        try:
            root = base.resolve()
            path = (base / written).resolve()
        except (OSError, RuntimeError) as error:
            self.error("DSL111", f"cannot read {what} '{text}': {error}", arg.span)
            return
        if not path.is_relative_to(root):
            self.error(
                "DSL311",
                f"{what} '{text}' is outside the directory of the .armc file",
                arg.span,
                hint="keep bootstrap files next to the .armc file or below it",
            )
            return
        try:
            if not path.is_file():
                self.error("DSL111", f"cannot read {what} '{text}': not a file", arg.span)
                return
            content = path.read_bytes()
        except OSError as error:
            self.error("DSL111", f"cannot read {what} '{text}': {error.strerror}", arg.span)
            return
        if len(content) > limit:
            self.error(
                "DSL311",
                f"{what} '{text}' has {len(content)} bytes; Azure takes at most {limit}",
                arg.span,
            )
            return
        self.files[arg.span] = content

    def run(self, module: ir.Module) -> Files:
        for declaration in module.declarations:
            if isinstance(declaration, ir.ComputeDecl):
                self.compute(declaration)
            elif isinstance(declaration, ir.DcrDecl):
                self.dcr(declaration)
        return self.files

    def dcr(self, dcr: ir.DcrDecl) -> None:
        if dcr.performance is None and dcr.syslog is None and dcr.events is None:
            self.error(
                "DSL311",
                f"dcr '{dcr.common.name}' collects nothing",
                dcr.common.name_span,
                hint="add 'performance', 'syslog' or 'events'",
            )
        interval = dcr.performance
        if interval is not None and interval.text not in self.symbols.params:
            low, high = SAMPLING_SECONDS
            if not (interval.text.isdigit() and low <= int(interval.text) <= high):
                self.error(
                    "DSL311",
                    f"a sampling interval is {low} to {high} seconds",
                    interval.span,
                )

    def monitor(self, compute: ir.ComputeDecl, plan: ComputePlan | None) -> None:
        assert compute.monitor is not None
        if not resolve(self.symbols, "dcr", compute.monitor, self.diagnostics):
            return
        if compute.identity is None or compute.identity.text != "system":
            self.error(
                "DSL311",
                "the Azure Monitor Agent authenticates with the VM's managed identity",
                compute.monitor.span,
                hint="add 'identity system'",
            )
        if plan is not None and not plan.allow_extensions:
            self.error(
                "DSL311",
                "the Azure Monitor Agent is an extension: remove 'extensions off'",
                compute.monitor.span,
            )

    def compute(self, compute: ir.ComputeDecl) -> None:
        plan = self.plans.get((compute.kind, compute.common.name))
        if compute.custom_data is not None:
            self.read_beside(compute.custom_data, "custom data", MAX_CUSTOM_DATA_BYTES)
        vm_only = (
            (compute.script, "script or command"),
            (compute.guest_attestation, "guest-attestation"),
            (compute.auto_shutdown, "auto-shutdown"),
            (compute.monitor, "monitor"),
        )
        for setting, name in vm_only:
            if setting is not None and compute.kind == "vmss":
                self.error("DSL107", f"'{name}' is only supported on a vm", setting.span)
        if compute.kind == "vmss":
            return
        if compute.script is not None:
            self.script(compute, compute.script, plan)
        attestation = compute.guest_attestation
        if attestation is not None and attestation.enabled and plan is not None:
            if not plan.trusted_launch:
                self.error(
                    "DSL311",
                    "guest attestation needs Trusted Launch (secure boot and vTPM)",
                    attestation.span,
                    hint="use an image and a size that support Trusted Launch",
                )
            if not plan.allow_extensions:
                self.error(
                    "DSL311",
                    "guest attestation is an extension: remove 'extensions off'",
                    attestation.span,
                )
        if compute.auto_shutdown is not None:
            self.auto_shutdown(compute.auto_shutdown)
        if compute.monitor is not None:
            self.monitor(compute, plan)

    def script(self, compute: ir.ComputeDecl, script: ir.Script, plan: ComputePlan | None) -> None:
        if script.file is not None and script.command is not None:
            self.error(
                "DSL311",
                "the Custom Script extension runs a 'script' or a 'command', not both",
                script.command.span,
                hint="call the script from the command, or drop one",
            )
        if plan is not None and not plan.allow_extensions:
            self.error(
                "DSL311",
                "'script' and 'command' run through an extension: remove 'extensions off'",
                script.span,
            )
        if script.file is not None:
            if plan is not None and plan.image.os == "windows":
                self.error(
                    "DSL311",
                    "'script FILE' is for Linux VMs; on Windows use 'command'",
                    script.file.span,
                )
                return
            self.read_beside(script.file, "script", MAX_SCRIPT_BYTES)

    def auto_shutdown(self, shutdown: ir.AutoShutdown) -> None:
        text = shutdown.time.text
        if not (len(text) == 4 and text.isdigit() and int(text[:2]) < 24 and int(text[2:]) < 60):
            self.error(
                "DSL311",
                f"'{text}' is not a time of day HHMM (0000 to 2359)",
                shutdown.time.span,
            )


def check_bootstrap(
    module: ir.Module,
    symbols: Symbols,
    plans: dict[tuple[str, str], ComputePlan],
    diagnostics: Diagnostics,
) -> Files:
    return BootstrapChecks(symbols, plans, diagnostics).run(module)
