"""Benchmark of `newsfacts run`: cold runs, incremental adds, no-op reruns, memory.

    uv run python bench/ingest_bench.py [--n 1000] [--small 100]

Builds a corpus of N articles from ../shared/eval-dev (or the bundled seeds
when that is absent), each made unique by a varied dateline, then measures in
one run, each `newsfacts run` as a fresh process, the way a user runs it:

- cold run of N articles (and of a smaller corpus, to see memory stay flat);
- cold run of 1 article, and adding 1 article to the N-article warehouse;
- a no-op rerun over unchanged input (must start no batch: no NLP work).

Prints the figures and the ratios the targets are stated in, and writes them
to bench/out/ingest_bench.json. Timings on a shared machine are noisy: read
the ratios, which compare runs made minutes apart on the same machine.
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
SHARED_ARTICLES = ROOT.parent / "shared" / "eval-dev" / "articles"
NEWSFACTS = [sys.executable, "-m", "newsfacts.cli"]
PLACES = ["BAGHDAD", "PARIS", "NAIROBI", "LIMA", "OSLO", "MANILA", "CAIRO", "DELHI", "QUITO", "ACCRA"]


def source_texts() -> list[str]:
    folder = SHARED_ARTICLES if SHARED_ARTICLES.is_dir() else ROOT / "seeds"
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.txt"))]
    return [t for t in texts if t.strip()]


def body_of(text: str) -> str:
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end > 0:
            return text[end + 5:]
    return text


def make_corpus(folder: Path, n: int, texts: list[str], offset: int = 0) -> None:
    """n unique articles: a source body under a dateline and front matter of its own."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(offset, offset + n):
        body = body_of(texts[i % len(texts)]).strip()
        day = 1 + i % 28
        text = (f"---\ntitle: Dispatch {i}\npublished: 2020-{1 + i % 12:02d}-{day:02d}\nsource: bench\n---\n"
                f"{PLACES[i % len(PLACES)]}, dispatch {i}.\n\n{body}\n")
        (folder / f"{i // 100:03d}" / f"article_{i:06d}.txt").parent.mkdir(parents=True, exist_ok=True)
        (folder / f"{i // 100:03d}" / f"article_{i:06d}.txt").write_text(text, encoding="utf-8")


def words_in(folder: Path) -> int:
    return sum(len(body_of(p.read_text(encoding="utf-8")).split()) for p in folder.rglob("*.txt"))


def run_measured(seeds: Path, warehouse: Path, home: Path) -> dict:
    """One `newsfacts run` as its own process: wall seconds, and peak RSS from its rusage when reaped."""
    env = {**os.environ, "DAGSTER_HOME": str(home)}
    t0 = time.perf_counter()
    proc = subprocess.Popen([*NEWSFACTS, "run", "--quiet", "--seeds", str(seeds), "--warehouse", str(warehouse)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = proc.stdout.read().decode()
    err = proc.stderr.read().decode()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"newsfacts run failed ({proc.returncode}):\n{err}")
    return {"seconds": round(seconds, 2), "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
            "summary": out.strip().splitlines()[-1]}


def batches_in(warehouse: Path) -> int:
    import duckdb

    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute("SELECT count(*) FROM ingest_batches").fetchone()[0]
    finally:
        con.close()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1000, help="articles in the large corpus")
    ap.add_argument("--small", type=int, default=100, help="articles in the small corpus (memory comparison)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = ap.parse_args(argv)

    texts = source_texts()
    tmp = Path(tempfile.mkdtemp(prefix="newsfacts-bench-"))
    home = tmp / "dagster_home"
    results: dict = {"n": args.n, "small": args.small, "source_texts": len(texts)}
    try:
        big, small, one = tmp / "big", tmp / "small", tmp / "one"
        make_corpus(big, args.n, texts)
        make_corpus(small, args.small, texts)
        make_corpus(one, 1, texts, offset=args.n + 1)
        results["words_big"] = words_in(big)

        print(f"bench: corpus of {args.n} articles ({results['words_big']} words) in {tmp}", file=sys.stderr)
        results["cold_big"] = run_measured(big, tmp / "big.duckdb", home)
        results["cold_small"] = run_measured(small, tmp / "small.duckdb", home)
        results["cold_one"] = run_measured(one, tmp / "one.duckdb", home)

        make_corpus(big, 1, texts, offset=args.n + 1)  # the same new article, into the big corpus
        results["add_one_to_big"] = run_measured(big, tmp / "big.duckdb", home)

        before = batches_in(tmp / "big.duckdb")
        results["noop_big"] = run_measured(big, tmp / "big.duckdb", home)
        results["noop_batches_started"] = batches_in(tmp / "big.duckdb") - before
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)

    cold = results["cold_big"]
    results["ratios"] = {
        "articles_per_second_cold": round(args.n / cold["seconds"], 2),
        "words_per_second_cold": round(results["words_big"] / cold["seconds"]),
        "add_one_vs_cold_one": round(results["add_one_to_big"]["seconds"] / results["cold_one"]["seconds"], 2),
        "noop_vs_cold_one": round(results["noop_big"]["seconds"] / results["cold_one"]["seconds"], 2),
        "peak_rss_big_vs_small": round(cold["peak_rss_mb"] / results["cold_small"]["peak_rss_mb"], 2),
    }
    r = results["ratios"]
    print(f"cold run, {args.n} articles:       {cold['seconds']:.1f} s, {r['articles_per_second_cold']} articles/s, "
          f"{r['words_per_second_cold']} words/s, peak {cold['peak_rss_mb']} MB")
    print(f"cold run, {args.small} articles:        {results['cold_small']['seconds']:.1f} s, "
          f"peak {results['cold_small']['peak_rss_mb']} MB")
    print(f"cold run, 1 article:          {results['cold_one']['seconds']:.1f} s, "
          f"peak {results['cold_one']['peak_rss_mb']} MB")
    print(f"add 1 article to {args.n}:      {results['add_one_to_big']['seconds']:.1f} s "
          f"= {r['add_one_vs_cold_one']}x the 1-article cold run (target < 2x)")
    print(f"no-op rerun of {args.n}:        {results['noop_big']['seconds']:.1f} s "
          f"= {r['noop_vs_cold_one']}x the 1-article cold run; batches started: "
          f"{results['noop_batches_started']} (target 0: no NLP work)")
    print(f"peak memory {args.n} vs {args.small} articles: {r['peak_rss_big_vs_small']}x (target: flat, ~1x)")
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "ingest_bench.json").write_text(json.dumps(results, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
