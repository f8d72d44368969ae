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
import threading
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
    err_chunks: list[bytes] = []
    reader = threading.Thread(target=lambda: err_chunks.append(proc.stderr.read()))  # both pipes drain
    reader.start()
    out = proc.stdout.read().decode()
    reader.join()
    err = b"".join(err_chunks).decode()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"newsfacts run failed ({proc.returncode}):\n{err}")
    return {"seconds": round(seconds, 2), "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
            "summary": out.strip().splitlines()[-1]}


SPACY_BASELINE = """
import json, re, sys, time
t0 = time.perf_counter()
import spacy
from newsfacts.nlp.model import MODEL_NAME
nlp = spacy.load(MODEL_NAME, exclude=["senter"])  # the components newsfacts parses with
texts = []
for path in sys.argv[1:]:
    text = open(path, encoding="utf-8").read()
    if text.startswith("---\\n"):
        end = text.find("\\n---\\n", 4)
        text = text[end + 5:] if end > 0 else text
    texts.extend(p for p in re.split(r"\\n\\s*\\n", text) if p.strip())
t1 = time.perf_counter()
for _ in nlp.pipe(texts, batch_size=256):
    pass
t2 = time.perf_counter()
print(json.dumps({"load_seconds": t1 - t0, "pipe_seconds": t2 - t1, "total_seconds": t2 - t0,
                  "components": nlp.pipe_names, "paragraphs": len(texts)}))
"""


def plain_spacy(folder: Path) -> dict:
    """Plain spaCy nlp.pipe over the same article bodies, as its own process."""
    files = [str(p) for p in sorted(folder.rglob("*.txt"))]
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", SPACY_BASELINE, *files], capture_output=True, text=True,
                          check=True)
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    out["wall_seconds"] = time.perf_counter() - t0
    return out


TIMED_VIEWS = ("v_entity_summary", "v_entity_cooccurrence", "v_actor_dyads", "v_events_dedup", "v_article_summary")


def view_seconds(warehouse: Path) -> dict[str, float]:
    """Seconds to read every row of each view, best of three."""
    import duckdb

    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        out = {}
        for view in TIMED_VIEWS:
            times = []
            for _ in range(3):
                t0 = time.perf_counter()
                con.execute(f"SELECT * FROM {view}").fetchall()
                times.append(time.perf_counter() - t0)
            out[view] = round(min(times), 4)
        return out
    finally:
        con.close()


def step_seconds(home: Path) -> dict[str, float]:
    """Seconds spent in each step of the batch runs recorded in a Dagster home, summed."""
    import dagster as dg

    os.environ["DAGSTER_HOME"] = str(home)
    totals: dict[str, float] = {}
    with dg.DagsterInstance.get() as instance:
        for run in instance.get_runs(filters=dg.RunsFilter(job_name="ingest_batch")):
            for stat in instance.get_run_step_stats(run.run_id):
                if stat.start_time and stat.end_time:
                    totals[stat.step_key] = totals.get(stat.step_key, 0.0) + stat.end_time - stat.start_time
    return {k: round(v, 2) for k, v in sorted(totals.items())}


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
    ap.add_argument("--small", type=int, default=500,
                    help="articles in the small corpus (memory comparison; one full batch)")
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
        results["cold_big"] = run_measured(big, tmp / "big.duckdb", home / "big")
        results["steps_big"] = step_seconds(home / "big")
        results["spacy_big"] = plain_spacy(big)
        results["view_seconds"] = view_seconds(tmp / "big.duckdb")
        results["cold_small"] = run_measured(small, tmp / "small.duckdb", home / "small")
        results["cold_one"] = run_measured(one, tmp / "one.duckdb", home / "one")

        make_corpus(big, 1, texts, offset=args.n + 1)  # the same new article, into the big corpus
        results["add_one_to_big"] = run_measured(big, tmp / "big.duckdb", home / "big")

        before = batches_in(tmp / "big.duckdb")
        results["noop_big"] = run_measured(big, tmp / "big.duckdb", home / "big")
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
        "spacy_words_per_second": round(results["words_big"] / results["spacy_big"]["wall_seconds"]),
        "spacy_pipe_words_per_second": round(results["words_big"] / results["spacy_big"]["pipe_seconds"]),
        "throughput_vs_spacy": round(results["spacy_big"]["wall_seconds"] / cold["seconds"], 2),
        "throughput_vs_spacy_pipe_only": round(results["spacy_big"]["pipe_seconds"] / cold["seconds"], 2),
    }
    steps = results["steps_big"]
    before_events = sum(v for k, v in steps.items() if k != "event_layer")
    results["ratios"]["event_layer_share_of_cold_run"] = round(steps.get("event_layer", 0) / cold["seconds"], 3)
    results["ratios"]["event_layer_added_to_other_steps"] = round(steps.get("event_layer", 0) / before_events, 3) \
        if before_events else None
    r = results["ratios"]
    print(f"cold run, {args.n} articles:       {cold['seconds']:.1f} s, {r['articles_per_second_cold']} articles/s, "
          f"{r['words_per_second_cold']} words/s, peak {cold['peak_rss_mb']} MB")
    sp = results["spacy_big"]
    print(f"plain spaCy nlp.pipe, same texts:  {sp['wall_seconds']:.1f} s with start-up and model load "
          f"({r['spacy_words_per_second']} words/s), {sp['pipe_seconds']:.1f} s in nlp.pipe alone "
          f"({r['spacy_pipe_words_per_second']} words/s); components {','.join(sp['components'])}")
    print(f"newsfacts run vs plain spaCy:   {r['throughput_vs_spacy']}x the throughput "
          f"({r['throughput_vs_spacy_pipe_only']}x against nlp.pipe alone; target >= 0.8)")
    print("steps of the cold run (s): " + ", ".join(f"{k} {v}" for k, v in steps.items()))
    print(f"event layer (events + quotes): {steps.get('event_layer', 0):.1f} s = "
          f"{r['event_layer_share_of_cold_run'] * 100:.1f}% of the cold run (target: adds under 20%)")
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
    print(f"views over {args.n} articles, all rows: " + ", ".join(
        f"{v} {sec * 1000:.0f} ms" for v, sec in results["view_seconds"].items()) + " (target: well under 1 s)")
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "ingest_bench.json").write_text(json.dumps(results, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
