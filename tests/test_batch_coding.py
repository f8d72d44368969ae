"""Entity and event coding of a batch in worker processes, or for a small batch in the worker standing
by: the same rows as in one process, every wait bounded, a dead worker one line."""

import datetime as dt
import os
import signal
import threading
import time
from functools import partial
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from newsfacts.events import batch_coding
from newsfacts.events.batch_coding import (
    CodingPool,
    CodingWorkerError,
    DictionaryChoice,
    article_pieces,
    codes_in_workers,
    coding_for,
    load_once,
    start_standby,
    stop_standby,
)
from newsfacts.events.batch_entities import batch_entity_frames, load_entity_coders
from newsfacts.events.batch_events import batch_event_frames, load_event_coders
from newsfacts.forkserver import start_forkserver

from conftest import SEED
from layers import process

# Articles of different lengths and kinds: the seed (long: events, quotes, places) cut in parts, and
# short ones of a sentence or two.
SHORT = {
    "b.txt": "Iran condemned the strike on Sunday and promised to respond.",
    "c.txt": 'The United Nations called for restraint. "We urge calm," the Secretary-General said.',
    "d.txt": "Protesters in Baghdad attacked the US embassy. Police arrested 20 people.",
    "e.txt": "",  # empty: rejected, no rows
}


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    paragraphs = [p for p in SEED.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    third = len(paragraphs) // 3
    files = {
        "a1.txt": "\n\n".join(paragraphs[:third]),
        "a2.txt": "\n\n".join(paragraphs[third : 2 * third]),
        "a3.txt": "\n\n".join(paragraphs[2 * third :]),
        **SHORT,
    }
    return process(tmp_path_factory.mktemp("batch"), files, published=dt.date(2020, 1, 5))


def test_pieces_are_runs_of_consecutive_articles_of_about_equal_size(batch):
    ids = batch.raw.filter(pl.col("status") == "ingested")["article_id"].to_list()
    assert article_pieces(batch.raw, batch.tokens, 1) == [ids]
    assert article_pieces(batch.raw, batch.tokens, 2) == [ids]  # too small to share
    with pytest.MonkeyPatch.context() as m:
        m.setattr(batch_coding, "MIN_TOKENS_FOR_WORKERS", 1)
        pieces = article_pieces(batch.raw, batch.tokens, 2)
    assert [a for piece in pieces for a in piece] == ids
    assert 2 <= len(pieces) <= 2 * batch_coding.PIECES_PER_WORKER
    assert codes_in_workers(30_000, 2) and not codes_in_workers(29_999, 2) and not codes_in_workers(10**6, 1)


def test_coded_in_workers_as_in_one_process(batch, monkeypatch):
    start_forkserver()
    monkeypatch.setattr(batch_coding, "_standby", None)
    monkeypatch.setattr(batch_coding, "MIN_TOKENS_FOR_WORKERS", 1)  # this small batch in workers
    choice = DictionaryChoice(("default",))
    seen: list[tuple[int, int]] = []
    failures: dict[str, str] = {}
    mentions, entities = batch_entity_frames(
        batch.raw, batch.sentences, batch.tokens, batch.ner_spans, choice, None, 2, failures, lambda *p: seen.append(p)
    )
    assert_frame_equal(mentions, batch.mentions)
    assert_frame_equal(entities, batch.entities)
    events, quotes = batch_event_frames(
        batch.raw, batch.sentences, batch.tokens, mentions, entities, choice, None, 2, failures
    )
    assert_frame_equal(events, batch.events)
    assert_frame_equal(quotes, batch.quotes)
    assert failures == {}
    assert mentions.height > 50 and events.height > 10 and quotes.height > 0
    n_ingested = batch.raw.filter(pl.col("status") == "ingested").height
    assert len(seen) >= 2 and seen[-1] == (n_ingested, n_ingested)


def test_a_small_batch_without_a_standing_worker_is_coded_in_this_process(batch, monkeypatch):
    def no_pool(*_):
        raise AssertionError("a small batch started workers")

    monkeypatch.setattr(batch_coding, "_standby", None)
    monkeypatch.setattr(CodingPool, "__enter__", no_pool)
    mentions, _ = batch_entity_frames(
        batch.raw, batch.sentences, batch.tokens, batch.ner_spans, DictionaryChoice(("default",)), None, 2, {}
    )
    assert_frame_equal(mentions, batch.mentions)


def test_a_small_batch_is_coded_by_the_worker_standing_by(batch, monkeypatch):
    start_forkserver()
    monkeypatch.setattr(batch_coding, "_standby", None)
    choice = DictionaryChoice(("default",))
    warmup = partial(load_once, partial(load_entity_coders, choice), partial(load_event_coders, choice))
    start_standby(batch.raw, 1, warmup)
    assert batch_coding._standby is None  # one core: nothing to stand by on
    try:
        start_standby(batch.raw, 2, warmup)
        standby = batch_coding._standby
        assert standby is not None and standby.alive()
        pid = standby.workers[0].process.pid
        assert process_name(pid) == "coding-worker"  # what ps and top show
        runs = []
        monkeypatch.setattr(CodingPool, "run", counted(CodingPool.run, runs))
        mentions, entities = batch_entity_frames(
            batch.raw, batch.sentences, batch.tokens, batch.ner_spans, choice, None, 2, {}
        )
        events, quotes = batch_event_frames(
            batch.raw, batch.sentences, batch.tokens, mentions, entities, choice, None, 2, {}
        )
        assert len(runs) == 2 and batch_coding._standby is standby and standby.alive()
        assert_frame_equal(mentions, batch.mentions)
        assert_frame_equal(events, batch.events)
        assert_frame_equal(quotes, batch.quotes)
        start_standby(batch.raw, 2, warmup)
        assert batch_coding._standby is standby  # the next batch finds it standing by

        # Killed while idle: the next batch is coded here, the one after gets a new worker.
        os.kill(pid, signal.SIGKILL)
        standby.workers[0].process.join(10)
        mentions, _ = batch_entity_frames(
            batch.raw, batch.sentences, batch.tokens, batch.ner_spans, choice, None, 2, {}
        )
        assert_frame_equal(mentions, batch.mentions)
        assert len(runs) == 2
        start_standby(batch.raw, 2, warmup)
        assert batch_coding._standby is not None and batch_coding._standby.workers[0].process.pid != pid
    finally:
        stop_standby()


def process_name(pid: int, wait: float = 10.0) -> str:
    """The name the process gives itself once it is serving (it starts as `python`)."""
    deadline = time.monotonic() + wait
    while True:
        name = Path(f"/proc/{pid}/comm").read_text().strip()
        if name != "python" or time.monotonic() > deadline:
            return name
        time.sleep(0.05)


def counted(method, calls: list):
    def wrapper(self, *args, **kwargs):
        calls.append(args[0])
        return method(self, *args, **kwargs)

    return wrapper


def test_a_coding_worker_killed_fails_with_one_line():
    with pytest.raises(CodingWorkerError) as caught:
        with CodingPool(1) as pool:
            victim = pool.workers[0].process.pid
            threading.Timer(2.0, os.kill, (victim, signal.SIGKILL)).start()  # once it codes, on a busy machine too
            list(pool.run(time.sleep, [(60,)], lambda i: "coding the entities of articles 1-9 of 9", lambda i: 120))
    assert str(caught.value) == (
        f"coding worker (pid {victim}) died while coding the entities of articles 1-9 of 9: "
        "killed by SIGKILL (out of memory, or killed by hand)"
    )


def test_a_stuck_coding_worker_is_stopped_within_its_bound():
    started = time.monotonic()
    with pytest.raises(CodingWorkerError) as caught:
        with CodingPool(1) as pool:
            worker = pool.workers[0].process
            list(pool.run(time.sleep, [(60,)], lambda i: "coding the events of articles 1-2 of 2", lambda i: 1.0))
    assert (
        str(caught.value)
        == "a coding worker was still coding the events of articles 1-2 of 2 after 1 s; it was stopped"
    )
    assert time.monotonic() - started < 15
    assert worker.exitcode is not None  # killed on the way out, not left behind


def test_dictionary_files_changed_since_the_batch_recorded_its_set_fail_the_coding():
    from newsfacts.dictionaries.sets import DictionaryError, describe

    recorded = describe(("default",)).digest
    assert coding_for(DictionaryChoice(("default",), None, recorded)) is coding_for(DictionaryChoice(("default",)))
    with pytest.raises(DictionaryError, match=r"the dictionary files changed during the run \(0{12} -> "):
        coding_for(DictionaryChoice(("default",), None, "0" * 64))


def test_one_long_article_beside_a_few_short_ones_gets_one_coding_worker_not_two():
    assert batch_coding.workers_for([900_000, 400], 2) == 1  # the second would hold the coders' data for 400
    assert batch_coding.workers_for([20_000, 20_000, 20_000], 2) == 2
    assert batch_coding.workers_for([40_000, 40_000], 4) == 2


def test_a_big_piece_frame_goes_to_its_worker_as_an_arrow_file_it_reads_and_removes(tmp_path):
    frame = pl.DataFrame({"article_id": ["a"] * 3 + ["b"] * 2, "n": [1, 2, 3, 4, 5]})
    spilled = batch_coding.SpilledFrame.of(frame, str(tmp_path / "0-tokens.arrow"))
    assert Path(spilled.path).exists()
    assert_frame_equal(spilled.read(), frame)
    assert not Path(spilled.path).exists()
    # A piece of one article is the rows of that article as they lie in the batch's frame.
    assert_frame_equal(batch_coding._piece_rows(frame, ["b"]), frame.slice(3, 2))
    assert_frame_equal(batch_coding._piece_rows(frame, ["a", "b"]), frame)
