"""Bytes on disk to a decoded article, or a clear reason it was rejected."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from newsfacts.contract.values import ReasonCode
from newsfacts.ingest.frontmatter import FrontMatter, FrontMatterError, parse_front_matter
from newsfacts.text.cleaning import has_visible_text

DEFAULT_MAX_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class DecodedArticle:
    text: str  # as open(path, encoding="utf-8").read() gives it: universal newlines
    front: FrontMatter
    content_sha256: str


@dataclass(frozen=True)
class Rejection:
    code: ReasonCode  # short and stable, for grouping
    reason: str  # a sentence for people
    content_sha256: str | None


def sha256_bytes(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def universal_newlines(text: str) -> str:
    """The newline translation Python's text mode applies, so offsets match open().read()."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32 (little-endian)"),
    (b"\x00\x00\xfe\xff", "UTF-32 (big-endian)"),
    (b"\xff\xfe", "UTF-16 (little-endian)"),
    (b"\xfe\xff", "UTF-16 (big-endian)"),
)


def wide_encoding(raw: bytes) -> str | None:
    """UTF-16 or UTF-32 text, by its byte order mark or, without one, by the NUL bytes every other
    byte of mostly-ASCII UTF-16 has (on the same side throughout)."""
    for bom, name in _BOMS:
        if raw.startswith(bom):
            return name
    head = raw[: 8192 - 8192 % 2]
    if len(head) < 4:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    half = len(head) // 2
    if odd > 0.7 * half and even < 0.05 * half:
        return "UTF-16 (little-endian)"
    if even > 0.7 * half and odd < 0.05 * half:
        return "UTF-16 (big-endian)"
    return None


def _looks_binary(raw: bytes) -> bool:
    head = raw[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(8, len(head) // 20)


def _size_text(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB" if n >= 1024 * 1024 else f"{n} bytes"


def size_rejection(size: int, max_bytes: int) -> str | None:
    """The reason a file of this size is refused, if it is."""
    if size > max_bytes:
        return f"file is {_size_text(size)}, over the {_size_text(max_bytes)} limit"
    return None


def decode_article(raw: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> DecodedArticle | Rejection:
    digest = sha256_bytes(raw)
    too_large = size_rejection(len(raw), max_bytes)
    if too_large:
        return Rejection(ReasonCode.TOO_LARGE, too_large, digest)
    if not raw:
        return Rejection(ReasonCode.EMPTY, "empty file", digest)
    wide = wide_encoding(raw)
    if wide:
        return Rejection(ReasonCode.NOT_UTF8, f"{wide} text, not UTF-8: save the file as UTF-8", digest)
    if _looks_binary(raw):
        return Rejection(ReasonCode.BINARY, "binary file (NUL or control bytes), not text", digest)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        return Rejection(
            ReasonCode.NOT_UTF8, f"not valid UTF-8: byte 0x{raw[e.start]:02x} at offset {e.start} ({e.reason})", digest
        )
    text = universal_newlines(text)
    if not text.strip():
        return Rejection(ReasonCode.BLANK, "no text: the file holds only white space", digest)
    try:
        front = parse_front_matter(text)
    except FrontMatterError as e:
        return Rejection(ReasonCode.FRONT_MATTER, str(e), digest)
    if not has_visible_text(text, front.body_start):
        if front.body_start == 0:
            return Rejection(
                ReasonCode.BLANK, "no text: the file holds only white space or invisible characters", digest
            )
        return Rejection(ReasonCode.NO_BODY, "no body text after the front matter", digest)
    return DecodedArticle(text, front, digest)
