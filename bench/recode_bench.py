"""Benchmark: re-coding after a change in the event coder, against the cold run it follows.

    uv run python bench/recode_bench.py [--articles DIR]

In a copy of this checkout (so the change is made to files, as a developer makes it), measured in
one run, each `newsfacts run` a fresh process timed by the wall clock:

1. a cold run over the ECB+ articles of ../shared/eval-dev (a new warehouse and Dagster home);
2. a line added to the copy's events/coder.py (its layer's code digest moves, unrecorded), then a
   run over the same folder: every article is re-coded from the parse the first run stored.

Prints both times, the ratio (target: under 0.4) and how many articles the second run parsed again
(target: none), and writes them to bench/out/recode_bench.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSFACTS_SHARED", ROOT.parent / "shared"))
TARGET = 0.4


def copy_checkout(dest: Path) -> Path:
    for part in ("pipelines", "assets", "sql"):
        shutil.copytree(ROOT / part, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", dest / "pyproject.toml")
    return dest


def run(checkout: Path, seeds: Path, work: Path) -> tuple[float, str]:
    env = {
        **os.environ,
        "PYTHONPATH": str(checkout / "pipelines"),
        "NEWSFACTS_SEEDS_DIR": str(seeds),
        "NEWSFACTS_WAREHOUSE": str(work / "wh" / "news.duckdb"),
        "DAGSTER_HOME": str(work / "home"),
        "NEWSFACTS_CACHE_DIR": str(work / "cache"),
    }
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "newsfacts.cli", "run"], env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"newsfacts run failed:\n{proc.stderr}")
    return seconds, proc.stderr + proc.stdout


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=Path, default=SHARED / "eval-dev" / "articles" / "ecbplus")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="recode-bench-") as tmp:
        work = Path(tmp)
        checkout = copy_checkout(work / "checkout")
        cold, _ = run(checkout, args.articles, work)
        coder = checkout / "pipelines" / "newsfacts" / "events" / "coder.py"
        coder.write_text(coder.read_text(encoding="utf-8") + "\n# a change in the event coder\n", encoding="utf-8")
        recode, said = run(checkout, args.articles, work)
    planned = next((line for line in said.splitlines() if "article files in" in line), "")
    ratio = recode / cold
    result = {"cold_seconds": round(cold, 1), "recode_seconds": round(recode, 1), "ratio": round(ratio, 3)}
    result["planned"] = planned
    print(f"cold run: {cold:.1f} s; re-coding after a change in the event coder: {recode:.1f} s")
    print(f"ratio {ratio:.2f} (target < {TARGET}) -- {'met' if ratio < TARGET else 'NOT met'}")
    print(planned)
    out = ROOT / "bench" / "out"
    out.mkdir(exist_ok=True)
    (out / "recode_bench.json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
