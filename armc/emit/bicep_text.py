"""Bicep lexical rules: string literals, identifiers, object keys and property access.

Escapes follow the Bicep language reference: `\\'`, `\\\\`, `\\n`, `\\r`, `\\t`, `\\${` (only a
`$` that starts an interpolation needs one) and `\\u{X}` for every other control character."""

from __future__ import annotations

import re

IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")

# Words that cannot name a declaration: statement keywords, literals and the namespaces.
KEYWORDS = frozenset(
    {
        "as",
        "assert",
        "az",
        "existing",
        "extension",
        "false",
        "for",
        "func",
        "if",
        "import",
        "in",
        "metadata",
        "module",
        "null",
        "output",
        "param",
        "provider",
        "resource",
        "sys",
        "targetScope",
        "true",
        "type",
        "using",
        "var",
        "with",
    }
)

_SIMPLE_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t", "${": "\\${"}
# What needs an escape: the simple ones, `${`, and the other control characters (category Cc:
# C0, DEL, C1) and line/paragraph separators (Zl, Zp).
_NEEDS_ESCAPE = re.compile("[\\\\'\x00-\x1f\x7f-\x9f\u2028\u2029]|\\$\\{")


def _escaped(match: re.Match[str]) -> str:
    found = match.group(0)
    return _SIMPLE_ESCAPES.get(found) or f"\\u{{{ord(found):X}}}"


def escape(text: str) -> str:
    """The body of a Bicep string literal for `text` (without the quotes)."""
    return _NEEDS_ESCAPE.sub(_escaped, text)


def quote(text: str) -> str:
    """`text` as a single-quoted Bicep string literal."""
    return "'" + escape(text) + "'"


def is_identifier(text: str) -> bool:
    return IDENTIFIER.match(text) is not None


def object_key(key: str) -> str:
    """An object property name: bare when it is an identifier (not a literal word), else quoted."""
    if is_identifier(key) and key not in ("true", "false", "null"):
        return key
    return quote(key)


def member(name: str) -> str:
    """Property access on an expression: `.name`, or `['odd-name']`."""
    return f".{name}" if is_identifier(name) else f"[{quote(name)}]"


def identifier(text: str, fallback: str = "value") -> str:
    """A valid Bicep identifier close to `text`: invalid characters become `_`, a leading digit
    gets a `_` prefix, a keyword gets a `_` suffix."""
    cleaned = re.sub(r"[^A-Za-z0-9_]", "_", text) or fallback
    if cleaned[0].isdigit():
        cleaned = "_" + cleaned
    if cleaned in KEYWORDS:
        cleaned += "_"
    return cleaned


def camel(words: list[str]) -> str:
    """`['web', '0', 'nic']` -> `web0Nic`: the first word keeps its case bar the first letter."""
    parts = [w for w in words if w]
    if not parts:
        return ""
    head = parts[0][0].lower() + parts[0][1:]
    return head + "".join(w[0].upper() + w[1:] for w in parts[1:])


def words(text: str) -> list[str]:
    """The alphanumeric runs of `text`."""
    return re.findall(r"[A-Za-z0-9]+", text)


def env_name(name: str) -> str:
    """An environment variable name for a parameter: `adminKey`, `admin_key` -> `ADMIN_KEY`."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name)
    return re.sub(r"[^A-Za-z0-9]+", "_", spaced).strip("_").upper()
