"""Shaping backup: `backup-vault NAME { policy NAME { ... } }` (a Recovery Services vault with
VM backup policies) and the `backup VAULT.POLICY` setting of a vm."""

from __future__ import annotations

from armc.dsl import ir
from armc.dsl.clause_reader import COMMON_CLAUSES, ClauseShaper, Settings

POLICY_CLAUSES = (
    "time",
    "timezone",
    "retain-days",
    "retain-weeks",
    "retain-months",
    "retain-years",
    "instant-restore",
)


class BackupShapes(ClauseShaper):
    def backup_vault(self, clause: ir.Clause) -> ir.BackupVaultDecl | None:
        reader = self._reader(clause)
        name = reader.arg("a name")
        reader.finish()
        settings = self._settings(clause, ("policy", *COMMON_CLAUSES), "backup-vault")
        common = self._common(clause, settings, name, "backup-vault")
        policies = tuple(p for p in map(self._policy, settings.all("policy")) if p is not None)
        if common is None:
            return None
        return ir.BackupVaultDecl(common, policies)

    def _policy(self, clause: ir.Clause) -> ir.BackupPolicy | None:
        reader = self._reader(clause)
        name = reader.word("a policy name")
        reader.finish()
        settings = Settings()
        if clause.block is not None:
            settings = self._settings(clause, POLICY_CLAUSES, "backup policy")
        if name is None:
            return None
        words = {
            key: self._single_word(settings, key, "a number" if key != "time" else "HHMM")
            for key in POLICY_CLAUSES
            if key != "timezone"
        }
        return ir.BackupPolicy(
            name.text,
            name.span,
            words["time"],
            self._single_arg(settings, "timezone", 'a time zone id such as "UTC"'),
            words["retain-days"],
            words["retain-weeks"],
            words["retain-months"],
            words["retain-years"],
            words["instant-restore"],
            clause.span,
        )
