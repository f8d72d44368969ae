"""Entity and event coding of a batch: in the process running it, or, for a big batch, in worker
processes (see newsfacts.worker_pool).

Both layers work article by article, so a big batch is cut into runs of consecutive articles, each
coded by whichever worker is free, and the pieces are put back in article order: the same rows as
coding the batch in one process (tests hold them equal), on every core. Each worker loads the coders'
data (gazetteer, geocoder, the dictionary set's coding tables, patterns) at its first piece (~1 s,
small beside a big batch).

A small batch (a one-article run) goes to one worker that stands by: the sentences step starts it
(`start_standby`) and it loads the data on the other core while the batch is split and parsed, so the
process running the batch loads none of it and the coding does not wait for it. It stays for the
next batches of the process. Without it (a run that starts at the entity step, one core) a small
batch is coded in the process running it.

The jobs are in batch_entities.py and batch_events.py (each layer's code version names its own);
this module is what they share.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import polars as pl

from newsfacts.dictionaries.options import CodingOptions
from newsfacts.dictionaries.sets import DictionaryError, describe, load
from newsfacts.events.dictionary_coding import CodingDictionaries, coding_dictionaries
from newsfacts.nlp.doc import TOKEN_COLUMNS_READ, rows_by_article
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
# A piece's frame of this many rows goes to its worker as an Arrow file, not pickled down the pipe.
SPILL_ROWS = MIN_TOKENS_FOR_WORKERS

Progress = Callable[[int, int], None]
# A job codes one piece: (its frames by name, the dictionary set, the --as-of date, failures to fill:
# article_id -> reason) -> its two frames.
Job = Callable[[dict[str, pl.DataFrame], "DictionaryChoice", dt.date | None, dict[str, str]], tuple]


class CodingWorkerError(WorkerError):
    """A coding worker died, got stuck or failed: the batch fails with this one line."""


class CodingPool(WorkerPool):
    role = "coding"
    error = CodingWorkerError


@dataclass(frozen=True)
class DictionaryChoice:
    """Which dictionary set codes, as a worker can be told: its folders, cache folder, and the digest
    of the files the batch's record names (None: whatever they hold now)."""

    folders: tuple[str, ...]
    cache_dir: str | None = None
    digest: str | None = None
    options: CodingOptions = CodingOptions()


def coding_for(choice: DictionaryChoice) -> CodingDictionaries:
    """The set's coding tables, loaded once per process while the set's files stay the same. Files
    changed since the batch recorded its set fail it (the next run codes with the new set)."""
    description = describe(choice.folders)
    if choice.digest is not None and description.digest != choice.digest:
        raise DictionaryError(
            f"the dictionary files changed during the run ({choice.digest[:12]} -> {description.digest[:12]}): "
            "run again to code with the new set"
        )
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


# The coding worker of small batches: started while a batch's first steps run (start_standby), it
# loads the coders' data on the other core, then codes the batch's entities and events; kept for the
# next batches of this process.
_standby: CodingPool | None = None
_standby_in_use = threading.Lock()  # held while it is started, stopped or coding: one batch at a time


def start_standby(raw_articles: pl.DataFrame, n_workers: int, warmup: Callable[[], object]) -> None:
    """For a batch too small to share among workers, have its coding worker start now and run
    `warmup` (load the coders' data), unless one is standing by already. Only where there is a second
    core: with one, the batch is coded in the process running it; likewise when the worker cannot be
    started (it only saves time)."""
    global _standby
    ingested = raw_articles.filter(pl.col("status") == "ingested")
    n_chars = int(ingested.get_column("text").str.len_chars().sum() or 0)
    if n_workers < 2 or codes_in_workers(n_chars // CHARS_PER_TOKEN, n_workers) or not ingested.height:
        return
    if not _standby_in_use.acquire(blocking=False):
        return  # another batch of this process is using it
    try:
        if _standby is not None and _standby.alive():
            return
        _stop_standby_unlocked()
        pool = CodingPool(1, warmup)
        try:
            _standby = pool.__enter__()
        except Exception:
            pool.close()
    finally:
        _standby_in_use.release()


def stop_standby() -> None:
    with _standby_in_use:
        _stop_standby_unlocked()


def _stop_standby_unlocked() -> None:
    global _standby
    if _standby is not None:
        _standby.close()
        _standby = None


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
    as_of: dt.date | None,
    n_workers: int,
    failures: dict[str, str],
    progress: Progress | None = None,
) -> tuple[list[pl.DataFrame], list[pl.DataFrame]]:
    """The job's two frames for each piece of the batch, in article order; failures gathered. One piece
    is coded here. `what` says what a piece is being done ("coding the entities of"), for messages."""
    pieces = article_pieces(frames["raw_articles"], frames["tokens"], n_workers)
    # Coding reads only the columns an article's parse is built from: no more are sent to a worker.
    frames = {**frames, "tokens": frames["tokens"].select(TOKEN_COLUMNS_READ)}
    if len(pieces) <= 1:
        n = len(pieces[0]) if pieces else 0
        describe = lambda i: f"{what} articles 1-{n} of {n}"  # noqa: E731
        args = (job, frames, choice, as_of)
        result = _on_standby(args, describe, piece_timeout(frames)) if n_workers > 1 else None
        first, second, failed = result if result is not None else coded_piece(*args)
        failures.update(failed)
        if progress:
            progress(n, n)
        return [first], [second]
    spill = tempfile.TemporaryDirectory(prefix="newsfacts-pieces-")
    tasks = _PieceTasks(job, frames, pieces, spill.name, choice, as_of)
    bounds = [0]
    for ids in pieces:
        bounds.append(bounds[-1] + len(ids))
    firsts, seconds = [], []
    with spill, CodingPool(workers_for(tasks.n_tokens, n_workers)) as pool:
        results = pool.run(
            coded_piece,
            tasks,
            lambda i: f"{what} articles {bounds[i] + 1}-{bounds[i + 1]} of {bounds[-1]}",
            lambda i: PIECE_SECONDS_BASE + PIECE_SECONDS_PER_TOKEN * tasks.n_tokens[i],
        )
        for i, (first, second, failed) in enumerate(results):
            firsts.append(first)
            seconds.append(second)
            failures.update(failed)
            if progress:
                progress(bounds[i + 1], bounds[-1])
    return firsts, seconds


def workers_for(piece_tokens: list[int], n_workers: int) -> int:
    """How many workers code the pieces: one when all but the biggest piece are too few tokens to pay
    for a second (one long article beside a few short ones), which would hold the coders' data too."""
    if sum(piece_tokens) - max(piece_tokens, default=0) < MIN_TOKENS_FOR_WORKERS:
        return 1
    return min(n_workers, len(piece_tokens))


class _PieceTasks(Sequence):
    """coded_piece's arguments for each piece, its frames cut from the batch's as WorkerPool.run
    sends it (it reads each task once): the process running the batch holds one piece's copy at a
    time, not a second copy of the whole batch."""

    def __init__(self, job: Job, frames: dict[str, pl.DataFrame], pieces: list[list[str]], spill: str, *rest):
        self.job, self.frames, self.pieces, self.spill, self.rest = job, frames, pieces, spill, rest
        counts = dict(frames["tokens"].group_by("article_id").len().iter_rows())
        self.n_tokens = [sum(counts.get(a, 0) for a in ids) for ids in pieces]

    def __len__(self) -> int:
        return len(self.pieces)

    def __getitem__(self, i):
        ids = self.pieces[i]
        frames: dict[str, pl.DataFrame | SpilledFrame] = {}
        for name, f in self.frames.items():
            rows = _piece_rows(f, ids)
            big = rows.height >= SPILL_ROWS
            frames[name] = SpilledFrame.of(rows, os.path.join(self.spill, f"{i}-{name}.arrow")) if big else rows
        return (self.job, frames, *self.rest)


@dataclass(frozen=True)
class SpilledFrame:
    """A piece's big frame in an Arrow file its worker reads (and removes): pickled, it would be copied
    twice over in memory in the process sending it and again in the worker."""

    path: str

    @classmethod
    def of(cls, frame: pl.DataFrame, path: str) -> SpilledFrame:
        frame.write_ipc(path, compression="uncompressed")
        return cls(path)

    def read(self) -> pl.DataFrame:
        frame = pl.read_ipc(self.path)
        os.unlink(self.path)
        return frame


def _piece_rows(frame: pl.DataFrame, ids: list[str]) -> pl.DataFrame:
    """The rows of the piece's articles: a zero-copy slice where they lie together in the frame in the
    piece's order (as the layers write them), else a filtered copy."""
    rows = rows_by_article(frame)
    parts = [p for p in (rows(a) for a in ids) if p.height]
    if len(parts) == 1:
        return parts[0]
    return frame.filter(pl.col("article_id").is_in(ids))


def coded_piece(
    job: Job, frames: Mapping[str, pl.DataFrame | SpilledFrame], choice: DictionaryChoice, as_of: dt.date | None
) -> tuple[pl.DataFrame, pl.DataFrame, dict[str, str]]:
    """The job's two frames and the failures it met: what a worker sends back for a piece."""
    failures: dict[str, str] = {}
    read = {name: f.read() if isinstance(f, SpilledFrame) else f for name, f in frames.items()}
    del frames
    first, second = job(read, choice, as_of, failures)
    return first, second, failures


def _on_standby(args: tuple, describe: Callable[[int], str], timeout: float) -> tuple | None:
    """What the job gives, coded by the worker standing by; None when none is there, free and alive."""
    if not _standby_in_use.acquire(blocking=False):
        return None
    try:
        standby = _standby
        if standby is None:
            return None
        if not standby.alive():
            _stop_standby_unlocked()  # it died while idle: the next batch starts another
            return None
        try:
            return next(standby.run(coded_piece, [args], describe, lambda i: timeout))
        except CodingWorkerError:
            _stop_standby_unlocked()  # likewise
            raise
    finally:
        _standby_in_use.release()


def piece_timeout(frames: dict[str, pl.DataFrame]) -> float:
    return PIECE_SECONDS_BASE + PIECE_SECONDS_PER_TOKEN * frames["tokens"].height


def joined(schema, parts: list[pl.DataFrame]) -> pl.DataFrame:
    """The pieces in article order, in the schema's row order (its sort is stable)."""
    return schema.conform(pl.concat(parts, how="vertical")) if parts else schema.empty()
