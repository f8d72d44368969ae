"""Worker processes forked from the forkserver, each wait bounded.

A batch's heavy steps (sentence splitting and the parse, in newsfacts.nlp; entity and event coding, in
newsfacts.events) run their work on a `WorkerPool`: a task is a picklable top-level function and its
arguments, sent to whichever worker is free; results come back in task order.

Why a forkserver: workers forked from the process running a batch inherited Dagster's signal handlers
and whatever locks its threads held at the fork, and `Pool.terminate` could hang on them. The
forkserver is a fresh interpreter that has loaded what the workers need (the spaCy models, see
newsfacts.forkserver); each worker forked from it starts in ~30 ms with that in memory (shared
copy-on-write) and with default signal handlers.

Why not multiprocessing.Pool: a worker killed mid-task leaves `Pool.imap` waiting forever. Here the
parent waits on each busy worker's pipe and process sentinel at once, with a deadline, so a dead or
stuck worker fails the batch with one line, and stopping the workers is bounded too.
"""

from __future__ import annotations

import multiprocessing
import signal
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing import forkserver as mp_forkserver
from multiprocessing.connection import Connection, wait

STOP_SECONDS = 5.0
READY = (-1, None, None)  # a worker's first message: warmed up, reading tasks
WORKER_IDLE_SECONDS = 3600.0  # a worker whose parent neither sends nor closes exits after this


class WorkerError(RuntimeError):
    """A worker died, got stuck or failed: the batch fails with this one line."""


def serve(conn: Connection, role: str = "newsfacts", warmup: Callable[[], object] | None = None) -> None:
    """A worker: `warmup()` first (loading what its tasks read; a failure is left to the tasks to meet
    and report), then each task the parent sends, until it sends None or goes away."""
    # Ctrl-C reaches the whole process group; the parent decides what stops, and stops the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _name_this_process(f"{role}-worker")
    if warmup is not None:
        try:
            warmup()
        except Exception:  # the first task meets it again, and says so
            pass
    try:
        conn.send(READY)  # the parent sends nothing before: a big task would block it on a full pipe
    except OSError:
        return
    while True:
        try:
            if not conn.poll(WORKER_IDLE_SECONDS):
                return
            task = conn.recv()
        except (EOFError, OSError):
            return  # the parent is gone
        if task is None:
            return
        index, job, args = task
        reply: tuple[int, object, str | None]  # (index, result, error)
        try:
            reply = (index, job(*args), None)
        except Exception as e:  # sent back as one line; the parent fails the batch with it
            reply = (index, None, f"{type(e).__name__}: {' '.join(str(e).split())[:300]}")
        try:
            conn.send(reply)
        except OSError:
            return


def _name_this_process(name: str) -> None:
    """The name `ps` and `top` show for this process (Linux's PR_SET_NAME, 15 bytes; elsewhere none)."""
    try:
        import ctypes

        ctypes.CDLL(None).prctl(15, name.encode()[:15], 0, 0, 0)
    except (OSError, AttributeError):
        pass


@dataclass(eq=False)
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: Connection
    role: str
    ready: bool = False  # its READY read
    busy: bool = False  # a task sent, its reply not yet read

    def death(self, what: str, error: type[WorkerError]) -> WorkerError:
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
        return error(f"{self.role} worker (pid {self.process.pid}) died while {what}: {how}")


class WorkerPool:
    """n worker processes; `run` calls a function on each task's arguments, on whichever worker is free.

    `role` names the workers in messages ("parse worker (pid 123) died while ..."), and `error` is the
    exception raised when one fails."""

    role = "newsfacts"
    error: type[WorkerError] = WorkerError
    # Starts the process's forkserver if none runs yet. The spaCy pools start it with its preloads
    # (newsfacts.forkserver) and so does `newsfacts run`; others need nothing preloaded.
    start_server: Callable[[], None] = staticmethod(mp_forkserver.ensure_running)

    def __init__(self, n_workers: int, warmup: Callable[[], object] | None = None):
        self.n_workers = max(1, n_workers)
        self.warmup = warmup  # run by each worker as it starts: a picklable top-level function or partial
        self.workers: list[_Worker] = []

    def __enter__(self):
        self.start_server()
        ctx = multiprocessing.get_context("forkserver")
        try:
            for _ in range(self.n_workers):
                parent_end, child_end = ctx.Pipe()
                process = ctx.Process(
                    target=serve, args=(child_end, self.role, self.warmup), daemon=True, name=f"newsfacts-{self.role}"
                )
                process.start()
                child_end.close()
                self.workers.append(_Worker(process, parent_end, self.role))
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def run(
        self,
        job: Callable,
        tasks: Sequence[tuple],
        describe: Callable[[int], str],
        timeout: Callable[[int], float],
    ) -> Iterator:
        """`job(*task)` for each task, in order. `describe(i)` says what task i is ("parsing sentences
        1-64 of 300"), `timeout(i)` how long it may take; a worker that dies, fails or runs out of time
        raises `self.error` with one line."""
        todo = deque(range(len(tasks)))  # each task's arguments read as it is sent: they may be built then
        busy: dict[_Worker, tuple[int, float]] = {}
        done: dict[int, object] = {}
        next_out = 0
        while next_out < len(tasks):
            for worker in self.workers:
                if worker not in busy and todo:
                    index = todo.popleft()
                    if not worker.ready:
                        self._await_ready(worker, timeout(index), describe(index))
                    worker.busy = True
                    try:
                        worker.conn.send((index, job, tasks[index]))
                    except OSError:
                        raise worker.death(describe(index), self.error) from None
                    busy[worker] = (index, time.monotonic() + timeout(index))
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
                raise self.error(
                    f"a {self.role} worker was still {describe(index)} after {timeout(index):.0f} s; it was stopped"
                )
            for worker in list(busy):
                if worker.conn in ready or worker.process.sentinel in ready:
                    index = busy.pop(worker)[0]
                    try:
                        answered, result, error = worker.conn.recv()
                    except (EOFError, OSError):
                        raise worker.death(describe(index), self.error) from None
                    if answered != index:
                        raise self.error(f"a {self.role} worker answered task {answered} while {describe(index)}")
                    worker.busy = False
                    if error:
                        raise self.error(f"{describe(index)} failed: {error}")
                    done[index] = result

    def _await_ready(self, worker: _Worker, seconds: float, what: str) -> None:
        """Wait (bounded) for a worker's READY: its warm-up done."""
        if not wait([worker.conn, worker.process.sentinel], timeout=seconds):
            raise self.error(f"a {self.role} worker was still getting ready for {what} after {seconds:.0f} s")
        try:
            worker.conn.recv()
        except (EOFError, OSError):
            raise worker.death(f"getting ready for {what}", self.error) from None
        worker.ready = True

    def alive(self) -> bool:
        """Every worker is there and idle (none died since)."""
        return bool(self.workers) and all(w.process.is_alive() and not w.busy for w in self.workers)

    def close(self) -> None:
        """Stop every worker: an idle one is asked to, a busy one (its task was abandoned) is killed; any
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
