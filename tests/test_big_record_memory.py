"""Memory follows a batch's work, not one record's size.

End to end: a CSV record of 2 MB beside an ordinary article raises the peak memory of the whole
`newsfacts run` (its workers included) to at most RUN_RATIO times the run without it (both runs measured
in the test, by bench/big_record_memory_bench.py). In one process: the two structures a long article
used to hold per character and per token, measured with tracemalloc against the article's own size."""

import json
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from newsfacts.nlp.doc import build_articles
from newsfacts.nlp.parse import sentence_refs

from layers import process

# Measured on two cores: 2.01 before the parse and coding were bounded, 1.66 after, ~1.3 since a long
# article is coded in windows with one coding worker (the peak is now the parse). For 4.9 MB the aim is
# 1.5; what is left there is the coding worker and the process running the batch holding the whole
# article's frames at the end of event coding (see the benchmark).
RUN_RATIO = 1.5
BENCH = Path(__file__).resolve().parents[1] / "bench" / "big_record_memory_bench.py"
sys.path.insert(0, str(BENCH.parent))
from big_record_memory_bench import prose  # noqa: E402


def traced_bytes(fn) -> tuple[object, int]:
    """What fn gives, and the bytes it leaves allocated."""
    tracemalloc.start()
    try:
        out = fn()
        return out, tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()


@pytest.mark.slow  # parses 200 KB of text
def test_a_long_articles_sentence_maps_and_parse_cost_a_few_bytes_a_character_and_token(tmp_path):
    layers = process(tmp_path, {"long.txt": "A long day\n\n" + prose(200_000)})
    n_chars = int(layers.raw["text"].str.len_chars().sum())
    refs, refs_bytes = traced_bytes(lambda: sentence_refs(layers.raw, layers.sentences))
    assert len(refs) == layers.sentences.height
    # The texts themselves are ~1 byte a character, their maps back to the file next to nothing (a tuple
    # of Python ints cost ~80 bytes a character).
    assert refs_bytes / n_chars < 16, f"{refs_bytes / n_chars:.0f} bytes a character"
    articles, parse_bytes = traced_bytes(lambda: list(build_articles(layers.raw, layers.sentences, layers.tokens)))
    assert sum(len(s) for s in articles[0].sentences) == layers.tokens.height
    # Five lists of strings shared by equal values and three of integers (a string object for each
    # token's word and tags cost ~430 bytes a token).
    assert parse_bytes / layers.tokens.height < 250, f"{parse_bytes / layers.tokens.height:.0f} bytes a token"


@pytest.mark.slow  # two CLI runs, one parsing 2 MB of text (several minutes on two cores)
def test_a_big_record_raises_the_peak_memory_of_a_run_boundedly():
    out = subprocess.run(
        [sys.executable, str(BENCH), "--record-bytes", "2000000", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    assert figures["peak_without_mb"] > 100  # the sampler saw the run's processes
    assert figures["ratio"] <= RUN_RATIO, out.stdout
