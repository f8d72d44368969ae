"""Column schemas of the batch frames and of the DuckDB tables built from them.

One definition serves both: Polars frames are cast to it before they are
written, and the DuckDB tables are created from it, so the two never drift.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import polars as pl

from newsfacts.contract.values import (
    ArticleStatus,
    Change,
    DateSource,
    MentionKind,
    Modality,
    ReasonCode,
    SentenceKind,
    TriggerKind,
)

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
    values: type[StrEnum] | None = None  # the closed set of strings it holds (nulls aside)

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
        for c in self.columns:
            if c.values is not None:
                seen = out.get_column(c.name).drop_nulls().unique()
                unknown = seen.filter(~seen.is_in([v.value for v in c.values]))
                if len(unknown):
                    raise ValueError(f"{self.name}.{c.name}: {sorted(unknown.to_list())} not in {c.values.__name__}")
        return out.sort(list(self.sort_by), nulls_last=True, maintain_order=True) if self.sort_by else out

    def ddl(self) -> str:
        cols = ",\n  ".join(f'"{c.name}" {c.sql_type}' for c in self.columns)
        return f'CREATE TABLE IF NOT EXISTS "{self.name}" (\n  {cols}\n)'


def _t(name: str, sort_by: tuple[str, ...], description: str, *cols: tuple) -> TableSchema:
    return TableSchema(name, tuple(Column(*c) for c in cols), sort_by, description)


RAW_ARTICLES = _t(
    "raw_articles",
    ("path",),
    "Every file of an ingest batch as read from disk: its text and front matter, or why it was "
    "rejected, or that it was deleted.",
    ("article_id", "VARCHAR", "stable id: hash of the path relative to the seeds folder"),
    ("path", "VARCHAR", "path relative to the seeds folder, with / separators"),
    ("status", "VARCHAR", "ingested, rejected or deleted", ArticleStatus),
    ("change", "VARCHAR", "new, changed or deleted, as the planner saw it", Change),
    ("reason_code", "VARCHAR", "short code of the reason, one of ReasonCode (contract/values.py)", ReasonCode),
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
    "articles",
    ("article_id",),
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
    "rejected_articles",
    ("path",),
    "Files that were not ingested, with the reason (contract relation).",
    ("path", "VARCHAR", "path relative to the seeds folder"),
    ("reason", "VARCHAR", "why the file was rejected, in words"),
    ("reason_code", "VARCHAR", "short code of the reason, one of ReasonCode (contract/values.py)", ReasonCode),
    ("content_sha256", "VARCHAR", "null when the file could not be read"),
    ("article_id", "VARCHAR", ""),
    ("file_size", "BIGINT", ""),
    ("file_mtime_ns", "BIGINT", ""),
    ("pipeline_version", "VARCHAR", ""),
    ("batch", "VARCHAR", ""),
)

SENTENCES = _t(
    "sentences",
    ("article_id", "sentence_idx"),
    "Titles, headings and sentences in document order (contract relation).",
    ("article_id", "VARCHAR", ""),
    ("sentence_idx", "INTEGER", "0-based, document order"),
    ("paragraph_idx", "INTEGER", "0-based paragraph (the title counts as one)"),
    ("kind", "VARCHAR", "title, heading or sentence", SentenceKind),
    ("char_start", "INTEGER", "code point offset into the file, inclusive"),
    ("char_end", "INTEGER", "code point offset into the file, exclusive"),
    ("text", "VARCHAR", "cleaned text"),
)

INGEST_BATCHES = _t(
    "ingest_batches",
    ("batch",),
    "One row per published ingest batch.",
    ("batch", "VARCHAR", ""),
    ("published_at", "VARCHAR", "UTC, ISO 8601"),
    ("n_ingested", "INTEGER", ""),
    ("n_rejected", "INTEGER", ""),
    ("n_deleted", "INTEGER", ""),
    ("n_skipped_stale", "INTEGER", "entries whose file changed again before publishing"),
    ("dictionary_set", "VARCHAR", "SHA-256 digest of the dictionary set that coded the batch (dictionary_sets)"),
)

DICTIONARY_SETS = _t(
    "dictionary_sets",
    ("dictionary_set", "position"),
    "The files of each dictionary set a published batch was coded with.",
    ("dictionary_set", "VARCHAR", "SHA-256 digest of the set: its files' roles, names and contents in order"),
    ("position", "INTEGER", "0-based place of the file in the set's merge order"),
    ("folder", "VARCHAR", "the folder as named: `default` (the shipped set) or its absolute path"),
    ("path", "VARCHAR", "absolute path of the file when the set was loaded"),
    ("role", "VARCHAR", "verbs, actors, agents or discards"),
    ("sha256", "VARCHAR", "SHA-256 of the file's bytes"),
    ("n_problems", "INTEGER", "lines of the file reported in dictionary_problems"),
)

DICTIONARY_PROBLEMS = _t(
    "dictionary_problems",
    ("dictionary_set", "file", "line"),
    "Every line of a dictionary set the reader could not take as written, and what it did instead.",
    ("dictionary_set", "VARCHAR", "digest of the set (dictionary_sets)"),
    ("file", "VARCHAR", "file name"),
    ("line", "INTEGER", "1-based line number (0: the file as a whole)"),
    ("message", "VARCHAR", "what is wrong, and what the reader did"),
    ("text", "VARCHAR", "the line as read"),
)

TOKENS = _t(
    "tokens",
    ("article_id", "sentence_idx", "token_idx"),
    "Every token of every row of sentences, with the one parse all later layers read.",
    ("article_id", "VARCHAR", ""),
    ("sentence_idx", "INTEGER", ""),
    ("token_idx", "INTEGER", "0-based within the sentence"),
    ("char_start", "INTEGER", "raw offset into the file"),
    ("char_end", "INTEGER", ""),
    ("text", "VARCHAR", "the token as the model saw it (cleaned)"),
    ("lemma", "VARCHAR", ""),
    ("pos", "VARCHAR", "universal part of speech"),
    ("tag", "VARCHAR", "Penn Treebank tag"),
    ("dep", "VARCHAR", "dependency label"),
    ("head_idx", "INTEGER", "token_idx of the syntactic head (itself for the root)"),
    ("ent_iob", "VARCHAR", "B, I or O from the statistical NER"),
    ("ent_type", "VARCHAR", "OntoNotes label from the statistical NER"),
)

NER_SPANS = _t(
    "ner_spans",
    ("article_id", "sentence_idx", "token_start"),
    "Entity spans as the statistical model found them, before newsfacts' fixes.",
    ("article_id", "VARCHAR", ""),
    ("sentence_idx", "INTEGER", ""),
    ("token_start", "INTEGER", ""),
    ("token_end", "INTEGER", "exclusive"),
    ("char_start", "INTEGER", ""),
    ("char_end", "INTEGER", ""),
    ("text", "VARCHAR", ""),
    ("label", "VARCHAR", "OntoNotes label"),
)

ENTITY_MENTIONS = _t(
    "entity_mentions",
    ("article_id", "sentence_idx", "char_start", "char_end", "label"),
    "Every mention of an entity, and every date and number the model found (contract relation).",
    ("article_id", "VARCHAR", ""),
    ("sentence_idx", "INTEGER", ""),
    ("char_start", "INTEGER", "raw offset into the file"),
    ("char_end", "INTEGER", ""),
    ("text", "VARCHAR", "the raw text of the span"),
    ("label", "VARCHAR", "OntoNotes label"),
    ("entity_id", "VARCHAR", "null for dates, times and numbers"),
    (
        "mention_kind",
        "VARCHAR",
        'name, group ("the Iraqi parliament") or description ("the prime minister")',
        MentionKind,
    ),
    ("source", "VARCHAR", "model, lexicon, propagated, group or description: what found the span"),
    ("token_start", "INTEGER", "token span in the sentence, end exclusive"),
    ("token_end", "INTEGER", ""),
)

ARTICLE_ENTITIES = _t(
    "article_entities",
    ("article_id", "entity_id"),
    "Each entity as one article sees it; the entities view combines them across the corpus.",
    ("article_id", "VARCHAR", ""),
    ("entity_id", "VARCHAR", "hash of entity_key"),
    ("entity_key", "VARCHAR", "what the entity is: country:IRQ, person:..., geonames:<id>, actor:IRQLEG, ..."),
    ("name", "VARCHAR", "canonical name in this article"),
    ("label", "VARCHAR", "OntoNotes label"),
    ("country_code", "VARCHAR", "ISO 3166-1 alpha-3"),
    ("actor_code", "VARCHAR", "CAMEO actor code"),
    ("latitude", "DOUBLE", ""),
    ("longitude", "DOUBLE", ""),
    ("n_mentions", "INTEGER", "mentions in this article"),
    ("actor_code_valid_from", "DATE", "first day of the dictionary's date range the actor code holds in"),
    ("actor_code_valid_until", "DATE", "last day of that range (null: open)"),
    ("actor_code_source", "VARCHAR", "the dictionary file and line the actor code comes from"),
)

EVENTS = _t(
    "events",
    ("article_id", "sentence_idx", "char_start", "event_id"),
    "Coded events: who did what to whom, when and where (contract relation).",
    ("event_id", "VARCHAR", "hash of article, sentence and trigger offsets"),
    ("article_id", "VARCHAR", ""),
    ("sentence_idx", "INTEGER", ""),
    ("char_start", "INTEGER", "the trigger's raw span"),
    ("char_end", "INTEGER", ""),
    ("trigger", "VARCHAR", "the trigger's text"),
    ("verb_lemma", "VARCHAR", "lemma of the trigger word (verb or event noun)"),
    ("source_entity_id", "VARCHAR", ""),
    ("source_text", "VARCHAR", ""),
    ("source_char_start", "INTEGER", ""),
    ("source_char_end", "INTEGER", ""),
    ("source_actor_code", "VARCHAR", "CAMEO actor code"),
    ("target_entity_id", "VARCHAR", ""),
    ("target_text", "VARCHAR", ""),
    ("target_char_start", "INTEGER", ""),
    ("target_char_end", "INTEGER", ""),
    ("target_actor_code", "VARCHAR", ""),
    ("cameo_code", "VARCHAR", "CAMEO event code, e.g. 1312"),
    ("cameo_root", "VARCHAR", "01..20"),
    ("quad_class", "INTEGER", "1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict"),
    ("goldstein", "DOUBLE", "-10..10"),
    ("plover_category", "VARCHAR", ""),
    ("event_date", "DATE", "when the event took place, as far as the text says"),
    ("date_text", "VARCHAR", "the words the date comes from (null when it is the published date)"),
    ("date_precision", "VARCHAR", "day, week, month or year"),
    (
        "date_source",
        "VARCHAR",
        "text (a time expression), or published (the article's date, asserted events only)",
        DateSource,
    ),
    ("location_entity_id", "VARCHAR", ""),
    ("location_text", "VARCHAR", ""),
    ("modality", "VARCHAR", "asserted, negated, hypothetical, future or conditional", Modality),
    ("trigger_kind", "VARCHAR", "verb or noun", TriggerKind),
    ("reported_by_entity_id", "VARCHAR", 'who the sentence attributes the event to ("..., the paper reported")'),
    ("target_inferred", "BOOLEAN", "the target is implicit and taken from the same actor's previous event"),
    ("action_code", "VARCHAR", "for a statement of intent, refusal or demand: the CAMEO code of the action itself"),
    (
        "coded_by",
        "VARCHAR",
        "what gave the code: a dictionary's file:line, or the project lexicon (verb_patterns.csv...)",
    ),
)

QUOTES = _t(
    "quotes",
    ("article_id", "sentence_idx", "char_start"),
    "Direct quotations with their speakers (contract relation).",
    ("article_id", "VARCHAR", ""),
    ("sentence_idx", "INTEGER", "sentence where the quote starts"),
    ("char_start", "INTEGER", "the quoted words, marks excluded"),
    ("char_end", "INTEGER", ""),
    ("text", "VARCHAR", "the quoted words (cleaned)"),
    ("speaker_text", "VARCHAR", ""),
    ("speaker_entity_id", "VARCHAR", ""),
    ("cue_verb", "VARCHAR", "the verb that introduces the quote, as written"),
    ("speaker_char_start", "INTEGER", ""),
    ("speaker_char_end", "INTEGER", ""),
)
