"""Benchmark: the input kinds against the .txt run, near-copies, and incremental containers, measured
in one run.

From the eval-dev .txt articles it builds every other kind (tests/input_fixtures.py): HTML pages
with real-world boilerplate, a gzipped WARC of them written with warcio, JSONL, CSV and Parquet
rows, an RSS feed. It prints:

- per kind: the share of the .txt run's sentences read identically (target >= 0.97), and, over a
  subset run end to end with the CLI, the share of its events (trigger, codes, actors) found again;
- extraction (reading the HTML pages) as a share of a cold CLI run over them (target < 25%);
- near-copies on eval-dev plus 200 altered copies (another headline and boilerplate, 5% of the
  words edited, paragraphs reordered): precision and recall of copy pairs (targets 0.95, 0.90),
  the ECB+ pairs flagged with their similarity, and detection time as a share of the cold run
  (target < 5%);
- appending 10 records to a 10,000-record JSONL against a cold run of 10 records (target < 2x);
- the memory planning takes over a JSONL of 100,000 records (it must not grow with the file).

    uv run python bench/inputs_bench.py [--articles DIR] [--events-limit N] [--skip-append]
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
SHARED = next((p for p in (ROOT.parent / "shared", ROOT.parents[1] / "shared") if p.is_dir()), ROOT.parent / "shared")

import duckdb  # noqa: E402

from newsfacts.ingest.container_records import expand_containers  # noqa: E402
from newsfacts.ingest.files import hash_article  # noqa: E402
from newsfacts.ingest.near_copies import find_near_copies, signature  # noqa: E402
from newsfacts.ingest.planning import plan_ingest  # noqa: E402
from newsfacts.ingest.raw_articles import read_batch  # noqa: E402
from newsfacts.ingest.records import ColumnNames, RecordArticle, compose_text  # noqa: E402
from newsfacts.ingest.scan import scan_seeds  # noqa: E402

import input_fixtures as fx  # noqa: E402

WRITERS = {
    "html": lambda d, s: fx.write_html(d, s),
    "warc": lambda d, s: fx.write_warc(d / "crawl.warc.gz", s),
    "jsonl": lambda d, s: fx.write_jsonl(d / "articles.jsonl", s),
    "csv": lambda d, s: fx.write_csv(d / "monitor.csv", s),
    "parquet": lambda d, s: fx.write_parquet(d / "articles.parquet", s),
    "feed": lambda d, s: fx.write_feed(d / "wire.rss", s),
}


def read_folder(folder: Path):
    """raw_articles of a folder as a first run reads it, and the seconds reading took."""
    files = expand_containers(folder, scan_seeds(folder), {}, ColumnNames())
    plan = plan_ingest(files, {}, lambda p: hash_article(folder, p), "bench")
    t = time.perf_counter()
    raw = read_batch(folder, plan.entries, 5_000_000, "bench")
    return raw, time.perf_counter() - t


def story_name(url: str | None, path: str, by_url: dict[str, str]) -> str:
    """The .txt story a row was made from: by URL, else by path (a page's canonical URL comes back
    normalised by trafilatura: `?print` dropped)."""
    return by_url.get(url or "") or path.removesuffix(".html") + (".txt" if path.endswith(".html") else "")


def story_of(raw, by_url: dict[str, str]) -> dict[str, str]:
    """article_id -> the .txt story it was made from."""
    return {
        aid: story_name(url, path, by_url) for aid, url, path in raw.select("article_id", "url", "path").iter_rows()
    }


def sentence_agreement(txt: dict[str, list[str]], got: dict[str, list[str]]) -> float:
    same = total = 0
    for name in set(txt) | set(got):
        a, b = txt.get(name, []), got.get(name, [])
        same += sum((collections.Counter(a) & collections.Counter(b)).values())
        total += max(len(a), len(b))
    return same / max(total, 1)


def cli_run(seeds: Path, warehouse: Path) -> float:
    env = {**os.environ, "DAGSTER_HOME": str(warehouse.parent / "dagster_home")}
    t = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "newsfacts.cli", "run", "--quiet", "--seeds", str(seeds), "--warehouse", str(warehouse)],
        check=True,
        env=env,
    )
    return time.perf_counter() - t


EVENTS_SQL = """
    SELECT a.article_id, a.url, a.path, s.text AS sentence, e.trigger, e.cameo_code,
           e.source_actor_code, e.target_actor_code, e.modality
    FROM events e JOIN articles a USING (article_id)
    JOIN sentences s ON s.article_id = e.article_id AND s.sentence_idx = e.sentence_idx"""


def events_by_story(warehouse: Path, by_url: dict[str, str]) -> collections.Counter:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        rows = con.execute(EVENTS_SQL).fetchall()
    finally:
        con.close()
    return collections.Counter((story_name(url, path, by_url), *rest) for _, url, path, *rest in rows)


def offsets_hold(warehouse: Path) -> tuple[int, int]:
    """Events whose trigger is article_texts.text[char_start:char_end], of all events."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute("""
            SELECT count(*) FILTER (WHERE substr(t.text, e.char_start + 1, e.char_end - e.char_start) = e.trigger),
                   count(*)
            FROM events e JOIN article_texts t USING (article_id)""").fetchone()
    finally:
        con.close()


def near_copy_scores(stories: list[fx.Story]) -> dict:
    rng = random.Random(7)
    originals = rng.sample([s for s in stories if len(s.body.split()) >= 60], 200)
    copies = [fx.altered_copy(s, rng, n) for n, s in enumerate(originals)]
    family = {s.name: s.name for s in stories} | {c.name: o.name for c, o in zip(copies, originals, strict=True)}
    t = time.perf_counter()
    sigs = {s.name: signature(compose_text(RecordArticle(s.title, s.body))[0]) for s in stories + copies}
    found = find_near_copies({k: v for k, v in sigs.items() if v}, {}, {k: k for k in sigs})
    seconds = time.perf_counter() - t
    copy_pairs = {(a, b) for a, (b, _) in found.items() if "copies/" in a + b}
    correct = sum(1 for a, b in copy_pairs if family[a] == family[b])
    linked = {
        c.name for c in copies if any(c.name in pair and family[pair[0]] == family[pair[1]] for pair in copy_pairs)
    }
    among_originals = sorted((round(sim, 3), a, b) for a, (b, sim) in found.items() if "copies/" not in a + b)
    return {
        "precision": correct / max(len(copy_pairs), 1),
        "recall": len(linked) / len(copies),
        "seconds_for_869": seconds,
        "originals_flagged": among_originals,
    }


def append_cost(work: Path, stories: list[fx.Story]) -> dict:
    """A 10,000-record JSONL published, 10 records appended and run, against 10 records cold."""
    rng = random.Random(3)
    sentences = [s for st in stories for s in fx.paragraphs(st.body) if 25 <= len(s.split()) <= 45]

    def records(n: int, start: int) -> list[dict]:
        return [{"title": f"Brief {start + i}", "text": rng.choice(sentences)} for i in range(n)]

    big, small = work / "big", work / "small"
    big.mkdir()
    small.mkdir()
    with open(big / "feed.jsonl", "w") as f:
        f.writelines(json.dumps(r) + "\n" for r in records(10_000, 0))
    (small / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records(10, 20_000)))
    t_big = cli_run(big, work / "wh_big" / "w.duckdb")
    with open(big / "feed.jsonl", "a") as f:
        f.writelines(json.dumps(r) + "\n" for r in records(10, 10_000))
    t_append = cli_run(big, work / "wh_big" / "w.duckdb")
    t_cold10 = cli_run(small, work / "wh_small" / "w.duckdb")
    return {"cold_10000": t_big, "append_10": t_append, "cold_10": t_cold10, "ratio": t_append / t_cold10}


def planning_memory(work: Path) -> list[tuple[int, float, float]]:
    """Peak Python memory planning a JSONL (records, file MB, peak MB): it grows with the number of
    records (a key and a hash each), not with their size."""
    out = []
    for n, words in ((10_000, 90), (10_000, 900), (100_000, 90)):
        folder = work / f"mem{n}_{words}"
        folder.mkdir()
        with open(folder / "x.jsonl", "w") as f:
            f.writelines(json.dumps({"title": f"t{i}", "text": "word " * words}) + "\n" for i in range(n))
        tracemalloc.start()
        expand_containers(folder, scan_seeds(folder), {}, ColumnNames())
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        out.append((n, (folder / "x.jsonl").stat().st_size / 1e6, peak))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=Path, default=SHARED / "eval-dev" / "articles")
    ap.add_argument("--events-limit", type=int, default=40, help="articles per kind run end to end")
    ap.add_argument("--skip-append", action="store_true")
    args = ap.parse_args()
    stories = fx.read_stories(args.articles)
    by_url = {s.url: s.name for s in stories}
    work = Path(tempfile.mkdtemp(prefix="inputs_bench_"))
    try:
        # 1. Sentences of every kind against the .txt run, all articles (no parse needed).
        from newsfacts.nlp.model import sentence_pipeline
        from newsfacts.text.segmentation import SentenceSplitter
        from newsfacts.text.sentences import sentences_frame

        split = SentenceSplitter(sentence_pipeline()).split

        def sentences_by_story(folder: Path) -> tuple[dict[str, list[str]], float, int]:
            raw, seconds = read_folder(folder)
            story = story_of(raw, by_url)
            out: dict[str, list[str]] = collections.defaultdict(list)
            for aid, text in sentences_frame(raw, split).select("article_id", "text").iter_rows():
                out[story[aid]].append(text)
            return out, seconds, raw.height

        txt, _, _ = sentences_by_story(args.articles)
        print(f"{len(stories)} articles; sentences identical to the .txt run (target >= 0.97), reading time:")
        for kind, write in WRITERS.items():
            folder = work / kind
            folder.mkdir()
            write(folder, stories)
            got, seconds, n = sentences_by_story(folder)
            print(f"  {kind:8s} {sentence_agreement(txt, got):.4f}  ({n} records read in {seconds:.1f} s)")

        # 2. End to end on a subset: events of every kind against the .txt run; extraction's share.
        subset = stories[:: max(1, len(stories) // args.events_limit)][: args.events_limit]
        sub_by_url = {s.url: s.name for s in subset}
        txt_dir = work / "sub_txt"
        for s in subset:
            (txt_dir / s.name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(args.articles / s.name, txt_dir / s.name)
        t_txt = cli_run(txt_dir, work / "wh_txt" / "w.duckdb")
        want = events_by_story(work / "wh_txt" / "w.duckdb", sub_by_url)
        print(f"\n{len(subset)} articles end to end: .txt cold run {t_txt:.1f} s, {sum(want.values())} events")
        for kind, write in WRITERS.items():
            folder = work / f"sub_{kind}"
            folder.mkdir()
            write(folder, subset)
            seconds = cli_run(folder, work / f"wh_{kind}" / "w.duckdb")
            got = events_by_story(work / f"wh_{kind}" / "w.duckdb", sub_by_url)
            same = sum((want & got).values()) / max(sum(want.values()), sum(got.values()), 1)
            ok, total = offsets_hold(work / f"wh_{kind}" / "w.duckdb")
            line = f"  {kind:8s} events identical {same:.4f}, triggers at their offsets {ok}/{total}"
            line += f", cold run {seconds:.1f} s"
            if kind == "html":
                _, extract = read_folder(folder)
                line += f"; extraction {extract:.1f} s = {extract / seconds:.1%} of the cold run (target < 25%)"
            print(line)

        # 3. Near-copies.
        scores = near_copy_scores(stories)
        per_article = scores["seconds_for_869"] / (len(stories) + 200)
        print(
            f"\nnear-copies, eval-dev + 200 altered copies: precision {scores['precision']:.3f} (target 0.95), "
            f"recall {scores['recall']:.3f} (target 0.90); {scores['seconds_for_869']:.2f} s for "
            f"{len(stories) + 200} articles = {per_article / (t_txt / len(subset)):.1%} of a cold run's time "
            "per article (target < 5%)"
        )
        print("  pairs of eval-dev articles flagged (similarity, article, copy of):")
        for sim, a, b in scores["originals_flagged"]:
            print(f"    {sim:.3f} {a} -> {b}")

        # 4. Incremental containers and memory.
        if not args.skip_append:
            cost = append_cost(work, stories)
            print(
                f"\nappend 10 records to a 10,000-record JSONL: {cost['append_10']:.1f} s against a 10-record cold "
                f"run {cost['cold_10']:.1f} s = {cost['ratio']:.2f}x (target < 2x); the 10,000 cold: "
                f"{cost['cold_10000']:.1f} s"
            )
        print("planning memory (a key and a hash per record; record texts are never held):")
        for n, file_mb, peak in planning_memory(work):
            print(
                f"  {n:7d} records, {file_mb:5.0f} MB file: peak {peak:5.1f} MB ({peak * 1e6 / n:.0f} bytes a record)"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
