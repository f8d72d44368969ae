"""Run the pure per-batch functions on a few texts, the way the batch assets do."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from newsfacts.dictionaries import load
from newsfacts.entities.gazetteer import gazetteer
from newsfacts.entities.geocode import geocoder
from newsfacts.entities.layer import entity_frames
from newsfacts.events.codebook import codebook
from newsfacts.events.dictionary_coding import CodingDictionaries, coding_dictionaries
from newsfacts.events.layer import event_frames
from newsfacts.events.patterns import pattern_book
from newsfacts.ingest.planning import PlanEntry
from newsfacts.ingest.raw_articles import read_batch
from newsfacts.ingest.scan import article_id_for
from newsfacts.nlp.model import parse_pipeline, sentence_pipeline
from newsfacts.nlp.parse import parse_sentences, sentence_refs
from newsfacts.text.segmentation import SentenceSplitter
from newsfacts.text.sentences import sentences_frame


@dataclass
class Layers:
    raw: pl.DataFrame
    sentences: pl.DataFrame
    tokens: pl.DataFrame
    ner_spans: pl.DataFrame
    mentions: pl.DataFrame
    entities: pl.DataFrame
    events: pl.DataFrame
    quotes: pl.DataFrame

    def entity(self, name: str) -> dict:
        rows = self.entities.filter(pl.col("name") == name).to_dicts()
        assert len(rows) == 1, f"{len(rows)} entities named {name!r}: {self.entities['name'].to_list()}"
        return rows[0]


def process(
    folder: Path,
    files: dict[str, str],
    published: dt.date | None = None,
    dictionaries: CodingDictionaries | None = None,
    petrarch_compat: bool = False,
    as_of: dt.date | None = None,
) -> Layers:
    """The batch layers over the files, coded with the given dictionary set (the shipped default one
    unless told), as a run would code them (with PETRARCH's grammar if told)."""
    dictionaries = dictionaries or coding_dictionaries(load())
    folder.mkdir(parents=True, exist_ok=True)
    for rel, text in files.items():
        (folder / rel).write_text(text, encoding="utf-8")
    entries = [PlanEntry(rel, article_id_for(rel), "new") for rel in sorted(files)]
    raw = read_batch(folder, entries, 5_000_000, "test")
    if published is not None:
        raw = raw.with_columns(pl.lit(published).alias("published_date"))
    sentences = sentences_frame(raw, SentenceSplitter(sentence_pipeline()).split)
    tokens, spans = parse_sentences(sentence_refs(raw, sentences), parse_pipeline())
    mentions, entities = entity_frames(
        raw, sentences, tokens, spans, gazetteer(), geocoder(), actors=dictionaries.actors
    )
    events, quotes = event_frames(
        raw,
        sentences,
        tokens,
        mentions,
        entities,
        pattern_book(),
        codebook(),
        dictionaries=dictionaries,
        petrarch_compat=petrarch_compat,
        as_of=as_of,
    )
    return Layers(raw, sentences, tokens, spans, mentions, entities, events, quotes)
