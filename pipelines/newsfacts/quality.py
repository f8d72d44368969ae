"""Data-quality checks over batch frames: plain functions, wired as Dagster asset checks."""

from __future__ import annotations

import polars as pl

from newsfacts.ingest.raw_articles import ingested_texts
from newsfacts.text.cleaning import clean_span


def sentence_offset_mismatches(raw_articles: pl.DataFrame, sentences: pl.DataFrame) -> pl.DataFrame:
    """Sentence rows whose offsets do not give back their text from the raw file."""
    texts = ingested_texts(raw_articles)
    bad = []
    for row in sentences.iter_rows(named=True):
        raw = texts.get(row["article_id"])
        if (
            raw is None
            or not (0 <= row["char_start"] < row["char_end"] <= len(raw))
            or clean_span(raw, row["char_start"], row["char_end"]).text != row["text"]
        ):
            bad.append(row)
    return pl.DataFrame(bad, schema=sentences.schema) if bad else sentences.clear()


def mention_offset_mismatches(raw_articles: pl.DataFrame, mentions: pl.DataFrame) -> pl.DataFrame:
    """Mentions whose text is not exactly the raw file's characters at their offsets."""
    texts = ingested_texts(raw_articles)
    bad = [
        row
        for row in mentions.iter_rows(named=True)
        if texts.get(row["article_id"], "")[row["char_start"] : row["char_end"]] != row["text"]
        or row["char_start"] >= row["char_end"]
    ]
    return pl.DataFrame(bad, schema=mentions.schema) if bad else mentions.clear()


def entities_without_mentions(mentions: pl.DataFrame, article_entities: pl.DataFrame) -> pl.DataFrame:
    """Entity rows of an article that no mention of that article points to."""
    return article_entities.join(
        mentions.select("article_id", "entity_id").unique(), on=["article_id", "entity_id"], how="anti"
    )


def events_with_unknown_entities(events: pl.DataFrame, article_entities: pl.DataFrame) -> pl.DataFrame:
    """Events whose source, target or location entity is not an entity of their article."""
    known = article_entities.select("article_id", "entity_id")
    bad = []
    for col in ("source_entity_id", "target_entity_id", "location_entity_id"):
        refs = events.filter(pl.col(col).is_not_null())
        bad.append(refs.join(known, left_on=["article_id", col], right_on=["article_id", "entity_id"], how="anti"))
    return pl.concat(bad).unique(subset=["event_id"], maintain_order=True)


def events_with_unknown_codes(events: pl.DataFrame, codebook) -> pl.DataFrame:
    return events.filter(~pl.col("cameo_code").is_in(list(codebook.codes)))


def out_of_range_goldstein(events: pl.DataFrame) -> pl.DataFrame:
    return events.filter(~pl.col("goldstein").is_between(-10, 10))


def implausible_event_dates(events: pl.DataFrame, published: pl.DataFrame) -> pl.DataFrame:
    """Events dated more than a year after, or ten years before, their article's publication."""
    joined = events.join(published, on="article_id", how="left")
    bad = joined.filter(
        pl.col("event_date").is_not_null()
        & pl.col("published_date").is_not_null()
        & (
            (pl.col("event_date") > pl.col("published_date") + pl.duration(days=366))
            | (pl.col("event_date") < pl.col("published_date") - pl.duration(days=3653))
        )
    )
    return bad.select(events.columns)
