"""Locate `armc.lark` and build the Lark parser once per process."""

from __future__ import annotations

import functools
from pathlib import Path

import lark

import armc

GRAMMAR_NAME = "armc.lark"


def grammar_path() -> Path:
    """The grammar file: inside the installed package first, then in a source checkout."""
    package = Path(armc.__file__).parent
    for candidate in (
        package / "grammars" / GRAMMAR_NAME,
        package.parent / "grammars" / GRAMMAR_NAME,
    ):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"cannot find {GRAMMAR_NAME} next to the armc package")


@functools.cache
def parser() -> lark.Lark:
    """The LALR parser for whole programs and for `${...}` interpolations (start `expr`)."""
    return lark.Lark(
        grammar_path().read_text(encoding="utf-8"),
        parser="lalr",
        lexer="contextual",
        propagate_positions=True,
        maybe_placeholders=True,
        start=["start", "expr"],
        cache=False,
    )
