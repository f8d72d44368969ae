"""The entity layer's coding, where the batch runs or in worker processes (see batch_coding.py)."""

from __future__ import annotations

import datetime as dt

import polars as pl

from newsfacts.contract.schema import ARTICLE_ENTITIES, ENTITY_MENTIONS
from newsfacts.entities.gazetteer import gazetteer
from newsfacts.entities.geocode import geocoder
from newsfacts.entities.layer import entity_frames
from newsfacts.events.batch_coding import DictionaryChoice, Progress, code_batch, coding_for, joined, load_once


def load_entity_coders(choice: DictionaryChoice) -> None:
    """What entity coding reads, loaded once per process."""
    load_once(gazetteer, geocoder, lambda: coding_for(choice))


def _entities_job(
    frames: dict[str, pl.DataFrame], choice: DictionaryChoice, as_of: dt.date | None, failures: dict[str, str]
) -> tuple[pl.DataFrame, pl.DataFrame]:
    load_entity_coders(choice)
    return entity_frames(
        **frames,
        gaz=gazetteer(),
        geo=geocoder(),
        failures=failures,
        actors=coding_for(choice).actors,
        as_of=as_of,
    )


def batch_entity_frames(
    raw_articles: pl.DataFrame,
    sentences: pl.DataFrame,
    tokens: pl.DataFrame,
    ner_spans: pl.DataFrame,
    choice: DictionaryChoice,
    as_of: dt.date | None,
    n_workers: int,
    failures: dict[str, str],
    progress: Progress | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """entity_frames over the batch: coded here, or in up to n_workers worker processes if it is big."""
    frames = {"raw_articles": raw_articles, "sentences": sentences, "tokens": tokens, "ner_spans": ner_spans}
    mentions, entities = code_batch(
        _entities_job, "coding the entities of", frames, choice, as_of, n_workers, failures, progress
    )
    return joined(ENTITY_MENTIONS, mentions), joined(ARTICLE_ENTITIES, entities)
