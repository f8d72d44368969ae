"""An ingest batch as frames: files read from disk, then the article and rejection rows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl

from newsfacts.contract.schema import ARTICLES, RAW_ARTICLES, REJECTED_ARTICLES
from newsfacts.contract.values import ArticleStatus, Change, ReasonCode
from newsfacts.ingest.files import Refused, hash_fd, open_article, read_fd
from newsfacts.ingest.planning import PlanEntry
from newsfacts.ingest.reading import DecodedArticle, decode_article, sha256_bytes, size_rejection


def _rejected(row: dict, code: str, reason: str) -> dict:
    return {**row, "status": ArticleStatus.REJECTED, "reason_code": code, "reason": reason}


def read_entry(seeds_dir: Path, entry: PlanEntry, max_bytes: int, pipeline_version: str) -> dict:
    """One raw_articles row: the file decoded, or why not, or its deletion. Whatever happens to a
    file that is there, its row says so: a failure while decoding is a rejection with the file's
    size, time and hash, so it is published and not read again until the file changes."""
    row: dict[str, Any] = {c: None for c in RAW_ARTICLES.names}
    row.update(article_id=entry.article_id, path=entry.path, change=entry.change, pipeline_version=pipeline_version)
    if entry.change == Change.DELETED:
        return {**row, "status": ArticleStatus.DELETED}
    try:
        with open_article(seeds_dir, entry.path) as (fd, st):
            row.update(file_size=st.st_size, file_mtime_ns=st.st_mtime_ns)
            too_large = size_rejection(st.st_size, max_bytes)
            if too_large:
                return _rejected({**row, "content_sha256": hash_fd(fd)}, ReasonCode.TOO_LARGE, too_large)
            raw = read_fd(fd, max_bytes + 1)
    except FileNotFoundError:
        # Gone since it was planned: the warehouse follows the folder and drops it.
        return {
            **row,
            "status": ArticleStatus.DELETED,
            "change": Change.DELETED,
            "reason_code": ReasonCode.VANISHED,
            "reason": "file was deleted during the run",
        }
    except Refused as e:
        return _rejected(row, e.code, e.reason)
    except OSError as e:
        return _rejected(row, ReasonCode.UNREADABLE, f"cannot read the file: {e.strerror or e}")
    row["content_sha256"] = sha256_bytes(raw)
    try:
        result = decode_article(raw, max_bytes)
    except Exception as err:  # a file no rule foresaw (or too big for memory) is rejected, not the batch
        return _rejected(row, ReasonCode.INTERNAL_ERROR, f"reading failed: {type(err).__name__}: {err}")
    if not isinstance(result, DecodedArticle):
        return _rejected(row, result.code, result.reason)
    if entry.duplicate_of and entry.content_sha256 == result.content_sha256:
        # Kept, like a syndicated copy in another outlet; marked so counts can leave it out.
        row["duplicate_of"] = entry.duplicate_of
    front = result.front
    span = front.title_span or (None, None)
    return {
        **row,
        "status": ArticleStatus.INGESTED,
        "text": result.text,
        "body_start": front.body_start,
        "title": front.title,
        "title_start": span[0],
        "title_end": span[1],
        "published_date": front.published,
        "source": front.text_field("source"),
        "url": front.text_field("url"),
    }


def read_batch(seeds_dir: Path, entries: list[PlanEntry], max_bytes: int, pipeline_version: str) -> pl.DataFrame:
    rows = []
    for e in entries:
        try:
            rows.append(read_entry(seeds_dir, e, max_bytes, pipeline_version))
        except Exception as err:  # a surprise outside decoding: still a row, never a lost file
            rows.append(
                {
                    **{c: None for c in RAW_ARTICLES.names},
                    "article_id": e.article_id,
                    "path": e.path,
                    "change": e.change,
                    "status": ArticleStatus.REJECTED,
                    "reason_code": ReasonCode.INTERNAL_ERROR,
                    "reason": f"reading failed: {type(err).__name__}: {err}",
                    "pipeline_version": pipeline_version,
                    "content_sha256": e.content_sha256,
                    "file_size": e.file_size,
                    "file_mtime_ns": e.file_mtime_ns,
                }
            )
    return RAW_ARTICLES.conform(pl.DataFrame(rows, schema=RAW_ARTICLES.polars_schema))


def ingested(raw: pl.DataFrame) -> pl.DataFrame:
    return raw.filter(pl.col("status") == ArticleStatus.INGESTED)


def ingested_texts(raw: pl.DataFrame) -> dict[str, str]:
    """article_id -> decoded text of every ingested article."""
    return dict(ingested(raw).select("article_id", "text").iter_rows())


def article_rows(raw: pl.DataFrame, sentences: pl.DataFrame, batch: str) -> pl.DataFrame:
    """The `articles` rows of a batch: metadata plus sentence counts; the title falls back
    to the body's title line."""
    per_article = sentences.group_by("article_id").agg(
        pl.len().alias("n_sentences"),
        pl.col("text").filter(pl.col("kind") == "title").first().alias("title_line"),
        (pl.col("tone").filter(pl.col("kind") == "sentence").mean() * 10_000).round() / 10_000,
    )
    out = (
        ingested(raw)
        .join(per_article, on="article_id", how="left")
        .with_columns(
            pl.coalesce("title", "title_line").alias("title"),
            pl.col("n_sentences").fill_null(0),
            pl.col("text").str.len_chars().alias("n_chars"),
            pl.lit(batch).alias("batch"),
        )
    )
    return ARTICLES.conform(out)


def rejected_rows(raw: pl.DataFrame, batch: str) -> pl.DataFrame:
    out = raw.filter(pl.col("status") == ArticleStatus.REJECTED).with_columns(pl.lit(batch).alias("batch"))
    return REJECTED_ARTICLES.conform(out)
