"""The pre-commit hooks, run through `pre-commit try-repo` on a temporary git repository.

The hooks' environment is built once per test module (pip installs armc from a clone of this
repository's HEAD); the tests skip with the reason when pre-commit is missing or the
environment cannot be installed (no package index reachable)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.tools.helpers import HERE, ROOT

MESSY = (HERE / "messy.armc.txt").read_text(encoding="utf-8")
MINIMAL = (ROOT / "samples" / "minimal-linux.armc").read_text(encoding="utf-8")


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout


@dataclass
class HookRepo:
    source: Path  # a clone of this repository: the hook repository
    work: Path  # the user's repository
    env: dict[str, str]

    def run(self, hook: str, *files: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["pre-commit", "try-repo", str(self.source), hook, "--files", *files],
            cwd=self.work,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=600,
        )


@pytest.fixture(scope="module")
def hooks(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HookRepo]:
    if shutil.which("pre-commit") is None:
        pytest.skip("pre-commit is not installed (pip install -e '.[test]')")
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and a git checkout of armc")
    base = tmp_path_factory.mktemp("pre-commit")
    source = base / "armc"
    git(base, "clone", "--quiet", str(ROOT), str(source))
    work = base / "work"
    work.mkdir()
    git(work, "init", "--quiet")
    git(work, "config", "user.email", "test@example.com")
    git(work, "config", "user.name", "test")
    env = {**os.environ, "PRE_COMMIT_HOME": str(base / "cache")}
    env.pop("PRE_COMMIT", None)
    repo = HookRepo(source, work, env)
    (work / "warmup.armc").write_text(MINIMAL, encoding="utf-8")
    git(work, "add", "warmup.armc")
    warm = repo.run("armc-fmt", "warmup.armc")
    if warm.returncode != 0:
        output = warm.stdout + warm.stderr
        if "An error has occurred" in output or "An unexpected error" in output:
            pytest.skip(f"cannot install the hook environment (offline?): {output[-400:]}")
    (work / "warmup.armc").unlink()
    yield repo


def test_fmt_hook_rewrites_then_passes(hooks: HookRepo) -> None:
    path = hooks.work / "app.armc"
    path.write_text(MESSY, encoding="utf-8")
    git(hooks.work, "add", "app.armc")
    first = hooks.run("armc-fmt", "app.armc")
    assert first.returncode == 1, first.stdout
    assert "files were modified by this hook" in first.stdout
    assert path.read_text(encoding="utf-8") != MESSY
    second = hooks.run("armc-fmt", "app.armc")
    assert second.returncode == 0, second.stdout


def test_build_check_hook_fails_on_stale_outputs(hooks: HookRepo) -> None:
    path = hooks.work / "site.armc"
    path.write_text(MINIMAL, encoding="utf-8")
    git(hooks.work, "add", "site.armc")
    missing = hooks.run("armc-build-check", "site.armc")
    assert missing.returncode == 1
    assert "site.json is missing" in missing.stdout
    subprocess.run(
        [sys.executable, "-m", "armc", "build", str(path)],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    fresh = hooks.run("armc-build-check", "site.armc")
    assert fresh.returncode == 0, fresh.stdout
    path.write_text(MINIMAL.replace("Standard_B2s", "Standard_D2s_v5"), encoding="utf-8")
    stale = hooks.run("armc-build-check", "site.armc")
    assert stale.returncode == 1
    assert "site.json is out of date" in stale.stdout


def test_lint_hook_passes_clean_files_and_fails_broken_ones(hooks: HookRepo) -> None:
    good = hooks.work / "good.armc"
    good.write_text(MINIMAL, encoding="utf-8")
    bad = hooks.work / "bad.armc"
    bad.write_text("vm x {\n  size Standard_B2s\n", encoding="utf-8")
    git(hooks.work, "add", "good.armc", "bad.armc")
    assert hooks.run("armc-lint", "good.armc").returncode == 0
    broken = hooks.run("armc-lint", "bad.armc")
    assert broken.returncode != 0
    assert "DSL104" in broken.stdout
