"""Benchmark of one very long article: time must grow linearly with its length.

    uv run python bench/long_article_bench.py [--small 400000] [--large 4000000] [--skip-cli]

Builds one-line articles (no line break at all, like a scraped page flattened to
one line) of --small and --large bytes from ../shared/eval-dev (or the bundled
seed), and a "no stops" variant with every sentence-final mark removed, so
segmentation has no boundary to find. For each, in a fresh process, it times
every layer the way a batch runs them (read, segment, parse, entities, events,
publish) and notes the peak memory; then it times `newsfacts run` on each
prose article as a user runs it (a fresh process, cold, start-up included).

Prints the figures and the large/small ratios (the target: a 4 MB article in
under 10x the time of a 400 KB one, i.e. a ratio under 10 for a 10x longer
text), and writes them to bench/out/long_article_bench.json. Timings on a
shared machine are noisy; the ratios compare runs made minutes apart.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED_ARTICLES = ROOT.parent / "shared" / "eval-dev" / "articles"
NEWSFACTS = [sys.executable, "-m", "newsfacts.cli"]
STAGES = ("read", "segment", "parse", "entities", "events", "publish")


def one_line_text(n_bytes: int, no_stops: bool) -> str:
    """Article bodies joined into one line of about n_bytes UTF-8 bytes."""
    folder = SHARED_ARTICLES if SHARED_ARTICLES.is_dir() else ROOT / "seeds"
    bodies = []
    for p in sorted(folder.rglob("*.txt")):
        text = p.read_text(encoding="utf-8")
        if text.startswith("---\n") and "\n---\n" in text[4:]:
            text = text[text.index("\n---\n", 4) + 5 :]
        bodies.append(" ".join(text.split()))
    line = " ".join(b for b in bodies if b)
    if no_stops:
        line = re.sub(r"[.!?]+(?=\s|$)", "", line)
    while len(line.encode("utf-8")) < n_bytes:
        line = f"{line} {line}"
    return line.encode("utf-8")[:n_bytes].decode("utf-8", "ignore").rsplit(" ", 1)[0] + "\n"


def run_layers(path: Path) -> dict:
    """Every layer over the one article, in this process; seconds per stage and row counts."""
    from newsfacts.contract.schema import ARTICLE_ENTITIES, ENTITY_MENTIONS, EVENTS, QUOTES, SENTENCES
    from newsfacts.entities.gazetteer import gazetteer
    from newsfacts.entities.geocode import geocoder
    from newsfacts.entities.layer import entity_frames
    from newsfacts.events.codebook import codebook
    from newsfacts.events.layer import event_frames
    from newsfacts.events.patterns import pattern_book
    from newsfacts.ingest.planning import PlanEntry
    from newsfacts.ingest.raw_articles import read_batch
    from newsfacts.ingest.scan import article_id_for
    from newsfacts.nlp.model import parse_pipeline, sentence_pipeline
    from newsfacts.nlp.parse import parse_sentences, sentence_refs
    from newsfacts.text.segmentation import SentenceSplitter
    from newsfacts.text.sentences import sentences_frame
    from newsfacts.warehouse.layout import WarehouseLayout
    from newsfacts.warehouse.publishing import publish_ingest_batch

    # Models and lexicons load before the clock starts: they are paid once per run, not per article.
    gaz, geo, book, codes = gazetteer(), geocoder(), pattern_book(), codebook()
    splitter, nlp = SentenceSplitter(sentence_pipeline()), parse_pipeline()
    seconds: dict[str, float] = {}

    def timed(stage, fn):
        t = time.perf_counter()
        out = fn()
        seconds[stage] = time.perf_counter() - t
        return out

    rel = path.name
    entry = PlanEntry(rel, article_id_for(rel), "new")
    raw = timed("read", lambda: read_batch(path.parent, [entry], 5 * 1024 * 1024, "bench"))
    sentences = timed("segment", lambda: sentences_frame(raw, splitter.split))
    tokens, spans = timed("parse", lambda: parse_sentences(sentence_refs(raw, sentences), nlp))
    failures: dict[str, str] = {}
    mentions, entities = timed("entities", lambda: entity_frames(raw, sentences, tokens, spans, gaz, geo, failures))
    events, quotes = timed(
        "events", lambda: event_frames(raw, sentences, tokens, mentions, entities, book, codes, failures)
    )
    with tempfile.TemporaryDirectory() as wh:
        layout = WarehouseLayout.at(Path(wh) / "bench.duckdb")
        layout.ensure_dirs()
        tables = {
            SENTENCES: sentences,
            ENTITY_MENTIONS: mentions,
            ARTICLE_ENTITIES: entities,
            EVENTS: events,
            QUOTES: quotes,
        }

        def publish():
            tokens.write_parquet(Path(wh) / "tokens.parquet")
            return publish_ingest_batch(layout, path.parent, "bench", raw, tables)

        timed("publish", publish)
    return {
        "seconds": seconds,
        "failures": failures,
        "status": raw["status"][0],
        "rows": {
            "sentences": sentences.height,
            "tokens": tokens.height,
            "mentions": mentions.height,
            "events": events.height,
            "quotes": quotes.height,
        },
        "longest_sentence_chars": int((sentences["char_end"] - sentences["char_start"]).max() or 0),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def layers_in_child(path: Path) -> dict:
    proc = subprocess.run(
        [sys.executable, __file__, "--layers-of", str(path)], capture_output=True, text=True, check=True
    )
    return json.loads(proc.stdout.strip().splitlines()[-1])


def cli_run(path: Path, work: Path) -> float:
    seeds = work / f"seeds-{path.stem}"
    seeds.mkdir()
    os.link(path, seeds / path.name)
    env = {
        **os.environ,
        "NEWSFACTS_SEEDS_DIR": str(seeds),
        "NEWSFACTS_WAREHOUSE": str(work / f"{path.stem}.duckdb"),
        "DAGSTER_HOME": str(work / f"home-{path.stem}"),
    }
    t = time.perf_counter()
    subprocess.run([*NEWSFACTS, "run", "--quiet"], env=env, check=True, capture_output=True)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--small", type=int, default=400_000)
    ap.add_argument("--large", type=int, default=4_000_000)
    ap.add_argument("--skip-cli", action="store_true", help="only the per-layer timings")
    ap.add_argument("--layers-of", type=Path, help=argparse.SUPPRESS)  # the child's job
    args = ap.parse_args()
    if args.layers_of:
        print(json.dumps(run_layers(args.layers_of)))
        return

    results: dict = {"small_bytes": args.small, "large_bytes": args.large, "variants": {}}
    with tempfile.TemporaryDirectory(prefix="long-article-bench-") as tmp:
        work = Path(tmp)
        for variant in ("prose", "no_stops"):
            out = results["variants"][variant] = {}
            for size_name, n in (("small", args.small), ("large", args.large)):
                path = work / f"{variant}-{size_name}.txt"
                path.write_text(one_line_text(n, variant == "no_stops"), encoding="utf-8")
                r = layers_in_child(path)
                r["total_seconds"] = sum(r["seconds"].values())
                if variant == "prose" and not args.skip_cli:
                    r["cli_seconds"] = cli_run(path, work)
                out[size_name] = r
                print(
                    f"{variant:8} {size_name:5} {n / 1e6:5.1f} MB: "
                    + ", ".join(f"{s} {r['seconds'][s]:.1f}s" for s in STAGES)
                    + f"; total {r['total_seconds']:.1f}s"
                    + (f"; newsfacts run {r['cli_seconds']:.1f}s" if "cli_seconds" in r else "")
                    + f"; {r['rows']['sentences']} sentences (longest {r['longest_sentence_chars']} chars), "
                    f"{r['rows']['tokens']} tokens, {r['rows']['events']} events; peak {r['peak_rss_mb']:.0f} MB"
                    + (f"; FAILED {r['failures']}" if r["failures"] else ""),
                    flush=True,
                )
            small, large = out["small"], out["large"]
            out["ratios"] = {
                s: large["seconds"][s] / small["seconds"][s] if small["seconds"][s] else None for s in STAGES
            }
            out["ratios"]["total"] = large["total_seconds"] / small["total_seconds"]
            if "cli_seconds" in small:
                out["ratios"]["newsfacts_run"] = large["cli_seconds"] / small["cli_seconds"]
    size_ratio = args.large / args.small
    print(f"\nlarge/small time ratios for a {size_ratio:.0f}x longer article (target: under 10 for 4 MB vs 400 KB):")
    for variant, out in results["variants"].items():
        print(f"  {variant:8} " + ", ".join(f"{k} {v:.2f}" for k, v in out["ratios"].items() if v is not None))
    dest = ROOT / "bench" / "out" / "long_article_bench.json"
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    print(f"written to {dest}")


if __name__ == "__main__":
    main()
