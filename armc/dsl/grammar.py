"""Locate `armc.lark` and build the Lark parser once per process."""

from __future__ import annotations

import functools
from pathlib import Path

import lark

import armc
from armc.dsl.transformer import IRBuilder

GRAMMAR_NAME = "armc.lark"


def grammar_path() -> Path:
    """The grammar file: inside the installed package first, then in a source checkout."""
    package = Path(armc.__file__).parent
    for root in (package, package.parent):
        candidate = root / "grammars" / GRAMMAR_NAME
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"cannot find {GRAMMAR_NAME} next to the armc package")


@functools.cache
def parser() -> lark.Lark:
    """The LALR parser for whole programs and for `${...}` interpolations (start `expr`).

    It builds IR directly while parsing (`builder()` is its inline transformer), which is much
    faster than building a parse tree and transforming it afterwards; spans come from tokens."""
    return lark.Lark(
        grammar_path().read_text(encoding="utf-8"),
        parser="lalr",
        lexer="contextual",
        propagate_positions=False,
        maybe_placeholders=True,
        start=["start", "expr"],
        transformer=builder(),
        cache=True,  # LALR tables cached in the temp dir, keyed by grammar and options
    )


@functools.cache
def builder() -> IRBuilder:
    """The one IR builder the cached parser calls; `begin(source)` before each parse."""
    return IRBuilder()
