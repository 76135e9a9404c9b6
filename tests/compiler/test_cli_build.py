"""`armc build` as a user meets it: exit codes, located messages, nothing half-written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from armc.cli import cli

ROOT = Path(__file__).resolve().parents[2]
MINIMAL = ROOT / "samples" / "minimal-linux.armc"

BROKEN = """\
vnet core 10.0.0.0/16 {
  subnet app 10.0.1.0/33
}
"""


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "armc", *args], capture_output=True, text=True, cwd=ROOT
    )


def test_build_writes_template_and_parameters(tmp_path: Path) -> None:
    result = run("build", str(MINIMAL), "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "minimal-linux.json",
        "minimal-linux.parameters.json",
    ]
    assert f"wrote {tmp_path / 'minimal-linux.json'}" in result.stderr


def test_default_output_is_beside_the_source(tmp_path: Path) -> None:
    source = tmp_path / "app.armc"
    source.write_text(MINIMAL.read_text())
    result = CliRunner().invoke(cli, ["build", str(source)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "app.json").is_file()
    assert (tmp_path / "app.parameters.json").is_file()


def test_stdout_prints_the_template_and_writes_nothing(tmp_path: Path) -> None:
    source = tmp_path / "app.armc"
    source.write_text(MINIMAL.read_text())
    result = run("build", str(source), "--stdout")
    assert result.returncode == 0
    assert result.stdout.startswith('{\n  "$schema"')
    assert sorted(p.name for p in tmp_path.iterdir()) == ["app.armc"]


def test_errors_are_located_with_a_code_frame_and_exit_2(tmp_path: Path) -> None:
    source = tmp_path / "broken.armc"
    source.write_text(BROKEN)
    result = run("build", str(source), "-o", str(tmp_path / "out"))
    assert result.returncode == 2
    assert f"{source}:2:14: error[DSL302]: " in result.stderr
    assert "    2 |   subnet app 10.0.1.0/33\n" in result.stderr
    assert "      |              ^~~~~~~~~~~\n" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_failed_build_leaves_earlier_outputs_untouched(tmp_path: Path) -> None:
    good = tmp_path / "good.armc"
    good.write_text(MINIMAL.read_text())
    assert run("build", str(good)).returncode == 0
    before = (tmp_path / "good.json").read_bytes()
    good.write_text(MINIMAL.read_text().replace("Standard_B2s", "Standard_D2s_v5"))
    bad = tmp_path / "bad.armc"
    bad.write_text(BROKEN)
    result = run("build", str(good), str(bad))
    assert result.returncode == 2
    assert (tmp_path / "good.json").read_bytes() == before
    assert not list(tmp_path.glob("*.tmp")) and not list(tmp_path.glob(".*.tmp"))


def test_missing_file_unreadable_file_and_usage_errors_exit_2(tmp_path: Path) -> None:
    missing = run("build", str(tmp_path / "nope.armc"))
    assert missing.returncode == 2 and "IO001" in missing.stderr
    binary = tmp_path / "binary.armc"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    unreadable = run("build", str(binary))
    assert unreadable.returncode == 2 and "Traceback" not in unreadable.stderr
    both = run("build", str(MINIMAL), "-o", str(tmp_path), "--stdout")
    assert both.returncode == 2
    assert run("build").returncode == 2


def test_two_inputs_with_one_output_name_clash(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for folder in ("a", "b"):
        (tmp_path / folder / "app.armc").write_text(MINIMAL.read_text())
    out = tmp_path / "out"
    result = run(
        "build", str(tmp_path / "a/app.armc"), str(tmp_path / "b/app.armc"), "-o", str(out)
    )
    assert result.returncode == 2 and "IO002" in result.stderr
    assert not out.exists()
