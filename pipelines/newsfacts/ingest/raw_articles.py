"""An ingest batch as frames: files read from disk, then the article and rejection rows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl

from newsfacts.contract.schema import ARTICLE_TEXTS, ARTICLES, RAW_ARTICLES, REJECTED_ARTICLES
from newsfacts.contract.values import ArticleStatus, Change, InputKind, ReasonCode
from newsfacts.ingest.container_records import container_records
from newsfacts.ingest.containers import ContainerRejected, open_container
from newsfacts.ingest.files import Refused, hash_fd, open_article, read_fd
from newsfacts.ingest.html_pages import extract_page
from newsfacts.ingest.kinds import input_kind, is_container
from newsfacts.ingest.planning import PlanEntry
from newsfacts.ingest.reading import DecodedArticle, decode_article, sha256_bytes, size_rejection
from newsfacts.ingest.records import ColumnNames, RecordArticle, RecordError, compose_text


def _rejected(row: dict, code: str, reason: str) -> dict:
    return {**row, "status": ArticleStatus.REJECTED, "reason_code": code, "reason": reason}


def read_entry(
    seeds_dir: Path, entry: PlanEntry, max_bytes: int, pipeline_version: str, columns: ColumnNames | None = None
) -> dict:
    """One raw_articles row: the file decoded, or why not, or its deletion. Whatever happens to a
    file that is there, its row says so: a failure while decoding is a rejection with the file's
    size, time and hash, so it is published and not read again until the file changes."""
    row = _base_row(entry, pipeline_version)
    if entry.change == Change.DELETED:
        return {**row, "status": ArticleStatus.DELETED}
    try:
        with open_article(seeds_dir, entry.path) as (fd, st):
            row.update(file_size=st.st_size, file_mtime_ns=st.st_mtime_ns)
            too_large = size_rejection(st.st_size, max_bytes)
            if too_large and row["input_kind"] in (InputKind.TXT, InputKind.HTML):
                return _rejected({**row, "content_sha256": hash_fd(fd)}, ReasonCode.TOO_LARGE, too_large)
            if row["input_kind"] not in (InputKind.TXT, InputKind.HTML):
                return _whole_container(row, fd, columns or ColumnNames())
            raw = read_fd(fd, max_bytes + 1)
    except FileNotFoundError:
        return _vanished(row, "file was deleted during the run")
    except Refused as e:
        return _rejected(row, e.code, e.reason)
    except OSError as e:
        return _rejected(row, ReasonCode.UNREADABLE, f"cannot read the file: {e.strerror or e}")
    row["content_sha256"] = sha256_bytes(raw)
    if row["input_kind"] == InputKind.HTML:
        row = _record_row(row, lambda: extract_page(raw), max_bytes)
        if (
            row["status"] == ArticleStatus.INGESTED
            and entry.duplicate_of
            and entry.content_sha256 == row["content_sha256"]
        ):
            row["duplicate_of"] = entry.duplicate_of
        return row
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


def _base_row(entry: PlanEntry, pipeline_version: str) -> dict[str, Any]:
    row: dict[str, Any] = {c: None for c in RAW_ARTICLES.names}
    row.update(article_id=entry.article_id, path=entry.path, change=entry.change, pipeline_version=pipeline_version)
    kind = input_kind(entry.container or entry.path)
    row.update(input_kind=kind, container=entry.container, record_key=entry.record_key)
    if is_container(kind) and entry.container is None:
        row["container"] = entry.path  # a container rejected as a whole
    return row


def row_kind(path: str) -> InputKind:
    kind = input_kind(path)
    if kind is None:
        raise ValueError(f"{path}: not a kind of file newsfacts reads")
    return kind


def _vanished(row: dict, reason: str) -> dict:
    """Gone since it was planned: the warehouse follows the folder and drops it."""
    return {
        **row,
        "status": ArticleStatus.DELETED,
        "change": Change.DELETED,
        "reason_code": ReasonCode.VANISHED,
        "reason": reason,
    }


def _whole_container(row: dict, fd: int, columns: ColumnNames) -> dict:
    """A container planned as a whole: why it holds no articles. (One that holds records now changed
    since planning: its row has no hash, so the next run plans it again.)"""
    row["content_sha256"] = hash_fd(fd)
    try:
        n = sum(1 for _ in container_records(open_container(row["input_kind"], row["path"], fd, columns)))
    except ContainerRejected as e:
        return _rejected(row, e.code, e.reason)
    if n == 0:
        return _rejected(row, ReasonCode.EMPTY, "holds no records")
    return _rejected({**row, "content_sha256": None}, ReasonCode.UNREADABLE, "changed while being planned")


def _record_row(row: dict, load, max_bytes: int) -> dict:
    """The row of an article made from a record or a page: its composed text, or why not."""
    try:
        article: RecordArticle = load()
    except RecordError as e:
        return _rejected(row, e.code, e.reason)
    too_large = size_rejection(len(article.body.encode("utf-8")), max_bytes)
    if too_large:
        return _rejected(row, ReasonCode.TOO_LARGE, too_large.replace("file", "text", 1))
    text, title = compose_text(article)
    return {
        **row,
        "status": ArticleStatus.INGESTED,
        "text": text,
        "body_start": 0,
        "title": title,
        "published_date": article.published,
        "source": article.source,
        "url": article.url,
    }


def read_records(
    seeds_dir: Path,
    container: str,
    entries: list[PlanEntry],
    max_bytes: int,
    pipeline_version: str,
    columns: ColumnNames,
    skipped: dict[str, int],
) -> list[dict]:
    """Rows of the records of one container the batch holds, in one pass over it."""
    rows = {str(e.record_key): _base_row(e, pipeline_version) for e in entries}
    wanted = {str(e.record_key): e for e in entries if e.change != Change.DELETED}
    for key, row in rows.items():
        if key not in wanted:
            row["status"] = ArticleStatus.DELETED
    if not wanted:
        return list(rows.values())
    done: set[str] = set()
    try:
        with open_article(seeds_dir, container) as (fd, st):
            reader = open_container(row_kind(container), container, fd, columns)
            for rec in container_records(reader):
                entry = wanted.get(rec.key)
                if entry is None:
                    continue
                row = {**rows[rec.key], "file_size": st.st_size, "file_mtime_ns": st.st_mtime_ns}
                row["content_sha256"] = rec.sha256
                row = _record_row(row, rec.load, max_bytes)
                if (
                    row["status"] == ArticleStatus.INGESTED
                    and entry.duplicate_of
                    and entry.content_sha256 == rec.sha256
                ):
                    row["duplicate_of"] = entry.duplicate_of
                rows[rec.key] = row
                done.add(rec.key)
            kind = str(reader.kind)
            skipped[kind] = skipped.get(kind, 0) + reader.skipped
    except FileNotFoundError:
        pass
    except (Refused, OSError, ContainerRejected) as e:
        for key in set(wanted) - done:
            rows[key] = _rejected(rows[key], getattr(e, "code", ReasonCode.UNREADABLE), getattr(e, "reason", str(e)))
            done.add(key)
    for key in set(wanted) - done:
        rows[key] = _vanished(rows[key], "record no longer in its container")
    return list(rows.values())


def read_batch(
    seeds_dir: Path,
    entries: list[PlanEntry],
    max_bytes: int,
    pipeline_version: str,
    columns: ColumnNames | None = None,
    skipped: dict[str, int] | None = None,
) -> pl.DataFrame:
    """The raw_articles rows of a batch. `skipped` counts, per input kind, records read past (WARC
    records that are not HTML pages fetched with status 200, blank lines)."""
    columns = columns or ColumnNames()
    skipped = {} if skipped is None else skipped
    rows = []
    by_container: dict[str, list[PlanEntry]] = {}
    for e in entries:
        if e.container and e.record_key is not None:
            by_container.setdefault(e.container, []).append(e)
    for container, records in by_container.items():
        try:
            rows.extend(read_records(seeds_dir, container, records, max_bytes, pipeline_version, columns, skipped))
        except Exception as err:  # a surprise: still a row per record, never a lost one
            rows.extend(_internal_error(e, pipeline_version, err) for e in records)
    for e in entries:
        if e.container and e.record_key is not None:
            continue
        try:
            rows.append(read_entry(seeds_dir, e, max_bytes, pipeline_version, columns))
        except Exception as err:  # a surprise outside decoding: still a row, never a lost file
            rows.append(_internal_error(e, pipeline_version, err))
    return RAW_ARTICLES.conform(pl.DataFrame(rows, schema=RAW_ARTICLES.polars_schema))


def _internal_error(e: PlanEntry, pipeline_version: str, err: Exception) -> dict:
    return {
        **_base_row(e, pipeline_version),
        "status": ArticleStatus.REJECTED,
        "reason_code": ReasonCode.INTERNAL_ERROR,
        "reason": f"reading failed: {type(err).__name__}: {err}",
        "content_sha256": e.content_sha256,
        "file_size": e.file_size,
        "file_mtime_ns": e.file_mtime_ns,
    }


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
            # Set at publish, against the whole corpus (warehouse/near_copies.py).
            pl.lit(None, dtype=pl.Utf8).alias("near_duplicate_of"),
            pl.lit(None, dtype=pl.Float64).alias("near_duplicate_similarity"),
        )
    )
    return ARTICLES.conform(out)


def article_text_rows(raw: pl.DataFrame, signatures: dict[str, bytes]) -> pl.DataFrame:
    """The article_texts rows of a batch: each ingested article's text, and its MinHash signature."""
    out = ingested(raw).with_columns(
        pl.col("article_id").replace_strict(signatures, default=None, return_dtype=pl.Binary).alias("minhash")
    )
    return ARTICLE_TEXTS.conform(out)


def rejected_rows(raw: pl.DataFrame, batch: str) -> pl.DataFrame:
    out = raw.filter(pl.col("status") == ArticleStatus.REJECTED).with_columns(pl.lit(batch).alias("batch"))
    return REJECTED_ARTICLES.conform(out)
