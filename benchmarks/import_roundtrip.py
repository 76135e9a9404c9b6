"""The share of the corpus's VM templates that `armc import` round-trips, and why the rest
do not.

    python benchmarks/import_roundtrip.py [LIMIT] [--list CLASS]

For every ARM template of ../shared/corpus/INDEX.tsv marked `is_vm`, imports it (parameter
defaults), checks that `armc fmt` is idempotent on the result, builds it and compares the build
with the template (armc.importer.roundtrip). Prints the counts, each failure in one class (the
first that applies, see `classify`), how many VMs and scale sets took the `vm`/`vmss` form, and
what kept the others from it. `--list CLASS` prints the templates of the classes whose name
contains CLASS."""

from __future__ import annotations

import collections
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from armc.dsl.format import format_source  # noqa: E402
from armc.importer import ImportResult, import_file  # noqa: E402
from armc.importer.roundtrip import compare_text  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
COMPILE_CLASSES = (
    ("is declared twice", "DSL: two resources of different types share a name (DSL202)"),
    ("must be a string, not", "DSL: a tag value that is not a string"),
    ("the default of", "DSL: a parameter default of another type than the parameter's"),
    ("the default is outside", "DSL: an expression default checked against length()/range()"),
    ("out of range", "DSL: both branches of if() evaluated at compile time"),
    ("cannot index this value", "DSL: object member names are case-sensitive"),
)


def vm_templates() -> list[Path]:
    rows = (CORPUS / "INDEX.tsv").read_text(encoding="utf-8").splitlines()[1:]
    paths = []
    for row in rows:
        path, kind, _, _, is_vm = row.split("\t")
        if kind == "arm-json" and is_vm == "1":
            paths.append(CORPUS / path)
    return paths


def _empty_secure_defaults(loaded: Any) -> list[str]:
    return [
        name
        for name, parameter in loaded.template.parameters.items()
        if str(parameter.body.get("type", "")).lower() == "securestring"
        and parameter.body.get("defaultValue") == ""
    ]


def _differs_only_by_empty_defaults(
    loaded: Any, text: str, names: list[str], params: tuple[str, ...]
) -> bool:
    """Whether the build of `text`, given back the empty defaults of the secure parameters
    `names` (which the DSL rejects, DSL307), is equivalent to the template."""
    import json
    import tempfile

    from armc.arm.loader import LoadOptions, load_template
    from armc.dsl import compile_source
    from armc.emit.arm import emit_arm
    from armc.importer.roundtrip import compare_loaded

    template = json.loads(emit_arm(compile_source(text, "<import>.armc")).template)
    for name in names:
        if name in template["parameters"]:
            template["parameters"][name]["defaultValue"] = ""
    with tempfile.TemporaryDirectory(prefix="armc-bench-") as directory:
        path = Path(directory) / "built.json"
        path.write_text(json.dumps(template), encoding="utf-8")
        built = load_template(path, LoadOptions(params=params))
        return not compare_loaded(loaded, built)


def classify(differences: list[str], result: ImportResult, loaded: Any, text: str) -> str:
    """The first class that explains a failed round trip."""
    first = differences[0]
    if "does not compile" in first:
        for marker, name in COMPILE_CLASSES:
            if marker in first:
                return name
        return "does not compile: " + first.rsplit(": ", 1)[-1][:60]
    empty = _empty_secure_defaults(loaded)
    if empty and _differs_only_by_empty_defaults(loaded, text, empty, result.params):
        return "DSL: a secure parameter with an empty default (DSL307)"
    if any("is missing" in d or "is extra" in d for d in differences):
        return "a resource name not known before deployment"
    if any("kept as text" in note for note in result.notes):
        return "a value that depends on the deployment (kept as text)"
    return "other: " + re.sub(r"'[^']*'", "'X'", first)[:80]


def vm_blocker(result_text: str, loaded: Any) -> collections.Counter[str]:
    """Per VM resource of the template: `vm form` when it took it, else the first reason."""
    from armc import data

    found: collections.Counter[str] = collections.Counter()
    pinned = data.api_versions()["Microsoft.Compute/virtualMachines"]
    nic_names = {
        loaded.name(r)
        for r in loaded.template.resources
        if r.type_lower == "microsoft.network/networkinterfaces"
    }
    for resource in loaded.template.resources:
        kind = {"microsoft.compute/virtualmachines": "vm"}.get(resource.type_lower)
        if resource.type_lower == "microsoft.compute/virtualmachinescalesets":
            kind = "vmss"
        if kind is None:
            continue
        name = loaded.name(resource)
        if isinstance(name, str) and re.search(rf"^{kind} {re.escape(name)} {{", result_text, re.M):
            found[f"{kind}: took the form"] += 1
        elif resource.api_version != pinned:
            found[f"{kind}: another apiVersion than the DSL's ({pinned})"] += 1
        elif kind == "vm" and f"{name}-nic" not in nic_names:
            found["vm: its NIC is not named NAME-nic"] += 1
        else:
            found[f"{kind}: other settings the form does not make"] += 1
    return found


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    listing = sys.argv[sys.argv.index("--list") + 1] if "--list" in sys.argv else None
    if listing in args:
        args.remove(listing)
    limit = int(args[0]) if args else None
    paths = vm_templates()[:limit]
    counts: collections.Counter[str] = collections.Counter()
    classes: collections.Counter[str] = collections.Counter()
    members: dict[str, list[str]] = collections.defaultdict(list)
    forms: collections.Counter[str] = collections.Counter()
    for path in paths:
        try:
            result, loaded = import_file(path)
        except RecursionError:
            counts["import crashed (recursion)"] += 1
            continue
        if result is None:
            counts["not loadable"] += 1
            continue
        text = format_source(result.text)
        if format_source(text) != text:
            counts["fmt not idempotent"] += 1
        forms.update(vm_blocker(text, loaded))
        differences = compare_text(loaded, text, str(path.with_suffix(".armc")), result.params)
        if differences:
            counts["differs"] += 1
            name = classify(differences, result, loaded, text)
            classes[name] += 1
            members[name].append(str(path.relative_to(CORPUS)))
        else:
            counts["round-trips"] += 1
            if not result.notes:
                counts["round-trips with nothing noted (exact)"] += 1
    total = len(paths)
    print(f"VM templates: {total}")
    for name, count in sorted(counts.items()):
        print(f"  {name}: {count} ({100 * count / max(total, 1):.1f}%)")
    print("why the others do not (first class that applies):")
    for name, count in classes.most_common():
        print(f"  {count:4}  {name}")
    print("VMs and scale sets:")
    for name, count in sorted(forms.items()):
        print(f"  {count:4}  {name}")
    if listing is not None:
        for name, found in sorted(members.items()):
            if listing.lower() in name.lower():
                print(f"{name}:")
                for item in found:
                    print(f"  {item}")


if __name__ == "__main__":
    main()
