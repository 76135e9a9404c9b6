"""Compile generated programs of N VMs to ARM JSON; print time, peak memory and ratios.

    python benchmarks/compile_scale.py [N ...]        (default: 1000 2000 4000 5000 8000)

Each size runs in a fresh process (peak RSS is per process), best of three runs (the machines
here are shared and noisy). Ratios printed:
  - t(2N)/t(N) for the doubling sizes (target <= 2.2),
  - compile time / the JSON floor: `json.dumps(indent=2)` + `json.loads` of the same output,
    measured in the same process (machines here are noisy: ratios matter, seconds are context).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_SIZES = (1000, 2000, 4000, 5000, 8000)
REPEATS = 3


def program(count: int) -> str:
    """A deployment of `count` Linux VMs over several subnets, two NSGs and a load balancer."""
    lines = [
        'param admin_key: string description "SSH public key"',
        "location westeurope",
        'tags { env: "bench" }',
        "vnet core 10.0.0.0/8 {",
    ]
    subnets = max(1, count // 250 + 1)
    lines += [f"  subnet s{i} 10.{i}.0.0/16 nsg app" for i in range(subnets)]
    lines += [
        "}",
        "nsg app {",
        "  allow in tcp 443 from Internet priority 100",
        "  allow in tcp 22 from VirtualNetwork priority 110",
        "}",
    ]
    for i in range(count):
        lines += [
            f"vm app{i} {{",
            "  size Standard_D2s_v5",
            "  image ubuntu-24.04",
            f"  subnet core.s{i // 250}",
            f"  zone {i % 3 + 1}",
            "  os-disk premium 64",
            "  admin azureuser ssh admin_key",
            "}",
        ]
    return "\n".join(lines) + "\n"


def measure_one(count: int) -> dict[str, float]:
    """Runs inside a fresh process: compile, emit, and the JSON floor for the same output."""
    from armc.api import build_file
    from armc.source import SourceRegistry

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"scale-{count}.armc"
        path.write_text(program(count), encoding="utf-8")
        start = time.perf_counter()
        result = build_file(path, SourceRegistry())
        elapsed = time.perf_counter() - start
    if result.output is None:
        raise SystemExit(f"the generated program did not compile: {result.diagnostics[:3]}")
    output = result.output
    start = time.perf_counter()
    json.dumps(json.loads(output.template), indent=2)
    floor = time.perf_counter() - start
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "vms": count,
        "seconds": elapsed,
        "floor_seconds": floor,
        "peak_mb": peak_kib / 1024,
        "resources": float(output.template.count('"apiVersion"')),
    }


def main(argv: list[str]) -> None:
    if argv[:1] == ["--one"]:
        print(json.dumps(measure_one(int(argv[1]))))
        return
    sizes = [int(a) for a in argv] or list(DEFAULT_SIZES)
    results: dict[int, dict[str, float]] = {}
    for count in sizes:
        runs = []
        for _ in range(REPEATS):
            command = [sys.executable, __file__, "--one", str(count)]
            run = subprocess.run(command, capture_output=True, text=True, env=os.environ.copy())
            if run.returncode != 0:
                sys.exit(f"compile of {count} VMs failed:\n{run.stderr}")
            runs.append(json.loads(run.stdout))
        results[count] = r = min(runs, key=lambda item: item["seconds"])
        print(
            f"{count:>6} VMs  {int(r['resources']):>6} resources  {r['seconds']:6.2f} s  "
            f"peak {r['peak_mb']:6.0f} MB  {r['seconds'] / r['floor_seconds']:5.1f}x JSON floor"
        )
    for count in sizes:
        if count * 2 in results:
            ratio = results[count * 2]["seconds"] / results[count]["seconds"]
            print(f"t({count * 2})/t({count}) = {ratio:.2f}  (target <= 2.2)")


if __name__ == "__main__":
    main(sys.argv[1:])
