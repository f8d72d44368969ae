"""Benchmark: loading the shipped dictionary set, cold (parsed) and warm (from its cache).

Each measurement runs in a fresh Python process, as a run would: the time of `load()` and the
memory it adds (resident set before and after; the peak of Python allocations). Targets: a cold
load adds under 3 s to a run and under 200 MB of memory.

    uv run python bench/dictionaries_bench.py [--repeat 3] [--dictionaries DIR ...]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile

LIMIT_SECONDS = 3.0
LIMIT_MB = 200.0

PROBE = r"""
import json, sys, time, tracemalloc
from pathlib import Path

def rss_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0

from newsfacts.dictionaries import load
folders, cache = json.loads(sys.argv[1]), sys.argv[2] or None
before = rss_mb()
tracemalloc.start()
t0 = time.perf_counter()
ds = load(folders, Path(cache) if cache else None, use_cache=bool(cache))
seconds = time.perf_counter() - t0
peak = tracemalloc.get_traced_memory()[1] / 2**20
tracemalloc.stop()
print(json.dumps({"seconds": seconds, "rss_added_mb": rss_mb() - before, "peak_alloc_mb": peak,
                  "problems": len(ds.problems), "patterns": ds.verbs.n_patterns(),
                  "actors": len(ds.actors.entries)}))
"""

# The same load without tracemalloc, whose bookkeeping slows allocation-heavy code.
TIMER = r"""
import json, sys, time
from pathlib import Path
from newsfacts.dictionaries import load
folders, cache = json.loads(sys.argv[1]), sys.argv[2] or None
t0 = time.perf_counter()
load(folders, Path(cache) if cache else None, use_cache=bool(cache))
print(json.dumps({"seconds": time.perf_counter() - t0}))
"""


def _run(code: str, folders: list[str] | None, cache: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", code, json.dumps(folders), cache], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _times(runs: list[dict]) -> str:
    return ", ".join(f"{r['seconds']:.2f}" for r in runs)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--dictionaries", action="append", help="folders (default: the shipped set)")
    args = p.parse_args()
    cold, warm = [], []
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as cache:
            cold.append(_run(TIMER, args.dictionaries, cache))  # parses, then writes the cache
            warm.append(_run(TIMER, args.dictionaries, cache))  # reads the cache
    memory_cold = _run(PROBE, args.dictionaries, "")
    with tempfile.TemporaryDirectory() as cache:
        _run(TIMER, args.dictionaries, cache)
        memory_warm = _run(PROBE, args.dictionaries, cache)

    cold_s = statistics.median(r["seconds"] for r in cold)
    warm_s = statistics.median(r["seconds"] for r in warm)
    print(
        f"set: {args.dictionaries or 'default'}: {memory_cold['patterns']} verb patterns, "
        f"{memory_cold['actors']} actors, {memory_cold['problems']} problems"
    )
    print(
        f"cold load (parse + write cache), median of {args.repeat}: {cold_s:.2f} s "
        f"[{_times(cold)}]; {cold_s / LIMIT_SECONDS:.2f} of the {LIMIT_SECONDS:.0f} s limit"
    )
    print(
        f"warm load (from cache), median of {args.repeat}: {warm_s:.2f} s "
        f"[{_times(warm)}]; {warm_s / cold_s:.2f}x the cold load"
    )
    for name, m in (("cold", memory_cold), ("warm", memory_warm)):
        print(
            f"memory, {name}: resident set +{m['rss_added_mb']:.0f} MB "
            f"({m['rss_added_mb'] / LIMIT_MB:.2f} of the {LIMIT_MB:.0f} MB limit), "
            f"peak Python allocations {m['peak_alloc_mb']:.0f} MB"
        )


if __name__ == "__main__":
    main()
