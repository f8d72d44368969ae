"""Damaged inputs of every kind: a three-record file of each kind written with each record's byte span
known, then cut at many offsets or with single bytes flipped (seeded). Used by the fuzz tests."""

from __future__ import annotations

import csv
import gzip
import io
import json
import random
import zlib
from dataclasses import dataclass
from pathlib import Path

# Three short articles, each text its own; the bodies hold a line break, so a CSV quotes them.
ARTICLES = [
    (
        "Harbour workers strike",
        f"Dock workers in Valparaiso walked out on {day} over unpaid wages, their union said.\n"
        f"The port authority of Chile said talks with the union would resume within {n} days.",
    )
    for day, n in (("Monday", 2), ("Wednesday", 3), ("Friday", 5))
]
GOOD_ARTICLE = "Norway's prime minister thanked the Swedish rescue teams in Oslo on Sunday."


@dataclass(frozen=True)
class Sample:
    """A file of a kind: its name, bytes, and each record's byte span [start, end) in it (a cut strictly
    inside a span cuts that record). A file read whole has one span: itself."""

    name: str
    data: bytes
    spans: list[tuple[int, int]]
    gzipped_lines: bool = False  # a gzip stream of lines: no byte of it belongs to one line only
    n_records: int = len(ARTICLES)


def _csv_sample() -> Sample:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(["id", "title", "body"])
    spans, pos = [], len(out.getvalue().encode())
    for i, (title, body) in enumerate(ARTICLES):
        writer.writerow([i, title, body])
        end = len(out.getvalue().encode())
        spans.append((pos, end - 2))  # the row's line break is not needed to read it whole
        pos = end
    return Sample("monitor.csv", out.getvalue().encode(), spans)


def _jsonl_lines() -> list[bytes]:
    return [json.dumps({"title": t, "text": b}).encode() + b"\n" for t, b in ARTICLES]


def _jsonl_sample() -> Sample:
    spans, pos = [], 0
    for line in _jsonl_lines():
        spans.append((pos, pos + len(line) - 1))
        pos += len(line)
    return Sample("export.jsonl", b"".join(_jsonl_lines()), spans)


def _jsonl_gz_sample() -> Sample:
    data = gzip.compress(b"".join(_jsonl_lines()), mtime=0)
    return Sample("export.jsonl.gz", data, [(0, len(data))], gzipped_lines=True)


def _parquet_sample() -> Sample:
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = io.BytesIO()
    pq.write_table(pa.Table.from_pylist([{"title": t, "text": b} for t, b in ARTICLES]), out)
    data = out.getvalue()
    return Sample("hub.parquet", data, [(0, len(data))])  # its footer is at the end: any cut loses it all


def _page(title: str, body: str) -> bytes:
    paras = "".join(f"<p>{p}</p>" for p in body.split("\n"))
    head = f"<html><head><title>{title}</title></head>"
    return f"{head}<body><article><h1>{title}</h1>{paras}</article></body></html>".encode()


def _warc_sample(gz: bool) -> Sample:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    spans = []
    for i, (title, body) in enumerate(ARTICLES):
        start = out.tell()
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        uri = f"https://harbour.example/{i}"
        headers = {
            "WARC-Record-ID": f"<urn:uuid:00000000-0000-0000-0000-00000000000{i}>",
            "WARC-Date": f"2024-05-0{i + 1}T08:00:00Z",
        }
        record = writer.create_warc_record(uri, "response", payload=io.BytesIO(_page(title, body)), http_headers=http)
        for k, v in headers.items():
            record.rec_headers.replace_header(k, v)
        writer.write_record(record)
        # A plain record ends with a blank line, not needed to read it whole; a gzip member is whole as
        # soon as its compressed bytes give all of its content.
        spans.append((start, _whole_at(out.getvalue()[start:]) + start if gz else out.tell() - 4))
    return Sample("crawl.warc.gz" if gz else "crawl.warc", out.getvalue(), spans)


def _whole_at(member: bytes) -> int:
    """The shortest prefix of a gzip member that decompresses to all of its record (the blank line after
    it aside)."""
    full = len(gzip.decompress(member)) - 4
    at = len(member)
    while at > 0 and len(zlib.decompressobj(31).decompress(member[: at - 1])) >= full:
        at -= 1
    return at


def _feed_sample() -> Sample:
    head = (
        b'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
        b'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Harbour wire</title>'
        b"<link>https://harbour.example/</link><description>Latest</description>"
    )
    data, spans = head, []
    for i, (title, body) in enumerate(ARTICLES):
        paras = "".join(f"<p>{p}</p>" for p in body.split("\n"))
        item = (
            f"<item><title>{title}</title><link>https://harbour.example/{i}</link>"
            f"<guid>https://harbour.example/{i}</guid><description>{body[:40]}</description>"
            f"<content:encoded><![CDATA[{paras}]]></content:encoded></item>"
        ).encode()
        spans.append((len(data), len(data) + len(item)))
        data += item
    return Sample("wire.rss", data + b"</channel></rss>", spans)


def _single(name: str, data: bytes) -> Sample:
    return Sample(name, data, [(0, len(data))], n_records=1)


def samples() -> list[Sample]:
    """One file of every input kind newsfacts reads."""
    title, body = ARTICLES[0]
    return [
        _csv_sample(),
        _jsonl_sample(),
        _jsonl_gz_sample(),
        _parquet_sample(),
        _warc_sample(gz=False),
        _warc_sample(gz=True),
        _feed_sample(),
        _single("page.html", _page(title, body)),
        _single("story.txt", f"---\ntitle: {title}\n---\n{body}\n".encode()),
    ]


def cuts(sample: Sample, n: int, rng: random.Random) -> list[int]:
    """n offsets to cut at: evenly spread, plus one byte either side of every record's span ends."""
    size = len(sample.data)
    at = {round(size * (i + 1) / (n + 1)) for i in range(n)}
    for start, end in sample.spans:
        at.update({start + 1, end - 1, end})
    at.update(rng.randrange(1, size) for _ in range(n // 4))
    return sorted(c for c in at if 0 < c < size)


def flips(sample: Sample, n: int, rng: random.Random) -> list[bytes]:
    """n copies of the file, each with one byte set to another value."""
    out = []
    for _ in range(n):
        data = bytearray(sample.data)
        i = rng.randrange(len(data))
        data[i] = (data[i] + rng.randrange(1, 256)) % 256
        out.append(bytes(data))
    return out


def cut_inside_a_record(sample: Sample, cut: int) -> bool:
    return any(start < cut < end for start, end in sample.spans)


def whole_records_before(sample: Sample, cut: int) -> int:
    """Records whose bytes all lie before the cut: they must land. A gzip stream of lines counts none
    (its lines are not bytes of the file)."""
    if sample.gzipped_lines:
        return 0
    return sum(1 for _, end in sample.spans if end <= cut)


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path
