"""Benchmark: what coding with the dictionaries costs a cold run, measured in one run.

On the eval-dev ECB+ articles: the articles are read, segmented and parsed once; then the entity
and event layers run as the project coded before the dictionaries (no dictionary set) and with the
shipped default set, and the default set is loaded and made ready for coding in a fresh process
(cold: parsed; warm: from the cache a run keeps). It prints the seconds of each step and:

- the load ratio: cold load and build of the default set against the 3 s it may add to a run,
  and the memory it adds against 200 MB;
- the throughput ratio: a cold run's articles per second with the dictionaries (parse + load +
  layers) over the same without them (parse + layers); the target is at least 0.9.

    uv run python bench/coder_bench.py [--articles DIR] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = next((p for p in (ROOT.parent / "shared", ROOT.parents[1] / "shared") if p.is_dir()), ROOT.parent / "shared")
DEFAULT_ARTICLES = SHARED / "eval-dev" / "articles" / "ecbplus"

LOAD = r"""
import json, sys, time
from pathlib import Path

def rss_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0

import newsfacts.events.layer  # the code a run has imported before it loads the set
from newsfacts.dictionaries import load
from newsfacts.events.dictionary_coding import coding_dictionaries
before = rss_mb()
t0 = time.perf_counter()
ds = load(None, Path(sys.argv[1]))
t1 = time.perf_counter()
coding_dictionaries(ds)
t2 = time.perf_counter()
print(json.dumps({"load": t1 - t0, "build": t2 - t1, "rss_added_mb": rss_mb() - before}))
"""


def load_cost(cache: str) -> dict:
    out = subprocess.run([sys.executable, "-c", LOAD, cache], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES)
    ap.add_argument("--limit", type=int, default=0, help="at most this many articles (0: all)")
    a = ap.parse_args()

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

    paths = sorted(p.relative_to(a.articles).as_posix() for p in a.articles.rglob("*.txt"))
    if a.limit:
        paths = paths[: a.limit]
    entries = [PlanEntry(p, article_id_for(p), "new") for p in paths]
    t = {}
    t0 = time.perf_counter()
    raw = read_batch(a.articles, entries, 5_000_000, "bench")
    sentences = sentences_frame(raw, SentenceSplitter(sentence_pipeline()).split)
    t["read and segment"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    tokens, spans = parse_sentences(sentence_refs(raw, sentences), parse_pipeline())
    t["parse"] = time.perf_counter() - t0
    gaz, geo, book, cb = gazetteer(), geocoder(), pattern_book(), codebook()

    t0 = time.perf_counter()
    mentions, entities = entity_frames(raw, sentences, tokens, spans, gaz, geo)
    event_frames(raw, sentences, tokens, mentions, entities, book, cb)
    t["layers without dictionaries"] = time.perf_counter() - t0

    with tempfile.TemporaryDirectory() as cache:
        cold = load_cost(cache)
        warm = load_cost(cache)
    from newsfacts.dictionaries import load
    from newsfacts.events.dictionary_coding import coding_dictionaries

    dictionaries = coding_dictionaries(load())
    t0 = time.perf_counter()
    mentions, entities = entity_frames(raw, sentences, tokens, spans, gaz, geo, actors=dictionaries.actors)
    events, _ = event_frames(raw, sentences, tokens, mentions, entities, book, cb, dictionaries=dictionaries)
    t["layers with the default set"] = time.perf_counter() - t0

    n = raw.height
    before = t["read and segment"] + t["parse"] + t["layers without dictionaries"]
    after = t["read and segment"] + t["parse"] + cold["load"] + cold["build"] + t["layers with the default set"]
    print(f"{n} articles from {a.articles}")
    for k, v in t.items():
        print(f"  {k:<32} {v:7.2f} s")
    print(
        f"  default set, cold: load {cold['load']:.2f} s + build {cold['build']:.2f} s, "
        f"+{cold['rss_added_mb']:.0f} MB resident"
    )
    print(
        f"  default set, warm: load {warm['load']:.2f} s + build {warm['build']:.2f} s, "
        f"+{warm['rss_added_mb']:.0f} MB resident"
    )
    print(
        f"load ratio: {(cold['load'] + cold['build']) / 3.0:.2f} of the 3 s limit (cold), "
        f"{(warm['load'] + warm['build']) / 3.0:.2f} (warm); "
        f"memory {cold['rss_added_mb'] / 200:.2f} of the 200 MB limit"
    )
    print(
        f"throughput ratio, with over without dictionaries: {before / after:.2f} (target >= 0.90); "
        f"coded events {events.filter(events['cameo_code'].is_not_null()).height}"
    )


if __name__ == "__main__":
    main()
