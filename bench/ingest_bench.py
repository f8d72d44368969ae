"""Benchmark of `newsfacts run` as a user runs it, against plain spaCy on the same files.

    uv run python bench/ingest_bench.py [--articles DIR] [--repeat 2]

Measures in one run, each command as a fresh process timed by the wall clock
(start-up included, cold: a new warehouse and Dagster home every time):

- `newsfacts run` over the ECB+ articles of ../shared/eval-dev (496 files, one
  batch) and `../shared/eval/baseline_spacy.py` (plain spaCy, one process) on
  the same files, alternated A B B A ... so that a machine whose load drifts
  weighs on both alike; the ratio is baseline time over newsfacts time;
- where the newsfacts run's time goes (start-up, Dagster's own cost per batch,
  reading, segmentation, parse, entities, events, publish, views and exit),
  from the run's Dagster instance, and the parse step's CPU time over its wall
  time (two workers on two cores should give close to 2);
- a one-article cold run (a new warehouse), with the machine's cache of built
  data (newsfacts.caching) as a run left it, and empty as on a new machine;
  adding one article to the big warehouse; a no-op rerun (it must start no
  batch); reading every row of the main views.

The bench has its own cache folder, empty at the start: the first cold run of
the big corpus builds it, the second finds it.

Prints ratios (the targets are stated as ratios) and how busy the machine was
while measuring (load average, and the share of CPU time other processes
took), and writes everything to bench/out/ingest_bench.json. On a shared
machine the absolute seconds say little; the ratios compare runs made in the
same minutes.
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
NEWSFACTS = [sys.executable, "-m", "newsfacts.cli"]
BASELINE = SHARED / "eval" / "baseline_spacy.py"
TARGETS = {"cold_vs_spacy": 1.0, "parse_cpu_per_wall": 1.7, "one_article_seconds": 6.0}


def cpu_ticks() -> tuple[int, int]:
    """(busy, total) CPU ticks of the whole machine so far."""
    fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + fields[4]
    return sum(fields) - idle, sum(fields)


def timed(cmd: list[str], env: dict | None = None) -> dict:
    """Run a command to its end: wall seconds, its (and its waited children's) CPU seconds, how busy
    the machine was meanwhile, peak RSS."""
    busy0, total0 = cpu_ticks()
    before = os.times()
    t0 = time.time()
    proc = subprocess.run(cmd, env={**os.environ, **(env or {})}, capture_output=True, text=True)
    wall = time.time() - t0
    after = os.times()
    busy1, total1 = cpu_ticks()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd[:4])} ... failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    import resource

    return {
        "started": t0,
        "seconds": round(wall, 2),
        "cpu_seconds": round(
            after.children_user + after.children_system - before.children_user - before.children_system, 2
        ),
        "machine_busy": round((busy1 - busy0) / max(1, total1 - total0), 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
        "stdout": proc.stdout.strip().splitlines()[-3:],
        "stderr": proc.stderr.strip().splitlines()[-3:],
    }


def newsfacts_run(seeds: Path, work: Path, cache: Path, *extra: str) -> dict:
    warehouse = work / "wh.duckdb"
    home = work / "dagster_home"
    out = timed(
        [*NEWSFACTS, "run", "--quiet", "--seeds", str(seeds), "--warehouse", str(warehouse), *extra],
        {"DAGSTER_HOME": str(home), "NEWSFACTS_CACHE_DIR": str(cache)},
    )
    out["warehouse"], out["home"] = str(warehouse), str(home)
    return out


def plain_spacy(articles: Path, work: Path) -> dict:
    gold = work / "gold"
    gold.mkdir(parents=True, exist_ok=True)
    (gold / "articles").symlink_to(articles.resolve(), target_is_directory=True)
    out = timed([sys.executable, str(BASELINE), "--gold", str(gold), "--warehouse", str(work / "base.duckdb")])
    for line in out["stdout"]:
        if "nlp " in line and "model load" in line:
            out["report"] = line
    return out


def time_split(run: dict) -> dict:
    """Where a newsfacts run's wall time went, from its Dagster instance (seconds)."""
    import dagster as dg

    with dg.DagsterInstance.from_config(run["home"]) as instance:
        records = sorted(instance.get_run_records(), key=lambda r: r.start_time or 0)
        steps: dict[str, float] = {}
        dagster_overhead, parse_meta, batches = 0.0, {}, 0
        first_start = min(r.start_time for r in records if r.start_time)
        last_end = max(r.end_time for r in records if r.end_time)
        for record in records:
            stats = instance.get_run_step_stats(record.dagster_run.run_id)
            in_steps = 0.0
            for s in stats:
                if s.start_time and s.end_time:
                    steps[s.step_key] = steps.get(s.step_key, 0.0) + s.end_time - s.start_time
                    in_steps += s.end_time - s.start_time
            if record.dagster_run.job_name == "ingest_batch":
                batches += 1
                dagster_overhead += (record.end_time - record.start_time) - in_steps
            for entry in instance.all_logs(
                record.dagster_run.run_id, of_type=dg.DagsterEventType.ASSET_MATERIALIZATION
            ):
                mat = entry.asset_materialization
                if mat.asset_key.to_user_string() == "tokens":
                    parse_meta = {k: v.value for k, v in mat.metadata.items() if k.startswith("parse_")}
    end = run["started"] + run["seconds"]
    split = {
        "start-up (before the first run)": first_start - run["started"],
        "Dagster, per batch run (outside steps)": dagster_overhead,
        "reading (raw_articles)": steps.get("raw_articles", 0.0),
        "segmentation (sentences)": steps.get("sentences", 0.0),
        "parse": steps.get("tokens_and_ner_spans", 0.0),
        "entities": steps.get("mentions_and_entities", 0.0),
        "events": steps.get("events_and_quotes", 0.0),
        "publish (published_batch)": steps.get("published_batch", 0.0),
        "views and exit (after the last batch)": steps.get("warehouse_views", 0.0) + (end - last_end),
    }
    split["between runs"] = run["seconds"] - sum(split.values())
    return {"seconds": {k: round(v, 2) for k, v in split.items()}, "batches": batches, "parse": parse_meta}


def view_seconds(warehouse: str) -> dict[str, float]:
    import duckdb

    con = duckdb.connect(warehouse, read_only=True)
    try:
        out = {}
        for view in (
            "v_entity_summary",
            "v_entity_cooccurrence",
            "v_actor_dyads",
            "v_events_dedup",
            "v_article_summary",
        ):
            t = []
            for _ in range(3):
                t0 = time.perf_counter()
                con.execute(f"SELECT * FROM {view}").fetchall()
                t.append(time.perf_counter() - t0)
            out[view] = round(min(t), 4)
        return out
    finally:
        con.close()


def batches_published(warehouse: str) -> int:
    import duckdb

    con = duckdb.connect(warehouse, read_only=True)
    try:
        return con.execute("SELECT count(*) FROM ingest_batches").fetchall()[0][0]
    finally:
        con.close()


def print_split(title: str, split: dict, seconds: float) -> None:
    print(f"{title}: seconds, share of the run")
    for k, v in split["seconds"].items():
        print(f"    {k:42s} {v:7.2f} s  {v / seconds:6.3f}")


def one_article_only(articles: Path, repeat: int) -> int:
    """The one-article cold run alone: a new warehouse each time, the machine's cache filled first."""
    tmp = Path(tempfile.mkdtemp(prefix="newsfacts-bench-one-"))
    try:
        one_dir = tmp / "one_article"
        one_dir.mkdir()
        first = sorted(articles.rglob("*.txt"))[0]
        shutil.copy(first, one_dir / first.name)
        newsfacts_run(one_dir, tmp / "fill", tmp / "cache")
        runs = [newsfacts_run(one_dir, tmp / f"one{i}", tmp / "cache") for i in range(max(1, repeat))]
        for r in runs:
            target = TARGETS["one_article_seconds"]
            print(
                f"one-article cold run: {r['seconds']:.2f} s wall = {r['seconds'] / target:.2f}x "
                f"the {target:.0f} s target, {r['cpu_seconds']:.2f} s CPU, "
                f"machine busy {r['machine_busy']:.0%}"
            )
        best = min(runs, key=lambda r: r["seconds"])
        print_split("  where the fastest one's time goes", time_split(best), best["seconds"])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--articles",
        type=Path,
        default=SHARED / "eval-dev" / "articles" / "ecbplus",
        help="folder of articles (default: the ECB+ articles of ../shared/eval-dev)",
    )
    ap.add_argument("--repeat", type=int, default=2, help="cold runs of each, alternated (default 2)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    ap.add_argument(
        "--one-article",
        action="store_true",
        help="only the one-article cold run, --repeat times after one that fills the cache (a quick check)",
    )
    args = ap.parse_args(argv)
    if args.one_article:
        return one_article_only(args.articles, args.repeat)
    if not args.articles.is_dir() or not BASELINE.is_file():
        raise SystemExit(f"needs {args.articles} and {BASELINE} (set NEWSFACTS_SHARED to ../shared)")

    tmp = Path(tempfile.mkdtemp(prefix="newsfacts-bench-"))
    seeds = tmp / "seeds"  # a copy both read, so one article can be added later
    shutil.copytree(args.articles, seeds)
    n_files = sum(1 for _ in seeds.rglob("*.txt"))
    results: dict = {"articles": str(args.articles), "files": n_files, "load_before": os.getloadavg()}
    print(
        f"bench: {n_files} articles in {args.articles}; load average {os.getloadavg()[0]:.1f} "
        f"on {os.cpu_count()} cores",
        file=sys.stderr,
    )
    cache = tmp / "cache"
    try:
        cold, spacy = [], []
        for i in range(args.repeat):  # A B B A ...: a drifting load weighs on both alike
            order = ("nf", "sp") if i % 2 == 0 else ("sp", "nf")
            for what in order:
                if what == "nf":
                    cold.append(newsfacts_run(seeds, tmp / f"cold{i}", cache))
                    print(f"bench: newsfacts cold run {i + 1}: {cold[-1]['seconds']} s", file=sys.stderr)
                else:
                    spacy.append(plain_spacy(seeds, tmp / f"spacy{i}"))
                    print(f"bench: plain spaCy run {i + 1}: {spacy[-1]['seconds']} s", file=sys.stderr)
        results["cold"], results["spacy"] = cold, spacy
        results["split"] = [time_split(r) for r in cold]

        one_dir = tmp / "one_article"
        one_dir.mkdir()
        first = sorted(seeds.rglob("*.txt"))[0]
        shutil.copy(first, one_dir / first.name)
        results["cold_one"] = newsfacts_run(one_dir, tmp / "one", cache)
        results["split_one"] = time_split(results["cold_one"])
        results["first_one"] = newsfacts_run(one_dir, tmp / "first_one", tmp / "empty_cache")

        results["views"] = view_seconds(cold[0]["warehouse"])
        shutil.copy(first, seeds / "added_copy.txt")  # one article more in the first cold run's warehouse
        results["add_one"] = newsfacts_run(seeds, tmp / "cold0", cache)
        before = batches_published(cold[0]["warehouse"])
        results["noop"] = newsfacts_run(seeds, tmp / "cold0", cache)
        results["noop_batches_started"] = batches_published(cold[0]["warehouse"]) - before
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    results["load_after"] = os.getloadavg()

    nf_total = sum(r["seconds"] for r in cold)
    sp_total = sum(r["seconds"] for r in spacy)
    split = results["split"][0]
    parse = split["parse"]
    ratios = {
        "cold_vs_spacy": round(sp_total / nf_total, 3),
        "parse_cpu_per_wall": parse.get("parse_cpu_per_wall"),
        "one_article_seconds": results["cold_one"]["seconds"],
        "one_article_vs_target": round(results["cold_one"]["seconds"] / TARGETS["one_article_seconds"], 2),
        "first_one_vs_cold_one": round(results["first_one"]["seconds"] / results["cold_one"]["seconds"], 2),
        "add_one_vs_cold_one": round(results["add_one"]["seconds"] / results["cold_one"]["seconds"], 2),
        "noop_vs_cold_one": round(results["noop"]["seconds"] / results["cold_one"]["seconds"], 2),
        "share_of_run": {k: round(v / cold[0]["seconds"], 3) for k, v in split["seconds"].items()},
        "vs_spacy_run": {k: round(v / spacy[0]["seconds"], 3) for k, v in split["seconds"].items()},
    }
    results["ratios"] = ratios

    print(
        f"\nmachine: load average {results['load_before'][0]:.1f} before, {results['load_after'][0]:.1f} after, "
        f"{os.cpu_count()} cores; CPU busy during the runs (all processes): "
        + ", ".join(f"{r['machine_busy']:.0%}" for r in cold + spacy)
    )
    print(
        f"newsfacts run, cold, {n_files} articles: "
        + ", ".join(f"{r['seconds']:.1f} s" for r in cold)
        + "; plain spaCy (baseline_spacy.py): "
        + ", ".join(f"{r['seconds']:.1f} s" for r in spacy)
    )
    print(f"  cold run vs plain spaCy: {ratios['cold_vs_spacy']}x the speed (target >= {TARGETS['cold_vs_spacy']})")
    print(
        f"  parse step: {parse.get('parse_workers')} workers, CPU {parse.get('parse_cpu_seconds')} s over wall "
        f"{parse.get('parse_wall_seconds')} s = {ratios['parse_cpu_per_wall']} "
        f"(target >= {TARGETS['parse_cpu_per_wall']})"
    )
    print(f"  where the time goes ({split['batches']} batch run(s)): share of the run | against the spaCy run")
    for k, v in split["seconds"].items():
        print(f"    {k:42s} {v:7.1f} s  {ratios['share_of_run'][k]:6.3f} | {ratios['vs_spacy_run'][k]:6.3f}")
    print(
        f"one-article cold run: {results['cold_one']['seconds']:.1f} s = {ratios['one_article_vs_target']}x the "
        f"{TARGETS['one_article_seconds']:.0f} s target; the same on a new machine (empty cache): "
        f"{results['first_one']['seconds']:.1f} s = {ratios['first_one_vs_cold_one']}x"
    )
    print_split("  where its time goes", results["split_one"], results["cold_one"]["seconds"])
    print(
        f"add 1 article to {n_files}: {results['add_one']['seconds']:.1f} s = {ratios['add_one_vs_cold_one']}x the "
        f"one-article cold run; no-op rerun: {results['noop']['seconds']:.1f} s = {ratios['noop_vs_cold_one']}x, "
        f"batches started: {results['noop_batches_started']} (target 0)"
    )
    print(f"peak memory of the cold run: {cold[0]['peak_rss_mb']} MB (the run's own process)")
    print("views, all rows: " + ", ".join(f"{v} {s * 1000:.0f} ms" for v, s in results["views"].items()))
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "ingest_bench.json").write_text(json.dumps(results, indent=1, default=str) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
