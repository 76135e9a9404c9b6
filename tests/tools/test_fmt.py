"""`armc fmt`: idempotent, meaning-preserving, comment-keeping; the command's exit codes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from armc.cli import cli
from armc.dsl.format import Token, _gap, _tokenize_line, format_source
from tests.tools.helpers import HERE, SAMPLES, build_text

MESSY = (HERE / "messy.armc.txt").read_text(encoding="utf-8")


def comments(text: str) -> list[str]:
    """Every comment of a file, in order (the formatter's own tokenizer finds them)."""
    found: list[str] = []
    for line in text.splitlines():
        _, comment, _ = _tokenize_line(line)
        if comment is not None:
            found.append(comment)
    return found


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_samples_format_idempotently_and_build_identically(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    formatted = format_source(text)
    assert format_source(formatted) == formatted
    assert comments(formatted) == comments(text)
    if path.parent.name != "modules":
        assert build_text(formatted, str(path)) == build_text(text, str(path))


def test_messy_file_gets_the_canonical_layout(golden: object) -> None:
    formatted = format_source(MESSY)
    golden(  # type: ignore[operator]
        "tools/fmt-messy.armc", formatted
    )
    assert format_source(formatted) == formatted
    assert build_text(formatted, "messy.armc") == build_text(MESSY, "messy.armc")
    assert comments(formatted) == [
        "# header comment",
        "# trailing",
        "# app subnet",
        "# before close",
    ]


def test_layout_rules() -> None:
    assert format_source("var  x=[1,2 ,3]\n") == "var x = [1, 2, 3]\n"
    assert format_source("tags {a:1}") == "tags { a: 1 }\n"
    assert format_source('resource "T@1" r {\n properties {}\n}') == (
        'resource "T@1" r {\n  properties {}\n}\n'
    )
    # a `(` or `[` after a word keeps its attachment: `size (expr)` is not a call
    assert format_source("pip p zones(1,2)\n") == "pip p zones(1, 2)\n"
    assert format_source("vm a {\n size   (x)\n}\n") == "vm a {\n  size (x)\n}\n"
    # kebab-case words, CIDRs and arrows are never split
    assert format_source("rule tcp 443->8443 pool web-pool\n") == (
        "rule tcp 443 -> 8443 pool web-pool\n"
    )
    assert format_source("subnet a 10.0.0.0/24\r\n\r\n\r\n\r\nx\r\n") == (
        "subnet a 10.0.0.0/24\n\nx\n"
    )
    assert format_source("") == ""
    assert format_source("\n\n") == ""


def test_line_continuation_is_kept_and_indented() -> None:
    text = 'param env: string = "dev" \\\n      allowed("dev", "prod")\n'
    formatted = format_source(text)
    assert formatted == 'param env: string = "dev" \\\n    allowed("dev", "prod")\n'
    assert build_text(formatted, "c.armc") == build_text(text, "c.armc")


def test_comment_texts_and_their_lines_are_kept() -> None:
    text = (
        "vm legacy {   # armc: ignore[AZS012] on purpose\n"
        "# armc: ignore[COST001] keep the size\n"
        "      size Standard_D8s_v5\n"
        "}\n"
    )
    assert format_source(text) == (
        "vm legacy {  # armc: ignore[AZS012] on purpose\n"
        "  # armc: ignore[COST001] keep the size\n"
        "  size Standard_D8s_v5\n"
        "}\n"
    )


# ---- whitespace perturbation: any spacing of a sample formats to the same text ------------

_SPACES = st.sampled_from([" ", "  ", "\t", " \t "])


def _free(previous: Token, token: Token) -> bool:
    """Whether the gap may be empty without changing tokens or the kept attachment."""
    sensitive = {"atom", "string", "op"}
    if previous.kind in sensitive and token.kind in sensitive:
        return False
    if token.kind == "open" and token.text in "([" and previous.kind in ("atom", "string", "close"):
        return False
    return not (previous.kind == "close" and previous.text != "}" and token.kind == "atom")


@st.composite
def perturbed(draw: st.DrawFn, text: str) -> str:
    lines: list[str] = []
    for line in text.split("\n"):
        tokens, comment, continues = _tokenize_line(line)
        parts = [draw(st.sampled_from(["", " ", "\t", "    "]))]
        previous: Token | None = None
        for token in tokens:
            if previous is not None:
                gap = _gap(previous, token)
                if gap or not _free(previous, token):
                    parts.append(draw(_SPACES) if gap or token.spaced else "")
                else:
                    parts.append(draw(st.sampled_from(["", " "])))
            parts.append(token.text)
            previous = token
        if comment is not None:
            parts.append(draw(_SPACES) + comment)
        if continues:
            parts.append(" \\")
        else:
            parts.append(draw(st.sampled_from(["", " ", "\t"])))
        lines.append("".join(parts))
        if not line and draw(st.booleans()):  # more blank lines where there is one
            lines.append(draw(st.sampled_from(["", "   "])))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    return "\n" * draw(st.integers(0, 2)) + newline.join(lines) + "\n" * draw(st.integers(0, 2))


_CANONICAL = {path: format_source(path.read_text(encoding="utf-8")) for path in SAMPLES}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), path=st.sampled_from(SAMPLES))
def test_any_spacing_formats_to_the_canonical_text(data: st.DataObject, path: Path) -> None:
    canonical = _CANONICAL[path]
    messy = data.draw(perturbed(canonical))
    assert format_source(messy) == canonical


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), path=st.sampled_from([p for p in SAMPLES if p.parent.name != "modules"]))
def test_perturbed_samples_build_like_the_originals(data: st.DataObject, path: Path) -> None:
    messy = data.draw(perturbed(_CANONICAL[path]))
    assert build_text(messy, str(path)) == build_text(_CANONICAL[path], str(path))


# ---- the command -----------------------------------------------------------------------------


def test_fmt_rewrites_checks_and_diffs(tmp_path: Path) -> None:
    path = tmp_path / "app.armc"
    path.write_text(MESSY, encoding="utf-8")
    runner = CliRunner()
    check = runner.invoke(cli, ["fmt", "--check", str(path)])
    assert check.exit_code == 1
    assert f"would reformat {path}" in check.output
    assert path.read_text(encoding="utf-8") == MESSY
    diff = runner.invoke(cli, ["fmt", "--diff", str(tmp_path)])
    assert "+var n = 2 * 3 + 1" in diff.output
    assert path.read_text(encoding="utf-8") == MESSY
    assert runner.invoke(cli, ["fmt", str(tmp_path)]).exit_code == 0
    assert path.read_text(encoding="utf-8") == format_source(MESSY)
    again = runner.invoke(cli, ["fmt", "--check", str(path)])
    assert again.exit_code == 0
    assert "reformat" not in again.output


def test_fmt_leaves_files_with_syntax_errors_alone(tmp_path: Path) -> None:
    path = tmp_path / "bad.armc"
    path.write_text("vnet core {\n  subnet a 10.0.0.0/24\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["fmt", str(path)])
    assert result.exit_code == 2
    assert re.search(r"bad\.armc:\d+:\d+: error\[DSL104\]", result.output)
    assert path.read_text(encoding="utf-8") == "vnet core {\n  subnet a 10.0.0.0/24\n"


def test_fmt_reports_missing_files(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["fmt", str(tmp_path / "nope.armc")])
    assert result.exit_code == 2
    assert "no such file" in result.output
