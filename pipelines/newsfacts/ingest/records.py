"""A record of an article table or an extracted page as an article: which columns hold what, the
text the layers read, and its date.

Every kind but `.txt` ends up as a title, a body and some metadata; `compose_text` puts the title and
the body together into the one text whose offsets every relation indexes (stored in article_texts).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import os
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from typing import Any

from newsfacts.contract.values import ReasonCode
from newsfacts.ingest.frontmatter import iso_date
from newsfacts.ingest.reading import universal_newlines
from newsfacts.lexicon_files import read_csv

FIELDS = ("text", "title", "date", "url", "source")
COLUMNS_ENV = "NEWSFACTS_COLUMNS"


class RecordError(Exception):
    """A record that is not an article, with the reason."""

    def __init__(self, code: ReasonCode, reason: str):
        super().__init__(reason)
        self.code, self.reason = code, reason


@dataclass(frozen=True)
class RecordArticle:
    title: str | None
    body: str
    published: dt.date | None = None
    url: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class ColumnNames:
    """The columns named with `--column FIELD=NAME`; a field left None is found by its common names."""

    text: str | None = None
    title: str | None = None
    date: str | None = None
    url: str | None = None
    source: str | None = None

    def to_json(self) -> dict[str, str]:
        return {k: v for k, v in asdict(self).items() if v}

    @classmethod
    def parse(cls, specs: Iterable[str]) -> ColumnNames:
        """From `FIELD=NAME` strings; ValueError names a bad one."""
        named: dict[str, str] = {}
        for spec in specs:
            field, sep, name = spec.partition("=")
            field = field.strip().lower()
            if not sep or field not in FIELDS or not name.strip():
                raise ValueError(f"column option {spec!r}: give FIELD=NAME with FIELD one of {', '.join(FIELDS)}")
            named[field] = name.strip()
        return cls(**named)

    @classmethod
    def from_env(cls) -> ColumnNames:
        """From $NEWSFACTS_COLUMNS: `text=body,title=headline`."""
        value = os.environ.get(COLUMNS_ENV, "")
        return cls.parse(s for s in value.split(",") if s.strip())


def common_names(field: str) -> tuple[str, ...]:
    return tuple(r["column"].lower() for r in read_csv("record_columns.csv") if r["field"] == field)


def find_columns(available: Iterable[str], named: ColumnNames) -> dict[str, str]:
    """field -> the column holding it, among `available`: the named one, else the first common name
    present (case aside). Fields no column holds are left out."""
    by_lower: dict[str, str] = {}
    for name in available:
        by_lower.setdefault(str(name).lower(), str(name))
    found = {}
    for field in FIELDS:
        given = getattr(named, field)
        candidates = (given.lower(),) if given else common_names(field)
        column = next((by_lower[c] for c in candidates if c in by_lower), None)
        if column is not None:
            found[field] = column
    return found


def no_text_column(available: Iterable[str], named: ColumnNames) -> str:
    """The reason a table without a text column is rejected whole, naming the columns it has."""
    have = ", ".join(sorted(str(c) for c in available)) or "none"
    wanted = named.text or " / ".join(common_names("text"))
    return f"no text column ({wanted}) among its columns: {have}; name one with --column text=NAME"


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):  # some exports keep paragraphs as a list
        value = "\n\n".join(str(v) for v in value if v is not None)
    s = str(value).strip()
    return s or None


def parse_date(value: Any) -> dt.date | None:
    """A date from what tables and feeds hold: a date or datetime, ISO 8601, RFC 2822; else None."""
    if value is None or value == "":
        return None
    day = iso_date(value)
    if day is not None:
        return day
    s = str(value).strip()
    try:
        return dt.date.fromisoformat(s[:10])
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(s).date()
    except (TypeError, ValueError, IndexError):
        return None


def article_of_row(row: Mapping[str, Any], columns: Mapping[str, str]) -> RecordArticle:
    """A table row as an article; RecordError when its text is missing or empty."""
    body = _text(row.get(columns["text"]))
    if body is None:
        raise RecordError(ReasonCode.NO_TEXT, f"no text: its {columns['text']} is empty")
    title = _text(row.get(columns["title"])) if "title" in columns else None
    date = parse_date(row.get(columns["date"])) if "date" in columns else None
    url = _text(row.get(columns["url"])) if "url" in columns else None
    source = _text(row.get(columns["source"])) if "source" in columns else None
    return RecordArticle(title, body, date, url, source)


def _same_words(a: str, b: str) -> bool:
    return " ".join(a.split()).lower() == " ".join(b.split()).lower()


def compose_text(article: RecordArticle) -> tuple[str, str | None]:
    """The text the layers read, and its title: the title as the first line (unless the body already
    opens with it), a blank line, the body with universal newlines."""
    body = universal_newlines(article.body).strip()
    title = " ".join(article.title.split()) if article.title else None
    if not title:
        return body, None
    first_line = body.split("\n", 1)[0]
    if _same_words(first_line, title):
        return body, title
    return f"{title}\n\n{body}", title
