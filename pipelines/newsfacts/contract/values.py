"""The closed sets of strings the relations hold: each column that takes one names its StrEnum in
the schema (contract/schema.py), which rejects any other value before a frame is written."""

from __future__ import annotations

from enum import StrEnum


class ArticleStatus(StrEnum):
    INGESTED = "ingested"
    REJECTED = "rejected"
    DELETED = "deleted"


class Change(StrEnum):
    """What the planner saw a file do since the last published batch."""

    NEW = "new"
    CHANGED = "changed"
    DELETED = "deleted"


class ReasonCode(StrEnum):
    """Why a file is not an article: short and stable, for grouping (the reason column says it in words)."""

    TOO_LARGE = "too_large"
    EMPTY = "empty"
    BINARY = "binary"
    NOT_UTF8 = "not_utf8"
    BLANK = "blank"
    FRONT_MATTER = "front_matter"
    NO_BODY = "no_body"
    UNREADABLE = "unreadable"
    VANISHED = "vanished"
    NOT_A_FILE = "not_a_file"
    LINK_OUTSIDE = "link_outside"
    BROKEN_LINK = "broken_link"
    INTERNAL_ERROR = "internal_error"


class SentenceKind(StrEnum):
    TITLE = "title"
    HEADING = "heading"
    SENTENCE = "sentence"


class MentionKind(StrEnum):
    NAME = "name"
    GROUP = "group"  # "the Iraqi parliament"
    DESCRIPTION = "description"  # "the prime minister"


class Modality(StrEnum):
    ASSERTED = "asserted"
    NEGATED = "negated"
    HYPOTHETICAL = "hypothetical"
    FUTURE = "future"
    CONDITIONAL = "conditional"


class TriggerKind(StrEnum):
    VERB = "verb"
    NOUN = "noun"


class DateSource(StrEnum):
    TEXT = "text"  # a time expression in the sentence
    PUBLISHED = "published"  # the article's date (asserted events only)
