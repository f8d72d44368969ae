"""Container files read one record at a time: WARC records, JSONL lines, CSV and Parquet rows, feed
entries. Each record has a key (its place or id in the container) and a SHA-256 of its bytes, which
is all planning needs; its article is made only when asked for (`Record.load`), so planning never
extracts a page. Files are streamed: memory stays that of one record (a feed excepted, which is
parsed whole: feeds are small).
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import hashlib
import io
import json
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from newsfacts.contract.values import InputKind, ReasonCode
from newsfacts.ingest.html_pages import extract_page
from newsfacts.ingest.records import (
    ColumnNames,
    RecordArticle,
    RecordError,
    article_of_row,
    find_columns,
    no_text_column,
    parse_date,
)

_PARQUET_BATCH_ROWS = 256


class ContainerRejected(RecordError):
    """The container as a whole holds no articles (no text column, not a feed)."""


@dataclass(frozen=True)
class Record:
    key: str
    sha256: str
    load: Callable[[], RecordArticle]  # the article, or RecordError


@dataclass
class Container:
    """One pass over a container: its records, and what was skipped (WARC records that are not HTML
    pages fetched with status 200, blank lines)."""

    kind: InputKind
    stream: IO[bytes]
    columns: ColumnNames = field(default_factory=ColumnNames)
    gzipped: bool = False
    skipped: int = 0

    def records(self) -> Iterator[Record]:
        readers = {
            InputKind.JSONL: self._jsonl,
            InputKind.CSV: self._csv,
            InputKind.PARQUET: self._parquet,
            InputKind.WARC: self._warc,
            InputKind.FEED: self._feed,
        }
        return readers[self.kind]()

    def _jsonl(self) -> Iterator[Record]:
        stream: IO[bytes] = gzip.GzipFile(fileobj=self.stream) if self.gzipped else self.stream  # type: ignore[assignment]
        found_text = False
        keys_seen: set[str] = set()
        try:
            for n, line in enumerate(stream, start=1):
                if not line.strip():
                    self.skipped += 1
                    continue
                digest = _sha(line.rstrip(b"\r\n"))
                try:
                    obj = json.loads(line)
                except (UnicodeDecodeError, ValueError) as e:
                    yield Record(str(n), digest, _fails(ReasonCode.BAD_RECORD, f"line {n} is not valid JSON: {e}"))
                    continue
                if not isinstance(obj, dict):
                    reason = f"line {n} is a JSON {type(obj).__name__}, not an object of fields"
                    yield Record(str(n), digest, _fails(ReasonCode.BAD_RECORD, reason))
                    continue
                columns = find_columns(obj, self.columns)
                keys_seen.update(list(obj)[:50])
                found_text = found_text or "text" in columns
                if "text" not in columns:
                    reason = f"line {n}: {no_text_column(obj, self.columns)}"
                    yield Record(str(n), digest, _fails(ReasonCode.NO_TEXT, reason))
                    continue
                yield Record(str(n), digest, _row_loader(obj, columns))
        except (OSError, EOFError) as e:  # a truncated or corrupt gzip stream
            raise ContainerRejected(ReasonCode.BAD_RECORD, f"the file cannot be read to its end: {e}") from None
        if keys_seen and not found_text:
            raise ContainerRejected(ReasonCode.NO_TEXT_COLUMN, no_text_column(keys_seen, self.columns))

    def _csv(self) -> Iterator[Record]:
        csv.field_size_limit(min(sys.maxsize, (1 << 31) - 1))  # an article's text is one field
        text = io.TextIOWrapper(self.stream, encoding="utf-8-sig", errors="replace", newline="")
        reader = csv.reader(text)
        header = next(reader, None)
        if header is None:
            return
        columns = find_columns(header, self.columns)
        if "text" not in columns:
            raise ContainerRejected(ReasonCode.NO_TEXT_COLUMN, no_text_column(header, self.columns))
        try:
            for n, values in enumerate(reader, start=1):
                if not any(v.strip() for v in values):
                    self.skipped += 1
                    continue
                digest = _sha(json.dumps(values, ensure_ascii=False).encode())
                if len(values) != len(header):
                    reason = f"row {n} has {len(values)} fields where the header has {len(header)}"
                    yield Record(str(n), digest, _fails(ReasonCode.BAD_RECORD, reason))
                    continue
                yield Record(str(n), digest, _row_loader(dict(zip(header, values, strict=True)), columns))
        except csv.Error as e:
            raise ContainerRejected(ReasonCode.BAD_RECORD, f"the CSV cannot be read past row {n}: {e}") from None

    def _parquet(self) -> Iterator[Record]:
        import pyarrow as pa
        import pyarrow.parquet as pq

        try:
            table = pq.ParquetFile(self.stream)
        except (pa.ArrowException, OSError) as e:
            raise ContainerRejected(ReasonCode.BAD_RECORD, f"not a readable Parquet file: {e}") from None
        names = table.schema_arrow.names
        columns = find_columns(names, self.columns)
        if "text" not in columns:
            raise ContainerRejected(ReasonCode.NO_TEXT_COLUMN, no_text_column(names, self.columns))
        wanted = sorted(set(columns.values()), key=names.index)
        n = 0
        for batch in table.iter_batches(batch_size=_PARQUET_BATCH_ROWS, columns=wanted):
            for row in batch.to_pylist():
                n += 1
                digest = _sha(json.dumps(row, ensure_ascii=False, sort_keys=True, default=str).encode())
                yield Record(str(n), digest, _row_loader(row, columns))

    def _warc(self) -> Iterator[Record]:
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed

        records = ArchiveIterator(self.stream)
        while True:
            try:
                rec = next(records)
            except StopIteration:
                return
            except (ArchiveLoadFailed, OSError, EOFError, ValueError) as e:
                at = records.offset
                yield Record(f"offset {at}", _sha(str(at).encode()), _fails(ReasonCode.BAD_RECORD, f"truncated: {e}"))
                return
            if rec.rec_type not in ("response", "resource"):
                continue
            key = (rec.rec_headers.get_header("WARC-Record-ID") or f"offset {records.offset}").strip("<>")
            uri = rec.rec_headers.get_header("WARC-Target-URI")
            warc_date = parse_date(rec.rec_headers.get_header("WARC-Date"))
            http = rec.http_headers
            status = http.get_statuscode() if http is not None and rec.rec_type == "response" else "200"
            ctype = (http.get_header("Content-Type") if http is not None else None) or rec.rec_headers.get_header(
                "Content-Type"
            )
            if status != "200" or "html" not in (ctype or "").lower():
                self.skipped += 1
                continue
            try:
                content = rec.content_stream().read()
                missing = getattr(rec.raw_stream, "limit", 0)  # bytes its Content-Length promised, not there
                if missing:
                    raise EOFError(f"{missing} bytes short of its Content-Length")
            except (OSError, EOFError, ValueError) as e:
                yield Record(key, _sha(key.encode()), _fails(ReasonCode.BAD_RECORD, f"truncated WARC record: {e}"))
                return
            digest = _sha(f"{uri}\0{warc_date}\0".encode() + content)
            yield Record(key, digest, _page_loader(content, uri, warc_date))

    def _feed(self) -> Iterator[Record]:
        import feedparser

        parsed = feedparser.parse(self.stream.read())
        if not parsed.get("version") and not parsed.entries:
            raise ContainerRejected(ReasonCode.NOT_A_FEED, "an XML file that is not an RSS or Atom feed")
        feed_source = parsed.feed.get("title") or None
        for n, entry in enumerate(parsed.entries, start=1):
            key = str(entry.get("id") or entry.get("link") or n)
            fields = {
                k: entry.get(k)
                for k in ("id", "title", "link", "published", "updated", "summary")
                if entry.get(k) is not None
            }
            fields["content"] = [c.get("value") for c in entry.get("content", [])]
            digest = _sha(json.dumps(fields, ensure_ascii=False, sort_keys=True).encode())
            yield Record(key, digest, _entry_loader(entry, feed_source))


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _fails(code: ReasonCode, reason: str) -> Callable[[], RecordArticle]:
    def load() -> RecordArticle:
        raise RecordError(code, reason)

    return load


def _row_loader(row: dict[str, Any], columns: dict[str, str]) -> Callable[[], RecordArticle]:
    return lambda: article_of_row(row, columns)


def _page_loader(content: bytes, uri: str | None, warc_date: dt.date | None) -> Callable[[], RecordArticle]:
    return lambda: extract_page(content, uri, warc_date)


def _entry_loader(entry: Any, feed_source: str | None) -> Callable[[], RecordArticle]:
    def load() -> RecordArticle:
        contents = [c.get("value") for c in entry.get("content", []) if c.get("value")]
        link = entry.get("link")
        if not contents:
            n = len(entry.get("summary") or "")
            where = f": the full article is at {link}" if link else ""
            raise RecordError(ReasonCode.SUMMARY_ONLY, f"feed entry holds only a summary ({n} characters){where}")
        html = "<html><body><article>" + "\n".join(contents) + "</article></body></html>"
        page = extract_page(html, link)
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        date = dt.date(*stamp[:3]) if stamp else page.published
        return RecordArticle(entry.get("title") or page.title, page.body, date, link, feed_source or page.source)

    return load


def open_container(kind: InputKind, name: str, fd: int, columns: ColumnNames) -> Container:
    """A container over an open descriptor (not closed here: the caller owns it)."""
    os.lseek(fd, 0, os.SEEK_SET)
    stream = open(fd, "rb", buffering=1 << 20, closefd=False)  # noqa: SIM115 - closed with the descriptor
    return Container(kind, stream, columns, gzipped=name.lower().endswith(".gz") and kind == InputKind.JSONL)
