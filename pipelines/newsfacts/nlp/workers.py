"""spaCy worker processes, forked from a forkserver that has the models loaded.

Two jobs run in them: splitting paragraphs into sentences (the `senter`
pipeline and the merge rules) and the one parse. Both send strings in and
plain values or arrays back.

Why a forkserver: workers forked from the process running a batch inherited
Dagster's signal handlers and whatever locks its threads held at the fork, and
`Pool.terminate` could hang on them. The forkserver is a fresh interpreter that
imports `newsfacts.nlp.preload` (spaCy and the models) once per process that
runs a batch; each worker forked from it starts in ~30 ms with the model in memory
(shared copy-on-write) and with default signal handlers. Measured on the
project's 2-core machine: the forkserver's model load is ~2 s, paid once and in
the background when `newsfacts run` starts it early; spawning workers instead
pays that load in every worker of every batch, and spaCy's own `n_process`
forks (the same inheritance) and pickles every Doc back.

Why not multiprocessing.Pool: a worker killed mid-task leaves `Pool.imap`
waiting forever. Here the parent waits on each busy worker's pipe and process
sentinel at once, with a deadline, so a dead or stuck worker fails the batch
with one line, and stopping the workers is bounded too.
"""

from __future__ import annotations

import multiprocessing
import signal
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait

from newsfacts.nlp.forkserver import start_forkserver
from newsfacts.nlp.parse import (
    PROGRESS_EVERY,
    ParsedChunk,
    Progress,
    SentenceRef,
    chunk_frames,
    chunked,
    concat_frames,
    parse_texts,
)
from newsfacts.text.segmentation import SentenceSplitter

# Chunks are handed to whichever worker is free: enough of them that both finish close together,
# not so small that each costs more to send than to parse, and no more than one progress line each.
CHUNKS_PER_WORKER = 8
MIN_CHUNK = 64
# A chunk gets this long to come back: far beyond what the model needs (~30,000 characters a second
# a core), so only a worker that is stuck, or starved by a machine many times overloaded, runs out.
CHUNK_SECONDS_BASE = 120.0
CHUNK_SECONDS_PER_CHAR = 1 / 1000
STOP_SECONDS = 5.0
WORKER_IDLE_SECONDS = 3600.0  # a worker whose parent neither sends nor closes exits after this


class ParseWorkerError(RuntimeError):
    """A parse worker died, got stuck or failed: the batch fails with this one line."""


def _parse_job(texts: list[str], batch_size: int) -> ParsedChunk:
    from newsfacts.nlp.model import parse_pipeline

    return parse_texts(parse_pipeline(), texts, batch_size)


def _split_job(paragraphs: list[str], batch_size: int) -> list[list[tuple[int, int]]]:
    from newsfacts.nlp.model import sentence_pipeline

    return list(SentenceSplitter(sentence_pipeline(), batch_size).split(paragraphs))


# What a worker can be asked to do, by name: each takes a list of strings and the nlp.pipe batch size.
JOBS: dict[str, Callable[[list[str], int], object]] = {"parse": _parse_job, "split": _split_job}


def serve(conn: Connection, batch_size: int) -> None:
    """A worker: run each job the parent sends on its list of strings, until it sends None or goes away."""
    # Ctrl-C reaches the whole process group; the parent decides what stops, and stops the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while True:
        try:
            if not conn.poll(WORKER_IDLE_SECONDS):
                return
            task = conn.recv()
        except (EOFError, OSError):
            return  # the parent is gone
        if task is None:
            return
        index, job, texts = task
        reply: tuple[int, object, str | None]  # (index, result, error)
        try:
            reply = (index, JOBS[job](texts, batch_size), None)
        except Exception as e:  # sent back as one line; the parent fails the batch with it
            reply = (index, None, f"{type(e).__name__}: {' '.join(str(e).split())[:300]}")
        try:
            conn.send(reply)
        except OSError:
            return


@dataclass(eq=False)
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: Connection
    busy: bool = False  # a task sent, its reply not yet read

    def death(self, what: str) -> ParseWorkerError:
        self.process.join(STOP_SECONDS)
        code = self.process.exitcode
        how = (
            f"killed by {signal.Signals(-code).name}"
            if code is not None and code < 0
            else f"exit code {code}"
            if code is not None
            else "its pipe closed"
        )
        if code == -signal.SIGKILL:
            how += " (out of memory, or killed by hand)"
        return ParseWorkerError(f"parse worker (pid {self.process.pid}) died while {what}: {how}")


def chunk_timeout(texts: Sequence[str]) -> float:
    return CHUNK_SECONDS_BASE + CHUNK_SECONDS_PER_CHAR * sum(len(t) for t in texts)


class ParsePool:
    """n worker processes holding the parse pipeline; `map` parses lists of texts on whichever is free."""

    def __init__(self, n_workers: int, batch_size: int = 256):
        self.n_workers = max(1, n_workers)
        self.batch_size = batch_size
        self.workers: list[_Worker] = []

    def __enter__(self) -> ParsePool:
        start_forkserver()
        ctx = multiprocessing.get_context("forkserver")
        try:
            for _ in range(self.n_workers):
                parent_end, child_end = ctx.Pipe()
                process = ctx.Process(
                    target=serve, args=(child_end, self.batch_size), daemon=True, name="newsfacts-parse"
                )
                process.start()
                child_end.close()
                self.workers.append(_Worker(process, parent_end))
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def map(self, job: str, tasks: Sequence[Sequence[str]], describe=lambda i: f"working on chunk {i}") -> Iterator:
        """What the job gives for each list of texts, in order; raises ParseWorkerError if a worker fails."""
        todo = deque(enumerate(tasks))
        busy: dict[_Worker, tuple[int, float]] = {}
        done: dict[int, object] = {}
        next_out = 0
        while next_out < len(tasks):
            for worker in self.workers:
                if worker not in busy and todo:
                    index, texts = todo.popleft()
                    worker.busy = True
                    try:
                        worker.conn.send((index, job, list(texts)))
                    except OSError:
                        raise worker.death(describe(index)) from None
                    busy[worker] = (index, time.monotonic() + chunk_timeout(texts))
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
            if next_out >= len(tasks):
                break
            deadline = min(d for _, d in busy.values())
            ready = wait(
                [w.conn for w in busy] + [w.process.sentinel for w in busy],
                timeout=max(0.0, deadline - time.monotonic()),
            )
            if not ready:
                index = min(busy.values(), key=lambda v: v[1])[0]
                raise ParseWorkerError(
                    f"a parse worker was still {describe(index)} after "
                    f"{chunk_timeout(tasks[index]):.0f} s; it was stopped"
                )
            for worker in list(busy):
                if worker.conn in ready or worker.process.sentinel in ready:
                    index = busy.pop(worker)[0]
                    try:
                        _, chunk, error = worker.conn.recv()
                    except (EOFError, OSError):
                        raise worker.death(describe(index)) from None
                    worker.busy = False
                    if error:
                        raise ParseWorkerError(f"{describe(index)} failed: {error}")
                    done[index] = chunk

    def close(self) -> None:
        """Stop every worker: an idle one is asked to, a busy one (the parse was abandoned) is killed; any
        still there after STOP_SECONDS is killed. Never waits unbounded."""
        for w in self.workers:
            if w.busy:
                w.process.kill()
                continue
            try:
                w.conn.send(None)
            except OSError:
                pass
        deadline = time.monotonic() + STOP_SECONDS
        for w in self.workers:
            w.process.join(max(0.0, deadline - time.monotonic()))
        for w in self.workers:
            if w.process.exitcode is None:
                w.process.kill()
                w.process.join(STOP_SECONDS)
            w.conn.close()
        self.workers = []


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
