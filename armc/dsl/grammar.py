"""Locate `armc.lark` and build the Lark parser once per process."""

from __future__ import annotations

import functools
import hashlib
import os
import sys
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
    text = grammar_path().read_text(encoding="utf-8")
    return lark.Lark(
        text,
        parser="lalr",
        lexer="contextual",
        propagate_positions=False,
        maybe_placeholders=True,
        start=["start", "expr"],
        transformer=builder(),
        cache=_cache_file(text),
    )


def _cache_file(grammar: str) -> str | bool:
    """Where Lark keeps the LALR tables between runs (saves ~0.1 s per process).

    A private per-user directory, not Lark's default of a predictable name in the shared temp
    directory (the cache is a pickle: a file planted there would run as code). When the
    directory cannot be made, no cache."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    directory = Path(base) / "armc"
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        if directory.stat().st_uid != os.getuid():
            return False
    except (OSError, AttributeError, RuntimeError):
        return False
    digest = hashlib.sha256(f"{grammar}{lark.__version__}{sys.version_info[:2]}".encode())
    return str(directory / f"armc-grammar-{digest.hexdigest()[:16]}.lark-cache")


@functools.cache
def builder() -> IRBuilder:
    """The one IR builder the cached parser calls; `begin(source)` before each parse."""
    return IRBuilder()
