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

from armc.analysis.context import AdaptedValues, RuleContext  # noqa: E402
from armc.analysis.run import analyse  # noqa: E402
from armc.arm.loaded import LoadedTemplate  # noqa: E402
from armc.arm.loader import load_template  # noqa: E402
from armc.arm.values import Unknown  # noqa: E402
from armc.config import Config  # noqa: E402
from armc.rules.registry import default_registry  # noqa: E402
from armc.semantics.compute import VM, VMSS, os_kind, profile  # noqa: E402

SPLITS = {
    ("AZS003", "CKV_AZURE_9"): "3389 (RDP)",
    ("AZS003", "CKV_AZURE_10"): "22 (SSH)",
}
"""Where one armc rule covers several checkov checks, the text of its message that tells
which check a finding belongs to (nsg-open-management-port names the port)."""

RESOURCE_TYPES = {
    "CKV_AZURE_1": "microsoft.compute/virtualmachines",
    "CKV_AZURE_49": "microsoft.compute/virtualmachinescalesets",
}
"""Checks of one resource type whose armc rule covers several types: only armc findings on
resources of that type count for the check."""

WINDOWS = (
    "checkov fails Windows machines (armc knows the OS: Windows settings, OS disk type or image)"
)
SCOPES: dict[str, tuple[str, str]] = {
    "CKV_AZURE_1": (
        WINDOWS,
        "the check is meant for Linux (checkov skips Windows images itself, but only when "
        "the image publisher is a literal containing 'windows' or 'microsoft')",
    ),
    "CKV_AZURE_49": (WINDOWS, "as CKV_AZURE_1, for scale sets"),
    "CKV_AZURE_178": (
        WINDOWS,
        "the check is 'Ensure linux VM enables SSH with keys', but checkov fails every "
        "machine without a literal `linuxConfiguration.ssh.publicKeys[0].path`: a Windows "
        "machine cannot have SSH keys",
    ),
}
"""Checks that are equivalent to their armc rule on Linux machines only. checkov's findings
on machines armc knows to run Windows are outside the check's intent: they are excluded from
the agreement figure, and counted and sampled in the report."""

NOT_EQUIVALENT = {
    "CKV_AZURE_36": (
        "AZS021",
        "checkov's 'Trusted Microsoft Services is enabled' fails every storage account "
        "without `networkAcls` (no firewall, so trusted services are not blocked: "
        "storage-default-network-deny, CKV_AZURE_35, reports those), every account with an "
        "apiVersion before 2017, and bypass lists such as 'AzureServices, Logging' that do "
        "include AzureServices. storage-trusted-services judges only deny-by-default "
        "firewalls, so it does not list CKV_AZURE_36 as an equivalent.",
    ),
}
"""Related checkov checks that are not the same check as any armc rule: shown with their
counts, not part of the agreement figure."""

TYPES_START = "<!-- types:start -->"
TYPES_END = "<!-- types:end -->"
"""The section between these markers belongs to another generator (the types work): it is
kept as found when the report is rewritten."""

EXPLAINED = {
    "CKV_AZURE_1": (
        "checkov fails every VM whose linuxConfiguration is an expression (it cannot evaluate "
        "it, checkov#6684) and every VM without disablePasswordAuthentication unless its image "
        "publisher is a literal naming Windows or Microsoft. armc evaluates the expression: "
        "the quickstarts' `if(equals(parameters('authenticationType'), 'password'), null(), "
        "...)` is checked for each allowed value, and reported with the value that enables "
        "passwords ('authenticationType' is \"password\"). armc-only findings are those "
        "machines where checkov's rendering of the variable happens to pass, and copy-loop "
        "instances; the checkov-only findings left are counted by reason below."
    ),
    "CKV_AZURE_49": "As CKV_AZURE_1, for scale sets.",
    "CKV_AZURE_149": (
        "checkov returns UNKNOWN when linuxConfiguration is an expression; armc evaluates each "
        "allowed value of the parameter that chooses it, hence the armc-only findings, each "
        "naming the parameter and value."
    ),
    "CKV_AZURE_178": (
        "checkov fails every machine without a literal `linuxConfiguration.ssh.publicKeys[0]"
        ".path`: Windows machines (excluded, see above) and Linux machines whose "
        "linuxConfiguration is an expression. armc evaluates the expression for each allowed "
        "value of the parameter that chooses it and reports the value that leaves the machine "
        "without a key. The checkov-only findings left are counted by reason below."
    ),
    "CKV_AZURE_9": (
        "checkov compares the rule's source, case-sensitively, with a fixed list ('*', "
        "'0.0.0.0', 'internet', 'any', '/0' and the placeholder '<nw>/0'), so it misses the "
        "service tag as Azure writes it ('Internet') and CIDRs such as '0.0.0.0/0'; armc "
        "counts those as the Internet (armc-only findings)."
    ),
    "CKV_AZURE_10": "As CKV_AZURE_9.",
    "CKV_AZURE_160": "As CKV_AZURE_9, for port 80.",
    "CKV_AZURE_97": (
        "armc reports each copy-loop instance and the machines of templates checkov cannot "
        "parse (armc-only findings)."
    ),
}
"""Reviewed reasons for the disagreements of a check (shown in the report)."""

Key = tuple[str, int]
"""(template path relative to the corpus, first line of the resource)."""


@dataclass(frozen=True)
class Facts:
    """What armc knows of one resource of a template: where it is, its type, name and OS."""

    start: int
    end: int
    type: str
    name: str
    os: str | None
    loop: bool
    """The resource is a copy loop."""
    login: bool
    """A machine whose template configures login (an `osProfile` armc can read)."""


@dataclass
class Check:
    """Findings of one checkov check and its armc equivalents, by resource."""

    checkov: dict[Key, str] = field(default_factory=dict)
    armc: dict[Key, str] = field(default_factory=dict)
    excluded: dict[Key, str] = field(default_factory=dict)
    """checkov findings outside the check's equivalent part (see SCOPES)."""


@dataclass
class Comparison:
    checks: dict[str, Check]
    templates: int
    facts: dict[str, list[Facts]]
    scanned: set[str]
    """Templates in which checkov failed at least one check (of any id)."""
    mentioned: set[Key]
    """Resources on which checkov failed at least one check (of any id)."""
    unrelated: dict[str, int]
    """checkov findings of the NOT_EQUIVALENT checks."""
    reanchored: int
    """checkov findings whose line is not a resource's first line, placed by type and name."""


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


def resource_facts(loaded: LoadedTemplate) -> list[Facts]:
    """Facts of every resource with a span, innermost last."""
    values = AdaptedValues(loaded, lambda v: isinstance(v, Unknown))
    ctx = RuleContext(loaded.template, values)
    found = []
    for resource in loaded.template.resources:
        span = loaded.template.span(resource.path)
        if span is None:
            continue
        machine = resource.type_lower in (VM, VMSS)
        kind = os_kind(ctx, resource) if machine else None
        settings = ctx.value(resource, *profile(resource), "osProfile") if machine else None
        login = isinstance(settings, dict)
        name = resource.name if isinstance(resource.name, str) else ""
        loop = resource.copy is not None or resource.copy_index is not None
        found.append(Facts(span.line, span.end_line, resource.type_lower, name, kind, loop, login))
    return sorted(found, key=lambda f: (f.start, -f.end))


def owner(facts: list[Facts], line: int) -> Facts | None:
    best = None
    for item in facts:
        if item.start <= line <= item.end:
            best = item
    return best


def run_armc(
    files: list[Path], corpus: Path, rules: set[str]
) -> tuple[list[tuple[str, Key, str, str]], dict[str, list[Facts]]]:
    """armc's findings of `rules` as (rule, resource key, message, resource type), and the
    facts of every resource of every template armc can load."""
    found: list[tuple[str, Key, str, str]] = []
    facts: dict[str, list[Facts]] = {}
    config = Config(select=tuple(sorted(rules)))
    for path in files:
        loaded = load_template(path)
        if not loaded.ok:
            continue
        values = AdaptedValues(loaded, lambda v: isinstance(v, Unknown))
        relative = path.relative_to(corpus).as_posix()
        facts[relative] = resource_facts(loaded)
        for diagnostic in analyse(loaded.template, values=values, config=config):
            if diagnostic.span is None or diagnostic.code not in rules:
                continue
            item = owner(facts[relative], diagnostic.span.line)
            if item is not None:
                found.append(
                    (diagnostic.code, (relative, item.start), diagnostic.message, item.type)
                )
    return found, facts


def anchor(key: Key, name: str, facts: dict[str, list[Facts]]) -> tuple[Key, bool]:
    """The key of the resource a checkov finding is about. checkov's line is the resource's
    first line, except where its variable rendering moved it (into `variables`): such a
    finding is placed on the resource of its type whose name is written the same, else (for a
    name with copyIndex()) on the only copy loop of its type, else on the only resource of its
    type. Returns the key and whether it was moved."""
    items = facts.get(key[0])
    if items is None or any(item.start == key[1] for item in items):
        return key, False
    slash = name.find("/")
    dot = name.find(".", slash)
    if slash < 0 or dot < 0:
        return key, False
    kind, written = name[:dot].lower(), name[dot + 1 :]
    same_type = list({item.start: item for item in items if item.type == kind}.values())
    named = [item for item in same_type if item.name == written]
    looped = [item for item in same_type if item.loop]
    if len(named) == 1:
        chosen = named
    elif "copyindex" in written.lower() and len(looped) == 1:
        chosen = looped  # checkov renders a copy loop's name with copyIndex() in it
    else:
        chosen = same_type
    if len(chosen) != 1:
        return key, False
    return (key[0], chosen[0].start), True


REASONS = {
    "unloadable": "armc cannot load the template (a JSON or expression error it reports)",
    "unplaced": (
        "checkov's line is not the first line of a resource and its rendered name does not "
        "tell which resource it is (copy loops over variable arrays, conditional names)"
    ),
    "no-login": (
        "the machine has no osProfile (it boots an attached or specialized OS disk): the "
        "template configures no login, so there is nothing to judge; checkov fails the "
        "missing key"
    ),
    "os-unknown": (
        "the machine has no linuxConfiguration and armc cannot tell its OS (an image from a "
        "parameter without a value, a custom image, a third-party appliance image): a Windows "
        "machine is right not to have one, so armc does not report an unknown OS"
    ),
    "reviewed": "reviewed below",
}
"""Why a checkov finding has no armc counterpart, per finding (see `reason`)."""


def reason(check_id: str, key: Key, facts: dict[str, list[Facts]]) -> str:
    """The REASONS entry of a checkov-only finding."""
    items = facts.get(key[0])
    if items is None:
        return "unloadable"
    item = next((f for f in items if f.start == key[1]), None)
    if item is None:
        return "unplaced"
    if item.type in (VM, VMSS) and not item.login:
        return "no-login"
    if check_id in SCOPES and item.os is None:
        return "os-unknown"
    return "reviewed"


def excluded_by_scope(check_id: str, key: Key, facts: dict[str, list[Facts]]) -> bool:
    if check_id not in SCOPES:
        return False
    item = next((f for f in facts.get(key[0], []) if f.start == key[1]), None)
    return item is not None and item.os == "windows"


def compare(corpus: Path, checkov: str, limit: int | None, cache: Path | None) -> Comparison:
    files = vm_templates(corpus)[:limit]
    equivalents = mapping()
    checks: dict[str, Check] = defaultdict(Check)
    if cache is not None and cache.is_file():
        failed = [(c, (k[0], k[1]), n) for c, k, n in json.loads(cache.read_text())]
    else:
        failed = run_checkov(checkov, files, corpus)
        if cache is not None:
            cache.write_text(json.dumps(failed))
    rules = {rule for ids in equivalents.values() for rule in ids}
    found, facts = run_armc(files, corpus, rules)
    unrelated: dict[str, int] = defaultdict(int)
    reanchored = 0
    for check_id, key, name in failed:
        if check_id in NOT_EQUIVALENT:
            unrelated[check_id] += 1
        if check_id not in equivalents:
            continue
        key, moved = anchor(key, name, facts)
        reanchored += moved
        if excluded_by_scope(check_id, key, facts):
            checks[check_id].excluded[key] = name
        else:
            checks[check_id].checkov[key] = name
    by_rule: dict[str, list[tuple[Key, str, str]]] = defaultdict(list)
    for rule, key, message, kind in found:
        by_rule[rule].append((key, message, kind))
    for check_id, ids in equivalents.items():
        for rule in ids:
            marker = SPLITS.get((rule, check_id))
            wanted_type = RESOURCE_TYPES.get(check_id)
            for key, message, kind in by_rule.get(rule, []):
                if marker is not None and marker not in message:
                    continue
                if wanted_type is not None and kind != wanted_type:
                    continue
                checks[check_id].armc.setdefault(key, f"{rule}: {message}")
    scanned = {key[0] for _, key, _ in failed}  # templates where checkov failed any check
    mentioned = {anchor(key, name, facts)[0] for _, key, name in failed}  # and resources
    return Comparison(
        dict(checks), len(files), facts, scanned, mentioned, dict(unrelated), reanchored
    )


def _sample(title: str, keys: list[Key], names: dict[Key, str]) -> list[str]:
    if not keys:
        return []
    lines = [f"{title} ({len(keys)}), first {min(len(keys), 5)}:", ""]
    lines += [f"- `{k[0]}:{k[1]}` {_short(names[k])}" for k in keys[:5]]
    return [*lines, ""]


def _reasons(check_id: str, keys: list[Key], facts: dict[str, list[Facts]]) -> list[str]:
    counts: dict[str, int] = defaultdict(int)
    for key in keys:
        counts[reason(check_id, key, facts)] += 1
    if not counts or set(counts) == {"reviewed"}:
        return []
    lines = ["checkov only, by reason:", ""]
    lines += [f"- {counts[name]}: {REASONS[name]}" for name in REASONS if counts.get(name)]
    return [*lines, ""]


def _short(text: str) -> str:
    return text if len(text) <= 240 else text[:237] + "..."


def report(comparison: Comparison, types_section: str) -> str:
    checks, templates = comparison.checks, comparison.templates
    equivalents = mapping()
    lines = [
        "<!-- generated by `python benchmarks/compare_checkov.py`: do not edit -->",
        "# Accuracy against checkov",
        "",
        f"checkov (`--framework arm --skip-download`) and armc (with evaluated parameter "
        f"defaults) over the {templates} VM templates of the shared corpus. Findings are "
        "compared per template, check and resource. A checkov id maps to the armc rules that "
        "list it in `equivalents`; an id is listed only where the check is the same. Where "
        "checkov's implementation also fails resources outside the check's intent (Windows "
        "machines for the Linux checks), those findings are excluded from the figure and "
        "counted in the `excluded` column.",
        "",
        "| checkov | armc | both | checkov only | armc only | excluded | armc finds of checkov's |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    total_checkov = total_both = total_excluded = 0
    details: list[str] = []
    for check_id in sorted(checks, key=lambda c: int(c.rsplit("_", 1)[1])):
        check = checks[check_id]
        both = check.checkov.keys() & check.armc.keys()
        only_checkov = sorted(check.checkov.keys() - both)
        only_armc = sorted(check.armc.keys() - both)
        excluded = sorted(check.excluded)
        total_checkov += len(check.checkov)
        total_both += len(both)
        total_excluded += len(excluded)
        share = f"{100 * len(both) / len(check.checkov):.0f}%" if check.checkov else "n/a"
        rules = ", ".join(equivalents.get(check_id, []))
        lines.append(
            f"| {check_id} | {rules} | {len(both)} | {len(only_checkov)} | {len(only_armc)} "
            f"| {len(excluded)} | {share} |"
        )
        if only_checkov or only_armc or excluded:
            details += [f"### {check_id} ({rules})", ""]
            if check_id in EXPLAINED:
                details += [f"Why: {EXPLAINED[check_id]}", ""]
            if excluded:
                reason, intent = SCOPES[check_id]
                details += [f"Excluded: {reason}; {intent}.", ""]
            details += _reasons(check_id, only_checkov, comparison.facts)
            details += _sample("checkov only", only_checkov, check.checkov)
            details += _sample(
                "excluded (checkov only, outside the check)", excluded, check.excluded
            )
            unscanned = sum(1 for key in only_armc if key[0] not in comparison.scanned)
            unseen = sum(
                1
                for key in only_armc
                if key[0] in comparison.scanned and key not in comparison.mentioned
            )
            if unscanned or unseen:
                details += [
                    f"armc only: {unscanned} in templates where checkov reports no finding of "
                    "any check (checkov did not scan them: it stops on templates it cannot "
                    f"render); {unseen} on resources where checkov reports no finding of any "
                    "check.",
                    "",
                ]
            details += _sample("armc only", only_armc, check.armc)
    overall = f"{100 * total_both / total_checkov:.1f}%" if total_checkov else "n/a"
    everything = total_checkov + total_excluded
    with_excluded = f"{100 * total_both / everything:.1f}%" if everything else "n/a"
    lines += [
        "",
        f"armc reports {total_both} of checkov's {total_checkov} findings on the overlapping "
        f"checks ({overall}). Excluded as outside the checks' intent: {total_excluded} "
        f"checkov findings; counted as checkov-only instead, the figure would be "
        f"{total_both} of {total_checkov + total_excluded} ({with_excluded}). checkov "
        f"findings placed by resource type and name because checkov's line was not the "
        f"resource's first line: {comparison.reanchored}.",
        "",
        "## Related checkov checks that are not equivalent",
        "",
        "| checkov | related armc rule | checkov findings | why not the same check |",
        "| --- | --- | --- | --- |",
    ]
    for check_id, (rule, why) in sorted(NOT_EQUIVALENT.items()):
        lines.append(f"| {check_id} | {rule} | {comparison.unrelated.get(check_id, 0)} | {why} |")
    lines += ["", types_section, "", "## Disagreements (samples)", "", *details]
    return "\n".join(lines).rstrip("\n") + "\n"


def types_section(previous: str) -> str:
    """The text between the types markers of the previous report, markers included (empty
    markers when there is none)."""
    start = previous.find(TYPES_START)
    end = previous.find(TYPES_END, start + 1) if start >= 0 else -1
    if start < 0 or end < 0:
        return f"{TYPES_START}\n{TYPES_END}"
    return previous[start : end + len(TYPES_END)]


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
    comparison = compare(args.corpus, args.checkov, args.limit, args.cache)
    previous = args.out.read_text(encoding="utf-8") if args.out.is_file() else ""
    args.out.write_text(report(comparison, types_section(previous)), encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
