"""AZP004 finds the same hosts as a plain search of each string (the rule narrows the hosts it
tries by what each declaration holds, and must not miss one that removing an excluded name
makes)."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

from armc.analysis.context import RuleContext
from armc.rules.practice.no_hardcoded_env_urls import EXCLUDED, HOSTS, NoHardcodedEnvUrls
from armc.rules.support import shared_walks, walk_strings
from tests.analysis.helpers import arm, build, public_ip

PIECES = [
    "core.windows.net",
    "CORE.Windows.NET",
    "core.wind",
    "ows.net",
    "vault.azure.net",
    "schema.management.azure.com",
    "management.azure.com",
    "x",
    "/",
    "[",
    "]",
]
TEXT = st.lists(st.sampled_from(PIECES), max_size=5).map("".join)
LINES = st.lists(st.sampled_from([*PIECES, "\n", "net\nx"]), max_size=5).map("".join)


def _plain(value: Any, excluded: list[str] = EXCLUDED) -> list[str]:
    """The host each string reports, searched as the rule first did."""
    hosts = sorted({h.lower() for h in HOSTS}, key=lambda h: (-len(h), h))
    found = []
    for _, text in walk_strings(value):
        lowered = text.lower()
        for skip in excluded:
            lowered = lowered.replace(skip, "")
        host = next((h for h in hosts if h in lowered), None)
        if host is not None:
            found.append(host)
    return found


@given(st.lists(TEXT, min_size=1, max_size=4))
def test_hosts_found_as_a_plain_search(texts: list[str]) -> None:
    resource = public_ip("ip", tags={f"t{i}": text for i, text in enumerate(texts)})
    template, _ = build(arm([resource]))
    with shared_walks():
        findings = list(NoHardcodedEnvUrls().check(RuleContext(template)))
    reported = [f.message.split("'")[1] for f in findings]
    assert reported == _plain(template.resources[0].body)


@given(st.lists(LINES, min_size=1, max_size=4))
@example(["core.windows.net", "x"])
def test_excluded_names_across_lines_are_removed_from_each_string_alone(texts: list[str]) -> None:
    """An excluded name holding a newline is removed from each string, never from two
    strings the rule joined with a newline to search them at once."""
    excluded = ["net\nx", "schema.management.azure.com"]
    resource = public_ip("ip", tags={f"t{i}": text for i, text in enumerate(texts)})
    template, _ = build(arm([resource]))
    with shared_walks():
        rule = NoHardcodedEnvUrls({"excluded": excluded})
        findings = list(rule.check(RuleContext(template)))
    reported = [f.message.split("'")[1] for f in findings]
    assert reported == _plain(template.resources[0].body, excluded)


def test_a_host_that_removing_an_excluded_name_makes_is_found() -> None:
    text = "core.windschema.management.azure.comows.net"
    resource = public_ip("ip", tags={"t": text, "u": "https://vault.azure.net/x"})
    template, _ = build(arm([resource]))
    with shared_walks():
        findings = list(NoHardcodedEnvUrls().check(RuleContext(template)))
    assert [f.message.split("'")[1] for f in findings] == ["core.windows.net", "vault.azure.net"]


SAME_LENGTH = """
from armc.analysis.context import RuleContext
from armc.rules.practice.no_hardcoded_env_urls import NoHardcodedEnvUrls
from armc.rules.support import shared_walks
from tests.analysis.helpers import arm, build, public_ip
text = "https://graph.windows.net/ and https://gallery.azure.com/"
template, _ = build(arm([public_ip("ip", tags={"t": text})]))
with shared_walks():
    print(next(iter(NoHardcodedEnvUrls().check(RuleContext(template)))).message)
"""


def test_two_hosts_of_one_length_report_the_same_one_whatever_the_hash_seed() -> None:
    """graph.windows.net and gallery.azure.com have 17 characters each: the first in text
    order is named, not the first of a set (whose order varies with PYTHONHASHSEED)."""
    messages = set()
    for seed in ("0", "1", "2", "3", "4", "5"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run(
            [sys.executable, "-c", SAME_LENGTH],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        messages.add(run.stdout.strip())
    assert messages == {"'gallery.azure.com' is written literally; it differs between Azure clouds"}
