"""Benchmark: `newsfacts report` over a warehouse of 100,000 events.

The events (and quotations) of a real warehouse are copied until there are that many, each copy
dated a week later, so the charts have as many days, dyads and places as a big warehouse would.
Then `newsfacts report` runs in a fresh process, as a user runs it, and the report asset's chart
images are rendered. Targets: the report builds in under 10 s and the file stays under 10 MB.

    uv run python bench/report_bench.py [--warehouse FILE] [--events 100000]

Without --warehouse it builds one from the bundled seed article with `newsfacts run` (~20 s).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
NEWSFACTS = [sys.executable, "-m", "newsfacts.cli"]
LIMIT_SECONDS = 10.0
LIMIT_MB = 10.0


def seed_warehouse(folder: Path) -> Path:
    seeds = folder / "seeds"
    seeds.mkdir()
    shutil.copy(next((ROOT / "seeds").glob("*.txt")), seeds / "seed.txt")
    warehouse = folder / "seed.duckdb"
    subprocess.run(
        [*NEWSFACTS, "run", "--quiet", "--seeds", str(seeds), "--warehouse", str(warehouse)],
        check=True,
        env={**os.environ, "DAGSTER_HOME": str(folder / "home")},
    )
    return warehouse


def scale_up(warehouse: Path, target: int) -> tuple[int, int]:
    """Copy events and quotations, a week later each time, until there are `target` asserted events."""
    con = duckdb.connect(str(warehouse))
    try:
        asserted = con.execute("SELECT count(*) FROM v_asserted_events").fetchall()[0][0]
        copies = max(1, -(-target // max(asserted, 1)))
        con.execute(
            """INSERT INTO events SELECT e.* REPLACE (e.event_id || '-' || k AS event_id,
                   e.event_date + INTERVAL (7 * k) DAY AS event_date)
               FROM events e, range(1, ?) t(k)""",
            [copies],
        )
        con.execute(
            "INSERT INTO quotes SELECT q.* REPLACE (q.char_start + 1000000 * k AS char_start) "
            "FROM quotes q, range(1, ?) t(k)",
            [copies],
        )
        return (
            con.execute("SELECT count(*) FROM v_asserted_events").fetchall()[0][0],
            con.execute("SELECT count(*) FROM quotes").fetchall()[0][0],
        )
    finally:
        con.close()


def run_report(warehouse: Path, out: Path, env: dict) -> float:
    started = time.perf_counter()
    proc = subprocess.run(
        [*NEWSFACTS, "report", "--warehouse", str(warehouse), "--out", str(out)],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
    )
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(proc.stderr)
    print(proc.stdout.strip())
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--warehouse", type=Path, help="a warehouse to scale up (copied, not changed)")
    parser.add_argument("--events", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="report-bench-") as tmp:
        folder = Path(tmp)
        source = args.warehouse or seed_warehouse(folder)
        warehouse = folder / "big.duckdb"
        shutil.copy(source, warehouse)
        events, quotes = scale_up(warehouse, args.events)
        out = folder / "report.html"
        # Warm: the machine's cache holds the Vega runtime bundle. Cold: an empty cache, as on a new machine.
        seconds = run_report(warehouse, out, {})
        cold_seconds = run_report(warehouse, out, {"NEWSFACTS_CACHE_DIR": str(folder / "empty-cache")})
        size_mb = out.stat().st_size / 1e6

        from newsfacts.defs.report_assets import UI_CHARTS
        from newsfacts.report.build import build_report, chart_png

        built = build_report(warehouse, folder / "again.html")
        started = time.perf_counter()
        png_bytes = sum(len(chart_png(built.specs[name])) for name in UI_CHARTS)
        png_seconds = time.perf_counter() - started
    print(f"warehouse: {events} asserted events, {quotes} quotations (from {source})")
    print(
        f"newsfacts report, a new process: {seconds:.2f} s "
        f"({seconds / LIMIT_SECONDS:.2f} of the {LIMIT_SECONDS:.0f} s target)"
    )
    print(f"  on a machine whose cache is empty (the Vega runtime bundled first, once): {cold_seconds:.2f} s")
    print(f"  of which building the report in process: {built.seconds:.2f} s (a second build, same process)")
    print(f"report file: {size_mb:.2f} MB ({size_mb / LIMIT_MB:.2f} of the {LIMIT_MB:.0f} MB target)")
    print(f"chart images for the UI ({len(UI_CHARTS)}): {png_seconds:.2f} s, {png_bytes / 1e3:.0f} KB of PNG")
    return 0 if seconds < LIMIT_SECONDS and size_mb < LIMIT_MB else 1


if __name__ == "__main__":
    sys.exit(main())
