"""Data-quality checks over batch frames: plain functions, wired as Dagster asset checks."""

from __future__ import annotations

import polars as pl

from newsfacts.text.cleaning import clean_span


def sentence_offset_mismatches(raw_articles: pl.DataFrame, sentences: pl.DataFrame) -> pl.DataFrame:
    """Sentence rows whose offsets do not give back their text from the raw file."""
    texts = dict(raw_articles.filter(pl.col("status") == "ingested").select("article_id", "text").iter_rows())
    bad = []
    for row in sentences.iter_rows(named=True):
        raw = texts.get(row["article_id"])
        if raw is None or not (0 <= row["char_start"] < row["char_end"] <= len(raw)) \
                or clean_span(raw, row["char_start"], row["char_end"]).text != row["text"]:
            bad.append(row)
    return pl.DataFrame(bad, schema=sentences.schema) if bad else sentences.clear()
