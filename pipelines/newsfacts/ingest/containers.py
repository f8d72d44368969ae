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
import re
import sys
import zlib
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
_ENTRY_END = re.compile(rb"</(?:[\w.-]+:)?(?:item|entry)\s*>")
_FEED_END = re.compile(rb"</(?:[\w.-]+:)?(?:rss|feed|RDF)\s*>\s*\Z")


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
        """The records in container order. A reader error no rule below foresaw (a library failing on
        damaged bytes) never escapes: before the first record it rejects the container
        (`internal_error`, with the error); after one, the records read so far stand and the rest of
        the container is one rejected record after the last good key."""
        readers = {
            InputKind.JSONL: self._jsonl,
            InputKind.CSV: self._csv,
            InputKind.PARQUET: self._parquet,
            InputKind.WARC: self._warc,
            InputKind.FEED: self._feed,
        }
        last: str | None = None
        try:
            for rec in readers[self.kind]():
                last = rec.key
                yield rec
        except ContainerRejected:
            raise
        except Exception as e:
            error = f"{type(e).__name__}: {' '.join(str(e).split())[:300]}"
            if last is None:
                raise ContainerRejected(ReasonCode.INTERNAL_ERROR, f"reading failed: {error}") from None
            key = f"after {last}"
            reason = f"the {self.kind} cannot be read past record {last}: {error}"
            yield _unreadable(key, ReasonCode.INTERNAL_ERROR, reason)

    def _jsonl(self) -> Iterator[Record]:
        stream: IO[bytes] = gzip.GzipFile(fileobj=self.stream) if self.gzipped else self.stream  # type: ignore[assignment]
        found_text = False
        keys_seen: set[str] = set()
        n_read = 0
        try:
            for n, line in enumerate(stream, start=1):
                n_read = n
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
        except (OSError, EOFError, zlib.error) as e:  # a truncated or corrupt gzip stream
            if n_read == 0:
                raise ContainerRejected(ReasonCode.BAD_RECORD, f"the file cannot be read: {e}") from None
            key = str(n_read + 1)
            reason = f"line {key} and after cannot be read (the compressed file is cut or damaged): {e}"
            yield _unreadable(key, ReasonCode.BAD_RECORD, reason)
            return
        if keys_seen and not found_text:
            raise ContainerRejected(ReasonCode.NO_TEXT_COLUMN, no_text_column(keys_seen, self.columns))

    def _csv(self) -> Iterator[Record]:
        csv.field_size_limit(min(sys.maxsize, (1 << 31) - 1))  # an article's text is one field
        text = io.TextIOWrapper(self.stream, encoding="utf-8-sig", errors="replace", newline="")
        lines = _LinesRead(text)
        reader = csv.reader(lines)
        header = next(reader, None)
        if header is None:
            return
        columns = find_columns(header, self.columns)
        if "text" not in columns:
            raise ContainerRejected(ReasonCode.NO_TEXT_COLUMN, no_text_column(header, self.columns))
        n = 0
        while True:
            lines.start_record()
            try:
                values = next(reader)
            except StopIteration:
                return
            except csv.Error as e:
                key = str(n + 1)
                reason = f"row {key} and after cannot be read as CSV: {e}"
                yield _unreadable(key, ReasonCode.BAD_RECORD, reason)
                return
            n += 1
            if not any(v.strip() for v in values):
                self.skipped += 1
                continue
            digest = _sha(json.dumps(values, ensure_ascii=False).encode())
            if lines.quote_left_open():  # Python's reader ends such a field at the end of the file
                reason = f"row {n} is cut: a quoted field opens and the file ends before it closes"
                yield Record(str(n), digest, _fails(ReasonCode.BAD_RECORD, reason))
                return
            if len(values) != len(header):
                reason = f"row {n} has {len(values)} fields where the header has {len(header)}"
                yield Record(str(n), digest, _fails(ReasonCode.BAD_RECORD, reason))
                continue
            yield Record(str(n), digest, _row_loader(dict(zip(header, values, strict=True)), columns))

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

        records = ArchiveIterator(self.stream)
        records.INC_RECORD = ""  # warcio prints a record whose length is wrong; it is a rejected row here
        held: Record | None = None  # a page is yielded once the record after it shows its length was right
        while True:
            errors = records.err_count
            try:
                rec = next(records)
            except StopIteration:
                rec = None
            except Exception as e:  # warcio fails in its own ways on a damaged head (AttributeError, ...)
                if held is not None:
                    yield held
                at = records.offset
                reason = f"truncated or damaged WARC record: {type(e).__name__}: {e}"
                yield Record(f"offset {at}", _sha(str(at).encode()), _fails(ReasonCode.BAD_RECORD, reason))
                return
            if held is not None:
                if records.err_count > errors:  # its Content-Length ended it before its last bytes
                    reason = "damaged WARC record: its Content-Length does not match its bytes"
                    held = Record(held.key, held.sha256, _fails(ReasonCode.BAD_RECORD, reason))
                yield held
                held = None
            if rec is None:
                # warcio ends quietly where a record's head is cut short: bytes left are a cut record.
                left = _bytes_after(self.stream, records.offset)
                if left:
                    key = f"offset {records.offset}"
                    reason = f"truncated WARC record: the file ends {left} bytes into its head"
                    yield _unreadable(key, ReasonCode.BAD_RECORD, reason)
                return
            try:
                held = self._warc_page(rec, records.offset)
            except _CutRecord as cut:
                yield cut.record
                return

    def _warc_page(self, rec: Any, offset: int) -> Record | None:
        """The record of an HTML page fetched with status 200, None for any other record (read past, to
        know it is whole); _CutRecord when the file ends inside it."""
        key = (rec.rec_headers.get_header("WARC-Record-ID") or f"offset {offset}").strip("<>")
        if rec.rec_headers.get_header("Content-Length") is None:  # the file ends inside its head
            raise _CutRecord(key, "truncated WARC record: its head is cut short (no Content-Length)")
        http = rec.http_headers
        status = http.get_statuscode() if http is not None and rec.rec_type == "response" else "200"
        ctype = (http.get_header("Content-Type") if http is not None else None) or rec.rec_headers.get_header(
            "Content-Type"
        )
        page = rec.rec_type in ("response", "resource")
        wanted = page and status == "200" and "html" in (ctype or "").lower()
        try:
            if wanted:
                content = rec.content_stream().read()
            else:
                self.skipped += page
                while rec.raw_stream.read(1 << 16):
                    pass
            missing = getattr(rec.raw_stream, "limit", 0)  # bytes its Content-Length promised, not there
            if missing:
                raise EOFError(f"{missing} bytes short of its Content-Length")
        except (OSError, EOFError, ValueError) as e:
            raise _CutRecord(key, f"truncated WARC record: {e}") from None
        if not wanted:
            return None
        uri = rec.rec_headers.get_header("WARC-Target-URI")
        warc_date = parse_date(rec.rec_headers.get_header("WARC-Date"))
        digest = _sha(f"{uri}\0{warc_date}\0".encode() + content)
        return Record(key, digest, _page_loader(content, uri, warc_date))

    def _feed(self) -> Iterator[Record]:
        import feedparser

        raw = self.stream.read()
        parsed = feedparser.parse(raw)
        if not parsed.get("version") and not parsed.entries:
            raise ContainerRejected(ReasonCode.NOT_A_FEED, "an XML file that is not an RSS or Atom feed")
        feed_source = parsed.feed.get("title") or None
        # feedparser reads a cut file as far as it goes: an entry without its closing tag is cut, and
        # a file that ends before its root closes may have lost entries after the last whole one.
        closed = len(_ENTRY_END.findall(raw))
        for n, entry in enumerate(parsed.entries, start=1):
            if n > closed:
                key = str(entry.get("id") or entry.get("link") or n)
                reason = "truncated feed entry: the file ends before the entry closes"
                yield Record(key, _sha(f"{key}\0cut".encode()), _fails(ReasonCode.BAD_RECORD, reason))
                return
            key = str(entry.get("id") or entry.get("link") or n)
            fields = {
                k: entry.get(k)
                for k in ("id", "title", "link", "published", "updated", "summary")
                if entry.get(k) is not None
            }
            fields["content"] = [c.get("value") for c in entry.get("content", [])]
            digest = _sha(json.dumps(fields, ensure_ascii=False, sort_keys=True).encode())
            yield Record(key, digest, _entry_loader(entry, feed_source))
        if not _FEED_END.search(raw[-256:]):
            key = f"after entry {len(parsed.entries)}"
            reason = "truncated feed: the file ends before the feed closes; entries after the last whole one are lost"
            yield _unreadable(key, ReasonCode.BAD_RECORD, reason)


class _CutRecord(Exception):
    """The file ends inside a record: its rejected record."""

    def __init__(self, key: str, reason: str):
        super().__init__(reason)
        self.record = _unreadable(key, ReasonCode.BAD_RECORD, reason)


class _LinesRead:
    """The text lines a CSV reader consumes, so a row's raw text can be checked: a row whose quote
    characters are odd in number holds a quoted field that never closed."""

    def __init__(self, text: IO[str]):
        self.text = text
        self.quotes = 0

    def __iter__(self) -> _LinesRead:
        return self

    def __next__(self) -> str:
        line = next(self.text)
        self.quotes += line.count('"')
        return line

    def start_record(self) -> None:
        self.quotes = 0

    def quote_left_open(self) -> bool:
        return self.quotes % 2 == 1


def _bytes_after(stream: IO[bytes], offset: int) -> int:
    """How many bytes the stream holds past `offset`, 0 when they are only blank space."""
    size = stream.seek(0, os.SEEK_END)
    stream.seek(offset)
    return size - offset if stream.read(1 << 16).strip() else 0


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _unreadable(key: str, code: ReasonCode, reason: str) -> Record:
    """A record that could not be read whole, keyed by where it is: its hash is its key's."""
    return Record(key, _sha(key.encode()), _fails(code, reason))


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
