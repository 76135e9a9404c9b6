"""Compare armc's findings with checkov's on the VM templates of the shared corpus.

    python benchmarks/compare_checkov.py --checkov VENV/bin/checkov [--out docs/accuracy.md]

checkov is never a dependency of armc: install it in a separate virtual environment and pass
its executable. The script runs `checkov --framework arm --skip-download` once over every
template the corpus index marks as a VM template, maps checkov's check ids to armc rules
through each rule's `equivalents`, and compares findings per template, check and resource
(a checkov finding names a resource by its line range; an armc finding is placed in the
resource whose lines hold it). It writes a Markdown report: per overlapping check, the
findings both tools report, checkov only and armc only, with a sample of each disagreement.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from armc.analysis.context import AdaptedValues  # noqa: E402
from armc.analysis.run import analyse  # noqa: E402
from armc.arm.loader import load_template  # noqa: E402
from armc.arm.values import Unknown  # noqa: E402
from armc.config import Config  # noqa: E402
from armc.model.template import Template  # noqa: E402
from armc.rules.registry import default_registry  # noqa: E402

SPLITS = {
    ("AZS003", "CKV_AZURE_9"): "3389 (RDP)",
    ("AZS003", "CKV_AZURE_10"): "22 (SSH)",
    ("AZS001", "CKV_AZURE_1"): "Microsoft.Compute/virtualMachines/",
    ("AZS001", "CKV_AZURE_49"): "Microsoft.Compute/virtualMachineScaleSets/",
}
"""Where one armc rule covers several checkov checks, the text of its message that tells
which check a finding belongs to (nsg-open-management-port names the port; the Linux
password rule names the resource)."""

EXPLAINED = {
    "CKV_AZURE_1": (
        "checkov fails every VM whose image publisher is not a literal containing 'windows' or "
        "'microsoft' (Windows VMs whose image comes from a parameter included) and every VM "
        "whose linuxConfiguration is an expression. armc's linux-password-authentication "
        "(AZS001) judges only machines whose evaluated linuxConfiguration is an object; the "
        "quickstarts' `if(password, null(), ...)` form evaluates to null and is missed there "
        "(linux-vm-ssh-key-missing reports those machines)."
    ),
    "CKV_AZURE_49": "As CKV_AZURE_1, for scale sets.",
    "CKV_AZURE_36": (
        "checkov fails storage accounts without a firewall (no networkAcls) and bypass lists "
        "such as 'AzureServices, Logging'; armc judges only accounts whose firewall denies by "
        "default, where a missing AzureServices bypass breaks trusted services."
    ),
    "CKV_AZURE_178": (
        "checkov fails every VM without a literal `linuxConfiguration.ssh.publicKeys[0].path`. "
        "Reviewed on the 2026-11-25 corpus run: about 130 of its findings are Windows VMs; about "
        "120 are Linux VMs whose linuxConfiguration is an expression that, evaluated with the "
        "parameter defaults, does provide a key (checkov cannot evaluate it, checkov#6684); "
        "about 30 depend on values only known at deployment, where armc stays silent; the rest "
        "are VMs whose OS armc cannot tell or resources of nested templates."
    ),
    "CKV_AZURE_9": (
        "armc also counts '0.0.0.0/0' and prefix lists as the Internet, which checkov's "
        "address list misses."
    ),
    "CKV_AZURE_10": "As CKV_AZURE_9.",
    "CKV_AZURE_97": (
        "armc reports each copy-loop instance and the VMs of templates checkov cannot parse; "
        "checkov-only findings are resources whose values armc knows only at deployment."
    ),
}
"""Reviewed reasons for the disagreements of a check (shown in the report)."""

Key = tuple[str, int]
"""(template path relative to the corpus, first line of the resource)."""


@dataclass
class Check:
    """Findings of one checkov check and its armc equivalents, by resource."""

    checkov: dict[Key, str] = field(default_factory=dict)
    armc: dict[Key, str] = field(default_factory=dict)


def vm_templates(corpus: Path) -> list[Path]:
    rows = [line.split("\t") for line in (corpus / "INDEX.tsv").read_text().splitlines()[1:]]
    return sorted(corpus / r[0] for r in rows if r[1] == "arm-json" and r[4].strip() == "1")


def mapping() -> dict[str, list[str]]:
    """checkov id -> armc rule ids that list it as an equivalent."""
    found: dict[str, list[str]] = defaultdict(list)
    for rule in default_registry():
        for equivalent in rule.equivalents:
            if equivalent.startswith("CKV"):
                found[equivalent].append(rule.id)
    return dict(found)


def run_checkov(executable: str, files: list[Path], corpus: Path) -> list[tuple[str, Key, str]]:
    """(check id, resource key, resource name) of every failed check (checkov runs over
    batches of files; a batch it cannot finish is run file by file)."""
    failed: list[tuple[str, Key, str]] = []
    for start in range(0, len(files), BATCH):
        failed += _checkov_batch(executable, files[start : start + BATCH], corpus)
    return failed


BATCH = 40


def _checkov_batch(executable: str, files: list[Path], corpus: Path) -> list[tuple[str, Key, str]]:
    command = [executable, "--framework", "arm", "--skip-download", "-o", "json", "--quiet"]
    run = subprocess.run([*command, "-f", *map(str, files)], capture_output=True, text=True)
    try:
        reports = json.loads(run.stdout)
    except json.JSONDecodeError:
        if len(files) == 1:
            print(f"checkov could not check {files[0]}", file=sys.stderr)
            return []
        return [f for path in files for f in _checkov_batch(executable, [path], corpus)]
    reports = reports if isinstance(reports, list) else [reports]
    failed: list[tuple[str, Key, str]] = []
    for report in reports:
        for item in report.get("results", {}).get("failed_checks", []):
            path = Path(item["file_abs_path"]).resolve().relative_to(corpus.resolve())
            start = int(item["file_line_range"][0])
            failed.append((item["check_id"], (path.as_posix(), start), item["resource"]))
    return failed


def resource_starts(template: Template) -> list[tuple[int, int]]:
    """(first line, last line) of every resource, innermost last."""
    ranges = []
    for resource in template.resources:
        span = template.span(resource.path)
        if span is not None:
            ranges.append((span.line, span.end_line))
    return sorted(ranges, key=lambda r: (r[0], -r[1]))


def owner(ranges: list[tuple[int, int]], line: int) -> int | None:
    best = None
    for start, end in ranges:
        if start <= line <= end:
            best = start
    return best


def run_armc(files: list[Path], corpus: Path, rules: set[str]) -> list[tuple[str, Key, str]]:
    found: list[tuple[str, Key, str]] = []
    config = Config(select=tuple(sorted(rules)))
    for path in files:
        loaded = load_template(path)
        if not loaded.ok:
            continue
        values = AdaptedValues(loaded, lambda v: isinstance(v, Unknown))
        ranges = resource_starts(loaded.template)
        relative = path.relative_to(corpus).as_posix()
        for diagnostic in analyse(loaded.template, values=values, config=config):
            if diagnostic.span is None or diagnostic.code not in rules:
                continue
            start = owner(ranges, diagnostic.span.line)
            if start is not None:
                found.append((diagnostic.code, (relative, start), diagnostic.message))
    return found


def compare(
    corpus: Path, checkov: str, limit: int | None, cache: Path | None
) -> tuple[dict[str, Check], int]:
    files = vm_templates(corpus)[:limit]
    equivalents = mapping()
    checks: dict[str, Check] = defaultdict(Check)
    if cache is not None and cache.is_file():
        failed = [(c, (k[0], k[1]), n) for c, k, n in json.loads(cache.read_text())]
    else:
        failed = run_checkov(checkov, files, corpus)
        if cache is not None:
            cache.write_text(json.dumps(failed))
    for check_id, key, name in failed:
        if check_id in equivalents:
            checks[check_id].checkov[key] = name
    rules = {rule for ids in equivalents.values() for rule in ids}
    by_rule: dict[str, list[tuple[Key, str]]] = defaultdict(list)
    for rule, key, message in run_armc(files, corpus, rules):
        by_rule[rule].append((key, message))
    for check_id, ids in equivalents.items():
        for rule in ids:
            marker = SPLITS.get((rule, check_id))
            for key, message in by_rule.get(rule, []):
                if marker is None or marker in message:
                    checks[check_id].armc.setdefault(key, f"{rule}: {message}")
    return dict(checks), len(files)


def report(checks: dict[str, Check], templates: int) -> str:
    equivalents = mapping()
    lines = [
        "<!-- generated by `python benchmarks/compare_checkov.py`: do not edit -->",
        "# Accuracy against checkov",
        "",
        f"checkov (`--framework arm --skip-download`) and armc (with evaluated parameter "
        f"defaults) over the {templates} VM templates of the shared corpus. Findings are "
        "compared per template, check and resource. A checkov id maps to the armc rules that "
        "list it in `equivalents`.",
        "",
        "| checkov | armc | both | checkov only | armc only | armc finds of checkov's |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    total_checkov = total_both = 0
    details: list[str] = []
    for check_id in sorted(checks, key=lambda c: int(c.rsplit("_", 1)[1])):
        check = checks[check_id]
        both = check.checkov.keys() & check.armc.keys()
        only_checkov = sorted(check.checkov.keys() - both)
        only_armc = sorted(check.armc.keys() - both)
        total_checkov += len(check.checkov)
        total_both += len(both)
        share = f"{100 * len(both) / len(check.checkov):.0f}%" if check.checkov else "n/a"
        rules = ", ".join(equivalents.get(check_id, []))
        lines.append(
            f"| {check_id} | {rules} | {len(both)} | {len(only_checkov)} | {len(only_armc)} "
            f"| {share} |"
        )
        if only_checkov or only_armc:
            details += [f"### {check_id} ({rules})", ""]
            if check_id in EXPLAINED:
                details += [f"Why: {EXPLAINED[check_id]}", ""]
            for title, keys, names in (
                ("checkov only", only_checkov, check.checkov),
                ("armc only", only_armc, check.armc),
            ):
                if keys:
                    details.append(f"{title} ({len(keys)}), first {min(len(keys), 5)}:")
                    details.append("")
                    details += [f"- `{k[0]}:{k[1]}` {names[k]}" for k in keys[:5]]
                    details.append("")
    overall = f"{100 * total_both / total_checkov:.1f}%" if total_checkov else "n/a"
    lines += [
        "",
        f"armc reports {total_both} of checkov's {total_checkov} findings on the overlapping "
        f"checks ({overall}).",
        "",
        "## Disagreements (samples)",
        "",
        *details,
    ]
    return "\n".join(lines).rstrip("\n") + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--checkov", default="checkov", help="the checkov executable")
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "accuracy.md")
    parser.add_argument("--limit", type=int, default=None, help="only the first N templates")
    parser.add_argument(
        "--cache", type=Path, default=None, help="keep (or reuse) checkov's findings in this file"
    )
    args = parser.parse_args(argv)
    checks, templates = compare(args.corpus, args.checkov, args.limit, args.cache)
    args.out.write_text(report(checks, templates), encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
