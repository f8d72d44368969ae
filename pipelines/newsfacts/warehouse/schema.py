"""Column schemas of the batch frames and of the DuckDB tables built from them.

One definition serves both: Polars frames are cast to it before they are
written, and the DuckDB tables are created from it, so the two never drift.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

_POLARS = {
    "VARCHAR": pl.Utf8,
    "INTEGER": pl.Int32,
    "BIGINT": pl.Int64,
    "DOUBLE": pl.Float64,
    "DATE": pl.Date,
    "BOOLEAN": pl.Boolean,
}


@dataclass(frozen=True)
class Column:
    name: str
    sql_type: str
    description: str = ""

    @property
    def polars_type(self):
        return _POLARS[self.sql_type]


@dataclass(frozen=True)
class TableSchema:
    name: str
    columns: tuple[Column, ...]
    sort_by: tuple[str, ...]
    description: str = ""

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def polars_schema(self) -> dict:
        return {c.name: c.polars_type for c in self.columns}

    def empty(self) -> pl.DataFrame:
        return pl.DataFrame(schema=self.polars_schema)

    def conform(self, frame: pl.DataFrame) -> pl.DataFrame:
        """Columns in schema order and type, rows in a stable order."""
        missing = [c for c in self.names if c not in frame.columns]
        if missing:
            raise ValueError(f"{self.name}: frame lacks columns {missing}")
        out = frame.select([pl.col(c.name).cast(c.polars_type) for c in self.columns])
        return out.sort(list(self.sort_by), nulls_last=True, maintain_order=True) if self.sort_by else out

    def ddl(self) -> str:
        cols = ",\n  ".join(f'"{c.name}" {c.sql_type}' for c in self.columns)
        return f'CREATE TABLE IF NOT EXISTS "{self.name}" (\n  {cols}\n)'


def _t(name: str, sort_by: tuple[str, ...], description: str, *cols: tuple[str, str, str]) -> TableSchema:
    return TableSchema(name, tuple(Column(*c) for c in cols), sort_by, description)


RAW_ARTICLES = _t(
    "raw_articles", ("path",),
    "Every file of an ingest batch as read from disk: its text and front matter, or why it was "
    "rejected, or that it was deleted.",
    ("article_id", "VARCHAR", "stable id: hash of the path relative to the seeds folder"),
    ("path", "VARCHAR", "path relative to the seeds folder, with / separators"),
    ("status", "VARCHAR", "ingested, rejected or deleted"),
    ("change", "VARCHAR", "new, changed or deleted, as the planner saw it"),
    ("reason_code", "VARCHAR", "short code of the reason: too_large, empty, binary, not_utf8, blank, "
                               "front_matter, no_body, unreadable, vanished"),
    ("reason", "VARCHAR", "why a file was rejected, in words"),
    ("duplicate_of", "VARCHAR", "path of the first file (in path order) with the same bytes"),
    ("content_sha256", "VARCHAR", "SHA-256 of the file's bytes"),
    ("file_size", "BIGINT", "bytes on disk"),
    ("file_mtime_ns", "BIGINT", "modification time on disk, ns"),
    ("text", "VARCHAR", "decoded text (universal newlines), front matter included"),
    ("body_start", "INTEGER", "offset where the body starts after the front matter"),
    ("title", "VARCHAR", "title from the front matter"),
    ("title_start", "INTEGER", "raw span of the title value in the front matter"),
    ("title_end", "INTEGER", ""),
    ("published_date", "DATE", "published date from the front matter"),
    ("source", "VARCHAR", ""),
    ("url", "VARCHAR", ""),
    ("pipeline_version", "VARCHAR", "version of the batch code that built the rows"),
)

ARTICLES = _t(
    "articles", ("article_id",),
    "One row per ingested article (contract relation).",
    ("article_id", "VARCHAR", "stable id: hash of the path relative to the seeds folder"),
    ("path", "VARCHAR", "path relative to the seeds folder"),
    ("title", "VARCHAR", "title from the front matter, else the title line of the body"),
    ("published_date", "DATE", ""),
    ("source", "VARCHAR", ""),
    ("url", "VARCHAR", ""),
    ("content_sha256", "VARCHAR", "SHA-256 of the file's bytes"),
    ("n_chars", "INTEGER", "code points in the decoded file"),
    ("n_sentences", "INTEGER", "rows in sentences, titles and headings included"),
    ("duplicate_of", "VARCHAR", "path of the first file (in path order) with the same bytes, if any"),
    ("file_size", "BIGINT", ""),
    ("file_mtime_ns", "BIGINT", ""),
    ("pipeline_version", "VARCHAR", ""),
    ("batch", "VARCHAR", "ingest batch (Dagster partition) that published the row"),
)

REJECTED_ARTICLES = _t(
    "rejected_articles", ("path",),
    "Files that were not ingested, with the reason (contract relation).",
    ("path", "VARCHAR", "path relative to the seeds folder"),
    ("reason", "VARCHAR", "why the file was rejected, in words"),
    ("reason_code", "VARCHAR", "too_large, empty, binary, not_utf8, blank, front_matter, no_body or unreadable"),
    ("content_sha256", "VARCHAR", "null when the file could not be read"),
    ("article_id", "VARCHAR", ""),
    ("file_size", "BIGINT", ""),
    ("file_mtime_ns", "BIGINT", ""),
    ("pipeline_version", "VARCHAR", ""),
    ("batch", "VARCHAR", ""),
)

SENTENCES = _t(
    "sentences", ("article_id", "sentence_idx"),
    "Titles, headings and sentences in document order (contract relation).",
    ("article_id", "VARCHAR", ""),
    ("sentence_idx", "INTEGER", "0-based, document order"),
    ("paragraph_idx", "INTEGER", "0-based paragraph (the title counts as one)"),
    ("kind", "VARCHAR", "title, heading or sentence"),
    ("char_start", "INTEGER", "code point offset into the file, inclusive"),
    ("char_end", "INTEGER", "code point offset into the file, exclusive"),
    ("text", "VARCHAR", "cleaned text"),
)

INGEST_BATCHES = _t(
    "ingest_batches", ("batch",),
    "One row per published ingest batch.",
    ("batch", "VARCHAR", ""),
    ("published_at", "VARCHAR", "UTC, ISO 8601"),
    ("n_ingested", "INTEGER", ""),
    ("n_rejected", "INTEGER", ""),
    ("n_deleted", "INTEGER", ""),
    ("n_skipped_stale", "INTEGER", "entries whose file changed again before publishing"),
)
