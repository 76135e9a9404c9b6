"""Parsing: text to syntax IR, with exact spans."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from armc.diagnostics import CompileError
from armc.dsl import ir
from armc.dsl.parser import parse_program
from armc.source import SourceFile, Span


def parse(text: str) -> ir.Program:
    return parse_program(SourceFile("p.armc", text))


def test_param_with_every_modifier() -> None:
    program = parse(
        'param env: string = "dev" allowed("dev", "prod") length(2, 4) '
        'description "the environment"\n'
    )
    (param,) = program.statements
    assert isinstance(param, ir.ParamDecl)
    assert (param.name, param.type, param.secure) == ("env", "string", False)
    assert param.default == ir.Literal("dev", Span("p.armc", 1, 21, 1, 26))
    assert param.allowed == (
        ir.Literal("dev", Span("p.armc", 1, 35, 1, 40)),
        ir.Literal("prod", Span("p.armc", 1, 42, 1, 48)),
    )
    assert param.length is not None
    assert param.description == "the environment"
    assert param.span == Span("p.armc", 1, 1, 1, 92)
    assert param.name_span == Span("p.armc", 1, 7, 1, 10)


def test_secure_param_and_keyvault() -> None:
    (param,) = parse('param pw: secure string keyvault("/x", "s")').statements
    assert isinstance(param, ir.ParamDecl)
    assert param.secure and param.type == "string" and param.keyvault is not None


def test_clause_with_arguments_condition_and_block() -> None:
    (clause,) = parse('vm web[3] if env == "prod" {\n  size Standard_D2s_v5\n}\n').statements
    assert isinstance(clause, ir.Clause)
    assert clause.keyword == "vm"
    (name,) = clause.args
    assert isinstance(name, ir.IndexedWord) and name.text == "web"
    assert name.index == ir.Literal(3, Span("p.armc", 1, 8, 1, 9))
    assert isinstance(clause.condition, ir.Binary) and clause.condition.op == "=="
    assert clause.block is not None
    (size,) = clause.block.items
    assert isinstance(size, ir.Clause)
    assert size.args == (ir.Word("Standard_D2s_v5", Span("p.armc", 2, 8, 2, 23)),)
    assert clause.span == Span("p.armc", 1, 1, 3, 2)


def test_words_cover_cidrs_aliases_ranges_and_dotted_references() -> None:
    (clause,) = parse("x 10.0.0.0/16 ubuntu-24.04 8000-8080 core.web * ->\n").statements
    assert isinstance(clause, ir.Clause)
    texts = [a.text if isinstance(a, ir.Word) else type(a).__name__ for a in clause.args]
    assert texts == ["10.0.0.0/16", "ubuntu-24.04", "8000-8080", "core.web", "Star", "Arrow"]


def test_block_of_pairs_with_nested_values() -> None:
    (clause,) = parse('properties { a: 1, b: [1,\n 2], c: { d: "e" } }\n').statements
    assert isinstance(clause, ir.Clause) and clause.block is not None
    keys = [item.key for item in clause.block.items if isinstance(item, ir.Pair)]
    assert keys == ["a", "b", "c"]


def test_expression_precedence() -> None:
    (var,) = parse("var x = 1 + 2 * 3 == 7 and not false\n").statements
    assert isinstance(var, ir.VarDecl)
    value = var.value
    assert isinstance(value, ir.Binary) and value.op == "and"
    assert isinstance(value.left, ir.Binary) and value.left.op == "=="
    assert isinstance(value.left.left, ir.Binary) and value.left.left.op == "+"


def test_if_expression_and_postfix() -> None:
    (var,) = parse("var x = if a > 1 then web[0].id else b.c[*]\n").statements
    assert isinstance(var, ir.VarDecl) and isinstance(var.value, ir.Conditional)
    assert isinstance(var.value.then, ir.Attribute)
    assert isinstance(var.value.otherwise, ir.Splat)


def test_interpolation_parts_and_spans() -> None:
    (var,) = parse('var x = "web-${i + 1}-${env}"\n').statements
    assert isinstance(var, ir.VarDecl) and isinstance(var.value, ir.Interpolation)
    first, second, dash, third = var.value.parts
    assert first == "web-"
    assert isinstance(second, ir.Binary)
    assert second.span == Span("p.armc", 1, 16, 1, 21)
    assert dash == "-"
    assert third == ir.NameRef("env", Span("p.armc", 1, 25, 1, 28))


def test_escapes_in_strings() -> None:
    (var,) = parse(r'var x = "a\"b\\c\${d}"' + "\n").statements
    assert isinstance(var, ir.VarDecl)
    assert var.value == ir.Literal('a"b\\c${d}', var.value.span)


def test_comments_blank_lines_and_continuations() -> None:
    text = "# header\n\nparam a: int # trailing\n   # indented comment\nvar b = 1 + \\\n  2\n"
    statements = parse(text).statements
    assert [type(s).__name__ for s in statements] == ["ParamDecl", "VarDecl"]


def test_import_statement() -> None:
    (statement,) = parse('import "modules/net.armc"\n').statements
    assert statement == ir.ImportDecl("modules/net.armc", Span("p.armc", 1, 1, 1, 26))


def test_syntax_error_names_what_was_expected() -> None:
    with pytest.raises(CompileError) as caught:
        parse("var = 3\n")
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.code == "DSL101"
    assert "expected a name" in diagnostic.message
    assert diagnostic.span == Span("p.armc", 1, 5, 1, 6)


@given(st.from_regex(r"[a-z][a-z0-9_]{0,20}", fullmatch=True))
def test_any_identifier_parses_as_a_variable_name(name: str) -> None:
    reserved = {"if", "then", "else", "and", "or", "not", "true", "false", "null"}
    if name in reserved:
        return
    (var,) = parse(f"var {name} = 1\n").statements
    assert isinstance(var, ir.VarDecl) and var.name == name
    assert var.name_span == Span("p.armc", 1, 5, 1, 5 + len(name))


@given(
    st.text(
        alphabet=st.characters(
            blacklist_characters='"\\\n\r$', min_codepoint=32, max_codepoint=0x2FF
        ),
        max_size=30,
    )
)
def test_plain_strings_round_trip(text: str) -> None:
    (var,) = parse(f'var x = "{text}"\n').statements
    assert isinstance(var, ir.VarDecl)
    assert var.value == ir.Literal(text, var.value.span)
