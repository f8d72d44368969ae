"""The parse an earlier batch stored, for articles re-coded without being parsed again.

An article whose bytes are unchanged and whose rows up to the parse were built by the code that runs
now is planned with `parse_from`: the batch whose sentences, tokens and NER spans it takes. Those rows
are what parsing it again would give (same text, same parse version), so only the layers after the
parse run on it. A batch whose files are gone leaves its articles to be parsed again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import polars as pl

from newsfacts.ingest.planning import PlanEntry
from newsfacts.warehouse.batch_files import BatchFiles, parquet_key


def parse_sources(entries: Iterable[PlanEntry]) -> dict[str, list[str]]:
    """batch -> the article ids that take their parse from it."""
    sources: dict[str, list[str]] = {}
    for e in entries:
        if e.parse_from:
            sources.setdefault(e.parse_from, []).append(e.article_id)
    return sources


def stored_rows(files: BatchFiles, asset: str, sources: Mapping[str, Iterable[str]]) -> pl.DataFrame | None:
    """The rows of `asset` the source batches stored for their articles; None when none is stored."""
    frames = []
    for batch, article_ids in sorted(sources.items()):
        key = parquet_key(asset, batch)
        if files.exists(key):
            frames.append(files.read_frame(key).filter(pl.col("article_id").is_in(list(article_ids))))
    return pl.concat(frames) if frames else None


def with_stored(fresh: pl.DataFrame, stored: pl.DataFrame | None) -> pl.DataFrame:
    """The rows made now and those taken from stored batches, as one frame of the same columns."""
    if stored is None or not stored.height:
        return fresh
    return pl.concat([fresh, stored.select(fresh.columns).cast(fresh.schema)])
