"""The closed sets of strings the relations hold: each column that takes one names its StrEnum in
the schema (contract/schema.py), which rejects any other value before a frame is written."""

from __future__ import annotations

from enum import StrEnum


class ArticleStatus(StrEnum):
    INGESTED, REJECTED, DELETED = "ingested", "rejected", "deleted"


class Change(StrEnum):
    """What the planner saw a file do since the last published batch."""

    NEW, CHANGED, DELETED = "new", "changed", "deleted"


class ReasonCode(StrEnum):
    """Why a file is not an article: short and stable, for grouping (the reason column says it in words)."""

    TOO_LARGE, EMPTY, BINARY, NOT_UTF8, BLANK = "too_large", "empty", "binary", "not_utf8", "blank"
    FRONT_MATTER, NO_BODY, UNREADABLE, VANISHED = "front_matter", "no_body", "unreadable", "vanished"
    NOT_A_FILE, LINK_OUTSIDE, BROKEN_LINK = "not_a_file", "link_outside", "broken_link"
    INTERNAL_ERROR = "internal_error"
    # A record of a container (a JSONL line, a CSV or Parquet row, a WARC record, a feed entry) or an HTML page
    BAD_RECORD, NO_TEXT, SUMMARY_ONLY = "bad_record", "no_text", "summary_only"
    NO_TEXT_COLUMN, NOT_A_FEED = "no_text_column", "not_a_feed"


class InputKind(StrEnum):
    """What an article was read from, by the file's extension (ingest/kinds.py)."""

    TXT, HTML, WARC, JSONL, CSV, PARQUET, FEED = "txt", "html", "warc", "jsonl", "csv", "parquet", "feed"


class SentenceKind(StrEnum):
    TITLE, HEADING, SENTENCE = "title", "heading", "sentence"


class MentionKind(StrEnum):
    # GROUP: "the Iraqi parliament"; DESCRIPTION: "the prime minister"
    NAME, GROUP, DESCRIPTION = "name", "group", "description"


class Modality(StrEnum):
    ASSERTED, NEGATED, HYPOTHETICAL = "asserted", "negated", "hypothetical"
    FUTURE, CONDITIONAL = "future", "conditional"


class TriggerKind(StrEnum):
    VERB, NOUN = "verb", "noun"


class UncodedReason(StrEnum):
    """Why an event found in the text is kept in `events` without a CAMEO code (events/uncoding.py)."""

    NO_CODE = "no_code"  # no dictionary pattern or project lexicon codes its trigger
    NO_CODED_ACTOR = "no_coded_actor"  # neither side names an actor the dictionaries know
    CATCH_ALL_ONE_ACTOR = "catch_all_one_actor"  # a root's catch-all code (010, 040...) with one coded actor


class DateSource(StrEnum):
    # TEXT: a time expression in the sentence; PUBLISHED: the article's date (asserted events only)
    TEXT, PUBLISHED = "text", "published"


class LocationSource(StrEnum):
    # TEXT: a place named in the event's clause; ACTOR: the country of its source or target;
    # ARTICLE: the country the article is about (GDELT's fallbacks, in that order)
    TEXT, ACTOR, ARTICLE = "text", "actor", "article"


class ExportFormat(StrEnum):
    GDELT = "gdelt"  # GDELT 2.0 events and mentions files, zipped, one pair per ingest batch
    PLOVER = "plover"  # PLOVER JSON lines, one event a line
    PARQUET = "parquet"  # every relation and view, one Parquet file each
    CSV = "csv"  # every relation and view, one CSV file each, with a header
