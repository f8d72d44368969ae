"""Publishing an ingest batch: which of its rows are still current, and writing them."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

import polars as pl

from newsfacts.contract.schema import ARTICLE_TEXTS, ARTICLES, INGEST_BATCHES, REJECTED_ARTICLES, TableSchema
from newsfacts.ingest.container_records import record_hashes
from newsfacts.ingest.files import hash_article
from newsfacts.ingest.planning import as_of_text
from newsfacts.ingest.raw_articles import article_rows, article_text_rows, ingested, rejected_rows
from newsfacts.ingest.records import ColumnNames
from newsfacts.warehouse.dictionary_record import dictionary_frames, read_dictionary_record
from newsfacts.warehouse.failure_files import read_failures
from newsfacts.warehouse.layout import WarehouseLayout
from newsfacts.warehouse.near_copies import mark_near_copies, text_signatures
from newsfacts.warehouse.store import AfterCommit, publish_batch


@dataclass(frozen=True)
class PublishSummary:
    ingested: int
    rejected: int
    deleted: int
    skipped_stale: int
    near_copies: int = 0
    # Of the rejected, those planned as new and as changed (a run's summary counts them apart).
    rejected_new: int = 0
    rejected_changed: int = 0

    def as_counts(self) -> dict[str, int]:
        return dict(self.__dict__)


class CurrentRecords:
    """Whether records are still what their rows were built from: a container whose size and time
    moved is read once (per publish) for its records' hashes."""

    def __init__(self, seeds_dir: Path, columns: ColumnNames):
        self.seeds_dir, self.columns = seeds_dir, columns
        self._hashes: dict[str, dict[str, str]] = {}

    def is_current(self, row: dict) -> bool:
        full = self.seeds_dir / row["container"]
        try:
            st = os.stat(full)
        except OSError:
            return row["status"] == "deleted"
        if row["status"] != "deleted" and (st.st_size, st.st_mtime_ns) == (row["file_size"], row["file_mtime_ns"]):
            return True
        if row["container"] not in self._hashes:
            self._hashes[row["container"]] = record_hashes(self.seeds_dir, row["container"], self.columns) or {}
        sha = self._hashes[row["container"]].get(row["record_key"])
        return sha is None if row["status"] == "deleted" else sha == row["content_sha256"]


def is_current(seeds_dir: Path, row: dict, records: CurrentRecords | None = None) -> bool:
    """The file on disk is still what this row was built from (or still gone, for a deletion)."""
    if row.get("record_key") is not None:
        return (records or CurrentRecords(seeds_dir, ColumnNames())).is_current(row)
    full = seeds_dir / row["path"]
    try:
        st = os.stat(full)
    except FileNotFoundError:
        if not os.path.lexists(full):
            return row["status"] == "deleted"
        return row["content_sha256"] is None  # a broken link, still there
    except OSError:
        return row["content_sha256"] is None
    if row["status"] == "deleted":
        return False
    if (st.st_size, st.st_mtime_ns) == (row["file_size"], row["file_mtime_ns"]):
        return True
    return hash_article(seeds_dir, row["path"]) == row["content_sha256"]


def mark_failed(raw: pl.DataFrame, failed: dict[str, str]) -> pl.DataFrame:
    """Ingested articles some layer failed on become rejections with the layer's error."""
    hit = pl.col("article_id").is_in(list(failed)) & (pl.col("status") == "ingested")
    return raw.with_columns(
        pl.when(hit).then(pl.lit("rejected")).otherwise(pl.col("status")).alias("status"),
        pl.when(hit).then(pl.lit("internal_error")).otherwise(pl.col("reason_code")).alias("reason_code"),
        pl.when(hit)
        .then(pl.col("article_id").replace_strict(failed, default=None))
        .otherwise(pl.col("reason"))
        .alias("reason"),
    )


def publish_ingest_batch(
    layout: WarehouseLayout,
    seeds_dir: Path,
    batch: str,
    raw_articles: pl.DataFrame,
    article_tables: Mapping[TableSchema, pl.DataFrame],
    columns: ColumnNames | None = None,
    then: AfterCommit | None = None,
    as_of: dt.date | None = None,
    parse_version: str | None = None,
) -> PublishSummary:
    """Replace the warehouse rows of the batch's articles with the batch's rows.

    Articles whose file changed again since the batch read it are left alone:
    a later batch carries their current version. `then`: see store.write_transaction. `as_of`: the date
    the batch coded undated articles as of, recorded as the warehouse's (newsfacts_meta `as_of`)."""
    records = CurrentRecords(seeds_dir, columns or ColumnNames())
    current = [r["article_id"] for r in raw_articles.iter_rows(named=True) if is_current(seeds_dir, r, records)]
    failed = read_failures(layout, batch)
    keep = pl.col("article_id").is_in(current)
    raw = mark_failed(raw_articles.filter(keep), failed)
    keep = keep & ~pl.col("article_id").is_in(list(failed))
    frames = {t.name: f.filter(keep) for t, f in article_tables.items()}
    sentences = frames.get("sentences")
    assert sentences is not None, "an ingest batch publishes its sentences"
    frames["articles"] = article_rows(raw, sentences, batch)
    frames["rejected_articles"] = rejected_rows(raw, batch)
    signatures = text_signatures(ingested(raw))
    frames["article_texts"] = article_text_rows(raw, signatures)
    status = raw["status"].value_counts()
    counts = dict(zip(status["status"].to_list(), status["count"].to_list(), strict=True))
    rejected_changes = raw.filter(pl.col("status") == "rejected")["change"].to_list()
    summary = PublishSummary(
        counts.get("ingested", 0),
        counts.get("rejected", 0),
        counts.get("deleted", 0),
        raw_articles.height - raw.height,
        rejected_new=rejected_changes.count("new"),
        rejected_changed=rejected_changes.count("changed"),
    )
    tables = [ARTICLES, REJECTED_ARTICLES, ARTICLE_TEXTS, *article_tables.keys(), INGEST_BATCHES]
    record = read_dictionary_record(layout, batch)
    dictionary = (record["digest"], *dictionary_frames(record)) if record else None
    near: dict[str, tuple[str, float]] = {}
    publish_batch(
        layout,
        batch,
        tables,
        frames,
        current,
        summary.as_counts(),
        str(seeds_dir),
        dictionary,
        lambda con, frames: near.update(mark_near_copies(con, frames)),
        then,
        {"as_of": as_of_text(as_of)},
        parse_version,
    )
    return replace(summary, near_copies=len(near))
