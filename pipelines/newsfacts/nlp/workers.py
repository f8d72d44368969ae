"""spaCy work in worker processes (see newsfacts.worker_pool) forked from the forkserver, which has the
models loaded (newsfacts.nlp.preload).

Two jobs run in them: splitting paragraphs into sentences (the `senter` pipeline and the merge rules)
and the one parse. Both send strings in and plain values or arrays back. Measured on the project's
2-core machine: the forkserver's model load is ~2 s, paid once and in the background when
`newsfacts run` starts it early; spawning workers instead pays that load in every worker of every
batch, and spaCy's own `n_process` forks from the batch's process (inheriting its signal handlers)
and pickles every Doc back.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from newsfacts.forkserver import start_forkserver
from newsfacts.nlp.jobs import parse_job, split_job
from newsfacts.nlp.parse import (
    PROGRESS_EVERY,
    Progress,
    SentenceRef,
    chunk_frames,
    chunked,
    concat_frames,
)
from newsfacts.worker_pool import WorkerError, WorkerPool

# Chunks are handed to whichever worker is free: enough of them that both finish close together,
# not so small that each costs more to send than to parse, and no more than one progress line each.
CHUNKS_PER_WORKER = 8
MIN_CHUNK = 64
# A chunk gets this long to come back: far beyond what the model needs (~30,000 characters a second
# a core), so only a worker that is stuck, or starved by a machine many times overloaded, runs out.
CHUNK_SECONDS_BASE = 120.0
CHUNK_SECONDS_PER_CHAR = 1 / 1000


class ParseWorkerError(WorkerError):
    """A parse worker died, got stuck or failed: the batch fails with this one line."""


# What a parse worker can be asked to do, by name: each takes a list of strings and the nlp.pipe batch size.
JOBS: dict[str, Callable[[list[str], int], object]] = {"parse": parse_job, "split": split_job}


def chunk_timeout(texts: Sequence[str]) -> float:
    return CHUNK_SECONDS_BASE + CHUNK_SECONDS_PER_CHAR * sum(len(t) for t in texts)


class ParsePool(WorkerPool):
    """n worker processes holding the spaCy pipelines; `map` runs a job on lists of texts on whichever is free."""

    role = "parse"
    error = ParseWorkerError
    start_server = staticmethod(start_forkserver)

    def __init__(self, n_workers: int, batch_size: int = 256):
        super().__init__(n_workers)
        self.batch_size = batch_size

    def map(self, job: str, tasks: Sequence[Sequence[str]], describe=lambda i: f"working on chunk {i}") -> Iterator:
        """What the job gives for each list of texts, in order; raises ParseWorkerError if a worker fails."""
        return self.run(
            JOBS[job],
            [(list(texts), self.batch_size) for texts in tasks],
            describe,
            lambda i: chunk_timeout(tasks[i]),
        )


@dataclass
class ParseStats:
    workers: int = 0
    wall_seconds: float = 0.0
    cpu_seconds: float = 0.0  # the workers' parse plus this process's share, while parsing

    @property
    def cpu_per_wall(self) -> float:
        return self.cpu_seconds / self.wall_seconds if self.wall_seconds else 0.0


def parse_in_workers(
    refs: Sequence[SentenceRef],
    n_workers: int,
    batch_size: int = 256,
    progress: Progress | None = None,
    stats: ParseStats | None = None,
):
    """(tokens, ner_spans) for the sentences, parsed by n worker processes while this one builds
    the frames of the chunks already back; `stats` gets the wall and CPU time it took."""
    stats = ParseStats() if stats is None else stats
    if not refs:
        return concat_frames([])
    wall, cpu = time.perf_counter(), time.process_time()
    size = max(MIN_CHUNK, min(PROGRESS_EVERY, -(-len(refs) // (max(1, n_workers) * CHUNKS_PER_WORKER))))
    parts = chunked(refs, size)
    bounds: list[tuple[int, int]] = []  # (start, end) of each part in refs
    for part in parts:
        start = bounds[-1][1] if bounds else 0
        bounds.append((start, start + len(part)))
    frames = []
    with ParsePool(min(n_workers, len(parts)), batch_size) as pool:
        stats.workers = len(pool.workers)
        texts = [[r.clean.text for r in part] for part in parts]
        describe = lambda i: f"parsing sentences {bounds[i][0] + 1}-{bounds[i][1]} of {len(refs)}"  # noqa: E731
        for part, (_, end), chunk in zip(parts, bounds, pool.map("parse", texts, describe), strict=True):
            frames.append(chunk_frames(part, chunk))
            stats.cpu_seconds += chunk.cpu_seconds
            if progress:
                progress(end, len(refs))
    out = concat_frames(frames)
    stats.wall_seconds = time.perf_counter() - wall
    stats.cpu_seconds += time.process_time() - cpu
    return out


# The senter is several times faster than the parse: a second worker pays off only on more text.
MIN_PARAGRAPHS_PER_WORKER = 400


def split_in_workers(paragraphs: Sequence[str], n_workers: int, batch_size: int = 256) -> list[list[tuple[int, int]]]:
    """Each paragraph's sentence spans (see SentenceSplitter), split in worker processes."""
    paragraphs = list(paragraphs)
    if not paragraphs:
        return []
    n_workers = max(1, min(n_workers, len(paragraphs) // MIN_PARAGRAPHS_PER_WORKER))
    parts = chunked(paragraphs, max(MIN_CHUNK, -(-len(paragraphs) // (n_workers * CHUNKS_PER_WORKER))))
    out: list[list[tuple[int, int]]] = []
    with ParsePool(n_workers, batch_size) as pool:
        for spans in pool.map("split", parts, lambda i: f"splitting chunk {i + 1} of {len(parts)} of paragraphs"):
            out.extend(spans)
    return out
