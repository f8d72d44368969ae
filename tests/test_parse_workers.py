"""The parse worker processes: started clean, stopped within a bound, and a dead worker is one clear line."""

import os
import re
import signal
import threading
from pathlib import Path

import pytest
from dagster._core.errors import DagsterExecutionInterruptedError
from dagster._utils.interrupts import raise_interrupts_as

from newsfacts.nlp.model import parse_pipeline
from newsfacts.nlp.parse import SentenceRef, parse_sentences
from newsfacts.nlp.workers import ParsePool, ParseWorkerError, parse_in_workers
from newsfacts.text.cleaning import clean_span

SENTENCES = [
    "Iraq's parliament voted on Sunday to expel US troops.",
    "Iran condemned the strike and promised to respond.",
    "The United Nations called for restraint on both sides.",
]


def caught_signals(pid: int) -> set[int]:
    """Signals the process has a handler for, from /proc/<pid>/status."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("SigCgt:"):
            mask = int(line.split()[1], 16)
            return {s for s in range(1, 65) if mask & (1 << (s - 1))}
    return set()


@pytest.mark.slow  # 50 pool cycles, most of a minute
def test_the_pool_starts_and_stops_50_times_without_a_hang():
    """From a process with Dagster's interrupt handlers installed, as in a batch run; every other time the
    pool is stopped while its workers are still parsing."""
    chunks = [SENTENCES, SENTENCES, SENTENCES * 20, SENTENCES * 20]
    finished = threading.Event()
    seen: list[int] = []
    errors: list[BaseException] = []

    def cycles():
        try:
            cycle_50_times()
        except BaseException as e:  # reported by the test, not by the thread
            errors.append(e)

    def cycle_50_times():
        for i in range(50):
            with ParsePool(2) as pool:
                pids = [w.process.pid for w in pool.workers]
                results = pool.map("parse", chunks)
                first = next(results)
                assert first.n_tokens.tolist() == [11, 9, 10]
                if i % 2 == 0:
                    list(results)
                seen.append(sum(SIGTERM_CAUGHT(pid) for pid in pids))
            assert all(not Path(f"/proc/{pid}").exists() or _zombie(pid) for pid in pids)
        finished.set()

    with raise_interrupts_as(DagsterExecutionInterruptedError):  # Dagster's SIGINT/SIGTERM handlers
        assert signal.SIGTERM in caught_signals(os.getpid())
        worker = threading.Thread(target=cycles, daemon=True)
        worker.start()
        worker.join(timeout=300)
    if errors:
        raise errors[0]
    assert finished.is_set(), "the pool hung"
    assert seen == [0] * 50  # no worker had a handler for SIGTERM: none inherited Dagster's


def SIGTERM_CAUGHT(pid: int) -> int:
    return int(signal.SIGTERM in caught_signals(pid))


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return True


@pytest.mark.slow  # waits for a worker to be mid-parse
def test_a_worker_killed_mid_parse_fails_with_one_line():
    chunks = [SENTENCES * 200] * 6
    with pytest.raises(ParseWorkerError) as caught:
        with ParsePool(2) as pool:
            victim = pool.workers[1].process.pid
            results = pool.map("parse", chunks, describe=lambda i: f"parsing chunk {i + 1} of {len(chunks)}")
            next(results)
            os.kill(victim, signal.SIGKILL)
            list(results)
    message = str(caught.value)
    assert f"parse worker (pid {victim}) died while parsing chunk " in message
    assert message.endswith(": killed by SIGKILL (out of memory, or killed by hand)")
    assert "\n" not in message


def test_a_failure_inside_a_worker_comes_back_as_one_line():
    with pytest.raises(ParseWorkerError) as caught:
        with ParsePool(1) as pool:
            list(pool.map("parse", [[b"bytes"]]))  # not a str: spaCy raises in the worker
    assert str(caught.value).startswith("working on chunk 0 failed: ")
    assert "\n" not in str(caught.value)


def test_workers_give_the_same_frames_as_one_process(seed_text):
    from polars.testing import assert_frame_equal

    lines = [m for m in re.finditer(r"[^\n]+", seed_text) if m.group().strip()]
    refs = [SentenceRef("a", i, clean_span(seed_text, m.start(), m.end())) for i, m in enumerate(lines)]
    here = parse_sentences(refs, parse_pipeline())
    there = parse_in_workers(refs, 2)
    assert here[0].height > 300 and here[1].height > 20
    assert_frame_equal(here[0], there[0])
    assert_frame_equal(here[1], there[1])
    # offsets point into the raw text
    row = here[1].row(0, named=True)
    assert seed_text[row["char_start"] : row["char_end"]] == row["text"]


def test_paragraphs_split_in_workers_as_in_one_process(seed_text, senter):
    from newsfacts.nlp.workers import split_in_workers
    from newsfacts.text.segmentation import SentenceSplitter

    paragraphs = [p for p in seed_text.split("\n\n") if p.strip()] * 150  # enough for two workers
    here = list(SentenceSplitter(senter).split(paragraphs))
    assert split_in_workers(paragraphs, 2) == here
    assert sum(len(spans) for spans in here) > len(paragraphs)
