"""Benchmark: exporting a warehouse against the run that built it, measured in one run.

Builds the eval-dev warehouse with a cold `newsfacts run` (a new warehouse and Dagster home), then exports
it with `newsfacts export` in each format, each a fresh process as a user runs it (start-up included). It
prints the seconds of each and the ratio of each export to the run; the target is under 0.10.

    uv run python bench/export_bench.py [--articles DIR]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = next((p for p in (ROOT.parent / "shared", ROOT.parents[1] / "shared") if p.is_dir()), ROOT.parent / "shared")
NEWSFACTS = [sys.executable, "-m", "newsfacts.cli"]
FORMATS = ("gdelt", "plover", "parquet", "csv")


def timed(args: list[str], env: dict) -> float:
    t0 = time.perf_counter()
    subprocess.run(args, env=env, check=True, capture_output=True)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=Path, default=SHARED / "eval-dev" / "articles")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "DAGSTER_HOME": str(Path(tmp) / "dagster_home")}
        warehouse = Path(tmp) / "dev.duckdb"
        run = timed([*NEWSFACTS, "run", "--quiet", "--seeds", str(args.articles), "--warehouse", str(warehouse)], env)
        print(f"run (cold, {args.articles}): {run:.1f} s")
        print(f"{'format':8} {'seconds':>8} {'ratio to run':>13}")
        worst = 0.0
        for fmt in FORMATS:
            out = Path(tmp) / "out" / fmt
            took = timed([*NEWSFACTS, "export", "--warehouse", str(warehouse), "--format", fmt, "--out", str(out)], env)
            worst = max(worst, took / run)
            print(f"{fmt:8} {took:8.2f} {took / run:13.3f}")
        print(f"slowest export / run: {worst:.3f} (target < 0.10: {'met' if worst < 0.10 else 'NOT met'})")


if __name__ == "__main__":
    main()
