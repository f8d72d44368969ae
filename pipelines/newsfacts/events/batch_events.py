"""The event layer's coding, where the batch runs or in worker processes (see batch_coding.py)."""

from __future__ import annotations

import datetime as dt

import polars as pl

from newsfacts.contract.schema import EVENTS, QUOTES
from newsfacts.events.batch_coding import DictionaryChoice, Progress, code_batch, coding_for, joined, load_once
from newsfacts.events.codebook import codebook
from newsfacts.events.layer import event_frames
from newsfacts.events.patterns import pattern_book


def load_event_coders(choice: DictionaryChoice) -> None:
    """What event coding reads, loaded once per process."""
    load_once(pattern_book, lambda: codebook(choice.options.plover_readings), lambda: coding_for(choice))


def _events_job(
    frames: dict[str, pl.DataFrame], choice: DictionaryChoice, as_of: dt.date | None, failures: dict[str, str]
) -> tuple[pl.DataFrame, pl.DataFrame]:
    load_event_coders(choice)
    return event_frames(
        **frames,
        book=pattern_book(),
        codebook=codebook(choice.options.plover_readings),
        failures=failures,
        dictionaries=coding_for(choice),
        as_of=as_of,
        petrarch_compat=choice.options.petrarch_compat,
    )


def batch_event_frames(
    raw_articles: pl.DataFrame,
    sentences: pl.DataFrame,
    tokens: pl.DataFrame,
    entity_mentions: pl.DataFrame,
    article_entities: pl.DataFrame,
    choice: DictionaryChoice,
    as_of: dt.date | None,
    n_workers: int,
    failures: dict[str, str],
    progress: Progress | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """event_frames over the batch: coded here, or in up to n_workers worker processes if it is big."""
    frames = {
        "raw_articles": raw_articles,
        "sentences": sentences,
        "tokens": tokens,
        "entity_mentions": entity_mentions,
        "article_entities": article_entities,
    }
    events, quotes = code_batch(
        _events_job, "coding the events of", frames, choice, as_of, n_workers, failures, progress
    )
    return joined(EVENTS, events), joined(QUOTES, quotes)
