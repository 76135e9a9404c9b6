"""Backup checks: VM backup policies within Azure Backup's limits, and `backup VAULT.POLICY`
references. Limits (Azure Backup, standard daily policy for VMs): the backup runs on the hour
or half hour; daily points are kept 7 to 9999 days, weekly 1 to 5163 weeks, monthly 1 to 1188
months, yearly 1 to 99 years; instant restore snapshots 1 to 5 days."""

from __future__ import annotations

from armc.diagnostics import Diagnostics
from armc.dsl import ir
from armc.dsl.codes import report
from armc.dsl.passes.symbols import Symbols, undefined

RETENTION = {
    "retain-days": (7, 9999),
    "retain-weeks": (1, 5163),
    "retain-months": (1, 1188),
    "retain-years": (1, 99),
    "instant-restore": (1, 5),
}
DEFAULT_RETAIN_DAYS = 30
DEFAULT_INSTANT_RESTORE = 2
DEFAULT_TIME = "0200"


def retention_words(policy: ir.BackupPolicy) -> dict[str, ir.Word | None]:
    return {
        "retain-days": policy.retain_days,
        "retain-weeks": policy.retain_weeks,
        "retain-months": policy.retain_months,
        "retain-years": policy.retain_years,
        "instant-restore": policy.instant_restore,
    }


class BackupChecks:
    def __init__(self, symbols: Symbols, diagnostics: Diagnostics) -> None:
        self.symbols = symbols
        self.diagnostics = diagnostics

    def error(self, message: str, word: ir.Word) -> None:
        report(self.diagnostics, "DSL311", message, word.span)

    def run(self, module: ir.Module) -> None:
        for declaration in module.declarations:
            if isinstance(declaration, ir.BackupVaultDecl):
                self.vault(declaration)
            elif isinstance(declaration, ir.ComputeDecl) and declaration.backup is not None:
                self.compute(declaration, declaration.backup)

    def vault(self, vault: ir.BackupVaultDecl) -> None:
        seen: set[str] = set()
        for policy in vault.policies:
            if policy.name in seen:
                report(
                    self.diagnostics,
                    "DSL202",
                    f"policy '{policy.name}' is declared twice in backup-vault "
                    f"'{vault.common.name}'",
                    policy.name_span,
                )
            seen.add(policy.name)
            self.policy(policy)

    def policy(self, policy: ir.BackupPolicy) -> None:
        time = policy.time
        if time is not None and not (
            len(time.text) == 4
            and time.text.isdigit()
            and int(time.text[:2]) < 24
            and time.text[2:] in ("00", "30")
        ):
            self.error(
                f"a backup runs on the hour or half hour (HH00 or HH30), not '{time.text}'", time
            )
        for key, word in retention_words(policy).items():
            if word is None:
                continue
            low, high = RETENTION[key]
            if not word.text.isdigit() or not low <= int(word.text) <= high:
                self.error(f"'{key}' is {low} to {high}, not '{word.text}'", word)

    def compute(self, compute: ir.ComputeDecl, reference: ir.Word) -> None:
        if compute.kind == "vmss":
            report(
                self.diagnostics,
                "DSL107",
                "Azure Backup protects VMs; back up a scale set's data elsewhere",
                reference.span,
            )
            return
        vault_name, dot, policy_name = reference.text.partition(".")
        vault = self.symbols.declaration("backup-vault", vault_name)
        if not isinstance(vault, ir.BackupVaultDecl):
            undefined(
                self.diagnostics,
                "backup-vault",
                vault_name,
                reference.span,
                list(self.symbols.by_kind.get("backup-vault", {})),
            )
            return
        policies = [p.name for p in vault.policies]
        if not dot or policy_name not in policies:
            undefined(
                self.diagnostics,
                f"policy of backup-vault '{vault_name}'",
                policy_name or "(none)",
                reference.span,
                policies,
            )


def check_backup(module: ir.Module, symbols: Symbols, diagnostics: Diagnostics) -> None:
    BackupChecks(symbols, diagnostics).run(module)
