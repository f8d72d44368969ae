"""Entity and event coding of a batch: in the process running it, or, for a big batch, in worker
processes (see newsfacts.worker_pool).

Both layers work article by article, so a big batch is cut into runs of consecutive articles, each
coded by whichever worker is free, and the pieces are put back in article order: the same rows as
coding the batch in one process (tests hold them equal), on every core. Each worker loads the coders'
data (gazetteer, geocoder, the dictionary set's coding tables, patterns) at its first piece (~1 s,
small beside a big batch). A small batch is coded where it runs: a worker's load would cost it more
than the coding; there the data loads in a background thread while the batch's first steps wait on
the spaCy workers (`prefetch_coders`), once per process.

The jobs are in batch_entities.py and batch_events.py (each layer's code version names its own);
this module is what they share.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import polars as pl

from newsfacts.dictionaries.sets import describe, load
from newsfacts.events.dictionary_coding import CodingDictionaries, coding_dictionaries
from newsfacts.worker_pool import WorkerError, WorkerPool

# Workers pay off from this many tokens on (~2 s of coding in one process); pieces are small enough
# that the workers finish close together, and each reports progress.
MIN_TOKENS_FOR_WORKERS = 30_000
# Before the parse, a batch's tokens are guessed from its characters.
CHARS_PER_TOKEN = 5
PIECES_PER_WORKER = 4
# A piece gets this long to come back: far beyond what coding needs (~15,000 tokens a second a core).
PIECE_SECONDS_BASE = 120.0
PIECE_SECONDS_PER_TOKEN = 1 / 100

Progress = Callable[[int, int], None]
# A job codes one piece: (its frames by name, the dictionary set, the run date) ->
# (first frame, second frame, failures: article_id -> reason).
Job = Callable[[dict[str, pl.DataFrame], "DictionaryChoice", dt.date | None], tuple]


class CodingWorkerError(WorkerError):
    """A coding worker died, got stuck or failed: the batch fails with this one line."""


class CodingPool(WorkerPool):
    role = "coding"
    error = CodingWorkerError


@dataclass(frozen=True)
class DictionaryChoice:
    """Which dictionary set codes, as a worker can be told: its folders and cache folder."""

    folders: tuple[str, ...]
    cache_dir: str | None = None


def coding_for(choice: DictionaryChoice) -> CodingDictionaries:
    """The set's coding tables, loaded once per process (the forkserver's, inherited by its workers)
    while the set's files stay the same."""
    description = describe(choice.folders)
    return _coding(description.folders, description.digest, choice.cache_dir)


@lru_cache(maxsize=2)
def _coding(folders: tuple[str, ...], digest: str, cache_dir: str | None) -> CodingDictionaries:
    return coding_dictionaries(load(folders, Path(cache_dir) if cache_dir else None))


_loading = threading.RLock()


def load_once(*loaders: Callable[[], object]) -> None:
    """Call the loaders (each cached per process); a second caller waits for the first to finish
    rather than loading the same data again beside it."""
    with _loading:
        for load in loaders:
            load()


def prefetch_coders(raw_articles: pl.DataFrame, n_workers: int, *loaders: Callable[[], object]) -> None:
    """For a batch that will be coded here, start loading the coders' data in a background thread: it
    runs while this process waits (on the spaCy workers), and the coding finds it loaded. A failure is
    left to that coding to meet again and report."""
    ingested = raw_articles.filter(pl.col("status") == "ingested")
    n_chars = int(ingested.get_column("text").str.len_chars().sum() or 0)
    if codes_in_workers(n_chars // CHARS_PER_TOKEN, n_workers):
        return

    def load() -> None:
        for loader in loaders:
            try:
                loader()
            except Exception:  # the coding meets it again and reports it
                return

    threading.Thread(target=load, name="newsfacts-prefetch-coders", daemon=True).start()


def codes_in_workers(n_tokens: int, n_workers: int) -> bool:
    """Whether a batch of so many tokens is coded in workers (else where it runs)."""
    return n_workers > 1 and n_tokens >= MIN_TOKENS_FOR_WORKERS


def article_pieces(raw_articles: pl.DataFrame, tokens: pl.DataFrame, n_workers: int) -> list[list[str]]:
    """The batch's ingested articles in runs of consecutive ones of about equal token counts,
    PIECES_PER_WORKER per worker; one run for a batch coded where it runs."""
    ids = raw_articles.filter(pl.col("status") == "ingested").get_column("article_id").to_list()
    counts = dict(tokens.group_by("article_id").len().iter_rows())
    sizes = [counts.get(a, 0) + 1 for a in ids]
    total = sum(sizes)
    n_pieces = n_workers * PIECES_PER_WORKER if codes_in_workers(total, n_workers) else 1
    pieces: list[list[str]] = []
    current: list[str] = []
    filled = 0
    for article_id, size in zip(ids, sizes, strict=True):
        current.append(article_id)
        filled += size
        if filled >= total * (len(pieces) + 1) / n_pieces and len(pieces) < n_pieces - 1:
            pieces.append(current)
            current = []
    if current:
        pieces.append(current)
    return pieces


def code_batch(
    job: Job,
    what: str,
    frames: dict[str, pl.DataFrame],
    choice: DictionaryChoice,
    run_date: dt.date | None,
    n_workers: int,
    failures: dict[str, str],
    progress: Progress | None = None,
) -> tuple[list[pl.DataFrame], list[pl.DataFrame]]:
    """The job's two frames for each piece of the batch, in article order; failures gathered. One piece
    is coded here. `what` says what a piece is being done ("coding the entities of"), for messages."""
    pieces = article_pieces(frames["raw_articles"], frames["tokens"], n_workers)
    if len(pieces) <= 1:
        first, second, failed = job(frames, choice, run_date)
        failures.update(failed)
        if progress:
            progress(len(pieces[0]) if pieces else 0, len(pieces[0]) if pieces else 0)
        return [first], [second]
    piece_frames = [{name: f.filter(pl.col("article_id").is_in(ids)) for name, f in frames.items()} for ids in pieces]
    bounds = [0]
    for ids in pieces:
        bounds.append(bounds[-1] + len(ids))
    firsts, seconds = [], []
    with CodingPool(min(n_workers, len(pieces))) as pool:
        results = pool.run(
            job,
            [(f, choice, run_date) for f in piece_frames],
            lambda i: f"{what} articles {bounds[i] + 1}-{bounds[i + 1]} of {bounds[-1]}",
            lambda i: PIECE_SECONDS_BASE + PIECE_SECONDS_PER_TOKEN * piece_frames[i]["tokens"].height,
        )
        for i, (first, second, failed) in enumerate(results):
            firsts.append(first)
            seconds.append(second)
            failures.update(failed)
            if progress:
                progress(bounds[i + 1], bounds[-1])
    return firsts, seconds


def joined(schema, parts: list[pl.DataFrame]) -> pl.DataFrame:
    """The pieces in article order, in the schema's row order (its sort is stable)."""
    return schema.conform(pl.concat(parts, how="vertical")) if parts else schema.empty()
