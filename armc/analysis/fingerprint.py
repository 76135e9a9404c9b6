"""Finding fingerprints that survive unrelated edits (SARIF `partialFingerprints`, baselines).

A fingerprint hashes the rule id, the identity of the resource (its key, not its index), the
property path below it and the normalised message: never line numbers, so adding a resource
or reformatting the file keeps every other finding's fingerprint."""

from __future__ import annotations

import hashlib

from armc.diagnostics import Diagnostic
from armc.model.template import JsonPath

VERSION = "armc/v1"


def normalise_message(message: str) -> str:
    # = re.sub(r"\s+", " ", message.strip()).lower(): split() and `\s` know the same spaces
    return " ".join(message.split()).lower()


def fingerprint(rule_id: str, resource: str | None, path: JsonPath, message: str) -> str:
    """A hex digest of what a finding is about. `path` should be relative to the resource."""
    parts = [rule_id, resource or "", "/".join(map(str, path)), normalise_message(message)]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


def relative_path(path: JsonPath, resource_path: JsonPath | None) -> JsonPath:
    """`path` below the resource at `resource_path` (so that reordering resources is harmless)."""
    if resource_path is not None and path[: len(resource_path)] == resource_path:
        return path[len(resource_path) :]
    return path


def of(diagnostic: Diagnostic) -> str:
    """The diagnostic's fingerprint, or one from its code, file and message when it has none
    (diagnostics from front-ends)."""
    if diagnostic.fingerprint:
        return diagnostic.fingerprint
    file = diagnostic.span.file if diagnostic.span else ""
    return fingerprint(diagnostic.code, file, (), diagnostic.message)
