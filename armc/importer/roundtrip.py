"""Round trip: does `build(import(T))` deploy the same resources with the same evaluated
properties as `T`?

Both templates are evaluated by the ARM front-end with the same deployment context and the
parameters' defaults (or the same parameters file). Resources are matched by type and evaluated
name; bodies are compared without `dependsOn`, `copy`, `comments`, `condition`, `type` and
`name` (the match), and `location` is compared where `T` sets one (the DSL gives every
resource the template's location). Zones compare as strings (`[copyIndex(1)]` deploys zone
"1"). Values known only at deployment compare equal when both are
unknown."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from armc.arm.loaded import LoadedTemplate
from armc.arm.values import Unknown

IGNORED = frozenset({"dependson", "copy", "comments", "condition", "type", "name"})


def compare_text(
    original: LoadedTemplate, dsl_text: str, filename: str, params: tuple[str, ...] = ()
) -> list[str]:
    """Differences between `original` and the build of `dsl_text` evaluated with the same
    `params` (`name=value`) that `original` was; [] when equivalent."""
    from armc.arm.loader import LoadOptions, load_template
    from armc.diagnostics import CompileError
    from armc.dsl import compile_source
    from armc.emit.arm import emit_arm

    try:
        output = emit_arm(compile_source(dsl_text, filename))
    except CompileError as error:
        return [
            f"the imported file does not compile: {d.span}: {d.message}"
            for d in error.diagnostics[:5]
        ]
    with tempfile.TemporaryDirectory(prefix="armc-roundtrip-") as directory:
        path = Path(directory) / "built.json"
        path.write_text(output.template, encoding="utf-8")
        built = load_template(path, LoadOptions(params=params))
        return compare_loaded(original, built)


def _instances(loaded: LoadedTemplate) -> dict[tuple[str, str], dict[str, Any]]:
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for resource in loaded.template.resources:
        if resource.existing or loaded.condition(resource) is False:
            continue
        name = loaded.name(resource)
        key = (resource.type_lower, name.lower() if isinstance(name, str) else resource.key)
        body = {k: v for k, v in loaded.evaluated(resource).items() if k.lower() not in IGNORED}
        if isinstance(body.get("zones"), list):  # ARM turns numbers into the zone strings
            body["zones"] = [
                str(z) if isinstance(z, int) and not isinstance(z, bool) else z
                for z in body["zones"]
            ]
        found[key] = body
    return found


def compare_loaded(original: LoadedTemplate, built: LoadedTemplate) -> list[str]:
    before, after = _instances(original), _instances(built)
    differences: list[str] = []
    for key in sorted(before.keys() - after.keys()):
        differences.append(f"{key[0]} '{key[1]}' is missing")
    for key in sorted(after.keys() - before.keys()):
        differences.append(f"{key[0]} '{key[1]}' is extra")
    for key in sorted(before.keys() & after.keys()):
        left, right = before[key], dict(after[key])
        if "location" not in left:
            right.pop("location", None)
        for path in _diff(left, right, ()):
            differences.append(f"{key[0]} '{key[1]}': {path or '(body)'} differs")
    return differences


def _diff(left: Any, right: Any, path: tuple[str | int, ...]) -> list[str]:
    if isinstance(left, Unknown) or isinstance(right, Unknown):
        both = isinstance(left, Unknown) and isinstance(right, Unknown)
        return [] if both else [_text(path)]
    if isinstance(left, dict) and isinstance(right, dict):
        out: list[str] = []
        for key in sorted(set(left) | set(right)):
            if key not in left or key not in right:
                out.append(_text((*path, key)))
            else:
                out.extend(_diff(left[key], right[key], (*path, key)))
        return out
    if isinstance(left, list) and isinstance(right, list):
        if len(left) != len(right):
            return [_text(path)]
        out = []
        for index, (a, b) in enumerate(zip(left, right, strict=True)):
            out.extend(_diff(a, b, (*path, index)))
        return out
    if type(left) is not type(right) or left != right:
        return [_text(path)]
    return []


def _text(path: tuple[str | int, ...]) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text
