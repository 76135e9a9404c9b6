"""Inputs the fuzz harnesses in fuzz/ found, pinned so that they stay fixed."""

from __future__ import annotations

from pathlib import Path

import pytest

from armc.arm import expressions
from armc.arm.evaluator import Evaluator
from armc.arm.expressions import Call, Index, lark_parse
from armc.arm.values import Unknown
from armc.diagnostics import CompileError, Diagnostic
from armc.dsl import compile_file
from armc.source import SourceRegistry


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("[parameters( 'tag' )]", 20),
        ("[f( )]", 5),
        ("[f ( 1 , 2 ) ]", 12),
    ],
)
def test_a_call_ends_at_its_closing_parenthesis_in_both_parsers(text: str, end: int) -> None:
    # fuzz_expression: Lark put the end one past the last argument, so spaces before ')' moved it
    reference = lark_parse(text)
    assert isinstance(reference, Call)
    assert reference.end == end
    assert expressions._fast_parse(text) == reference


def test_an_index_ends_at_its_closing_bracket_in_both_parsers() -> None:
    text = "[f()[ 1 ]]"
    reference = lark_parse(text)
    assert isinstance(reference, Index)
    assert reference.end == 9
    assert expressions._fast_parse(text) == reference


@pytest.mark.parametrize("space", ["\x0c", "\x0b", "\u00a0", "\u2028"])
def test_only_the_grammars_whitespace_may_trail_an_expression(space: str) -> None:
    # fuzz_expression: the fast parser accepted "[n()\x0c]" (str.strip() drops any whitespace)
    text = f"[n(){space}]"
    assert isinstance(lark_parse(text), expressions.ExpressionError)
    assert expressions._fast_parse(text) is None
    assert isinstance(expressions.parse_expression(text), expressions.ExpressionError)


def _compile_errors(text: str, path: Path) -> list[Diagnostic]:
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CompileError) as caught:
        compile_file(path, SourceRegistry())
    return list(caught.value.diagnostics)


def test_an_import_path_with_a_nul_byte_is_a_diagnostic(tmp_path: Path) -> None:
    # fuzz_dsl: Path.resolve() raised ValueError("embedded null byte")
    (error,) = _compile_errors('import "x\0y.armc"\n', tmp_path / "main.armc")
    assert error.code == "DSL111"
    assert error.span is not None and (error.span.line, error.span.column) == (1, 1)


def test_an_import_through_a_symlink_loop_is_a_diagnostic(tmp_path: Path) -> None:
    # Path.resolve() raises RuntimeError on a symlink loop
    (tmp_path / "a.armc").symlink_to(tmp_path / "b.armc")
    (tmp_path / "b.armc").symlink_to(tmp_path / "a.armc")
    (error,) = _compile_errors('import "a.armc"\n', tmp_path / "main.armc")
    assert error.code == "DSL111"
    assert "loop" in error.message.lower()


def test_only_armc_files_are_imported(tmp_path: Path) -> None:
    # a linter in CI must not read /etc/passwd or a key and quote its first line in a code frame
    secret = tmp_path / "id_rsa"
    secret.write_text("-----BEGIN OPENSSH PRIVATE KEY-----\n")
    (error,) = _compile_errors(f'import "{secret.name}"\n', tmp_path / "main.armc")
    assert error.code == "DSL111"
    assert "only .armc files" in error.message


COPY_TEMPLATE = {
    "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
    "contentVersion": "1.0.0.0",
    "resources": [],
}


@pytest.mark.parametrize("count", ["1000000000", "²", "٣", " 801 "])
def test_a_copy_count_string_is_bounded_like_a_number(count: str) -> None:
    # "1000000000" passed str.isdigit() and skipped the 0..800 check (MemoryError, or a hang in
    # an output copy loop); "²" passed isdigit() and int() raised ValueError
    evaluator = Evaluator({}, {})
    assert isinstance(evaluator.count({"count": count}, ("outputs", "o", "copy")), Unknown)
    assert [d.code for d in evaluator.diagnostics] == ["ARM208"]


def test_a_copy_count_string_of_ascii_digits_is_a_count() -> None:
    assert Evaluator({}, {}).count({"count": " 3 "}, ("resources", 0, "copy")) == 3


@pytest.mark.parametrize(
    "expression",
    [
        "concat(" * 300 + "'a'" + ")" * 300,
        "concat(" * 10_000 + "'a'" + ")" * 10_000,
        "createArray(1)" + "[0]" * 1000,
    ],
)
def test_an_expression_nested_too_deeply_is_a_syntax_error(expression: str) -> None:
    # a 10,000-deep expression raised RecursionError in the fast parser (exit 3 from lint)
    parsed = expressions.parse_expression(f"[{expression}]")
    assert isinstance(parsed, expressions.ExpressionError)
    assert f"more than {expressions.MAX_NESTING} levels" in parsed.message


def test_an_expression_as_deep_as_allowed_still_parses() -> None:
    depth = expressions.MAX_NESTING - 1
    text = "[" + "concat(" * depth + "'a'" + ")" * depth + "]"
    assert isinstance(expressions.parse_expression(text), Call)


def test_a_code_frame_never_prints_terminal_control_characters(tmp_path: Path) -> None:
    # a raw ESC in a JSONC string, or in a key quoted by a message, reached the terminal as is
    from armc.config import Config
    from armc.linting import LintJob, lint_file
    from armc.report.text import render_diagnostic

    path = tmp_path / "t.json"
    path.write_text(
        '{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/'
        'deploymentTemplate.json#", "resources": [], "a\x1b[2K\u202e": 1, '
        '"a\x1b[2K\u202e": "\x1b]0;pwned\x07"}',
        encoding="utf-8",
    )
    report = lint_file(LintJob(path, True, tmp_path, Config())).report
    assert report is not None and report.source is not None
    sources = SourceRegistry()
    sources.add(report.source)
    text = "\n".join(render_diagnostic(d, sources) for d in report.diagnostics)
    assert "duplicate key" in text
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text


@pytest.mark.parametrize("number", ["6" + "0" * 127 + ".5", "0.0000001", "1.5", "-2.25"])
def test_unparse_writes_numbers_arm_can_read(number: str) -> None:
    # fuzz_expression: unparse wrote 6e+127, which is not an ARM number
    tree = lark_parse(f"[{number}]")
    text = expressions.unparse(tree)  # type: ignore[arg-type]
    again = lark_parse(f"[{text}]")
    assert isinstance(again, expressions.Literal) and again.value == float(number)


def test_an_import_name_too_long_for_the_file_system_is_a_diagnostic(tmp_path: Path) -> None:
    # fuzz_dsl: Path.exists() raised OSError(ENAMETOOLONG)
    (error,) = _compile_errors(f'import "{"x" * 300}.armc"\n', tmp_path / "main.armc")
    assert error.code == "DSL111"
    assert error.span is not None and (error.span.line, error.span.column) == (1, 1)
