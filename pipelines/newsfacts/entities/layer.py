"""The entity layer over a batch: parse frames in, mention and entity frames out."""

from __future__ import annotations

import datetime as dt

import polars as pl

from newsfacts.contract.failures import ArticleFailures
from newsfacts.contract.schema import ARTICLE_ENTITIES, ENTITY_MENTIONS, RowFrames
from newsfacts.dictionaries.actors import ActorEntry
from newsfacts.dictionaries.index import PhraseTable
from newsfacts.entities.dictionary_actors import add_dictionary_actors
from newsfacts.entities.gazetteer import Gazetteer
from newsfacts.entities.geocode import Geocoder
from newsfacts.entities.mentions import detect_mentions, model_mentions
from newsfacts.entities.resolve import entity_id, resolve_article
from newsfacts.nlp.doc import ParsedArticle, build_articles


def entity_frames(
    raw_articles: pl.DataFrame,
    sentences: pl.DataFrame,
    tokens: pl.DataFrame,
    ner_spans: pl.DataFrame,
    gaz: Gazetteer,
    geo: Geocoder,
    failures: dict[str, str] | None = None,
    actors: PhraseTable[ActorEntry] | None = None,
    as_of: dt.date | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(entity_mentions, article_entities) for every article of a batch; an article that fails is
    left out and recorded in `failures`. With a dictionary set's actors, names they know are found too,
    coded as of the article's date, else `as_of` (the --as-of date; None: without a date)."""
    countries = frozenset(gaz.country_names)
    model = model_mentions(ner_spans)

    windowed: set[str] = set()  # long articles, coded in windows (see build_articles)

    def resolved(article: ParsedArticle):
        if article.window is not None:
            windowed.add(article.article_id)
        spans = [m for m in model.get(article.article_id, []) if article.holds(m.sentence_idx)]
        mentions = detect_mentions(article, spans, gaz, geo)
        if actors is not None:
            mentions = add_dictionary_actors(article, mentions, actors, countries, article.published or as_of)
        return resolve_article(article, mentions, gaz, geo, as_of)

    mention_rows, entity_rows = RowFrames(ENTITY_MENTIONS), RowFrames(ARTICLE_ENTITIES)
    articles = build_articles(raw_articles, sentences, tokens)
    failed = ArticleFailures("entities", failures)
    for article, (mentions, entities) in failed.each(articles, lambda a: a.article_id, resolved):
        for m in mentions:
            a, b = article.raw_span(m)
            mention_rows.append(
                {
                    "article_id": article.article_id,
                    "sentence_idx": m.sentence_idx,
                    "char_start": a,
                    "char_end": b,
                    "text": article.text[a:b],
                    "label": m.label,
                    "entity_id": entity_id(m.key) if m.key else None,
                    "mention_kind": m.kind,
                    "source": m.source,
                    "token_start": m.start,
                    "token_end": m.end,
                }
            )
        for e in entities:
            entity_rows.append(
                {
                    "article_id": article.article_id,
                    "entity_id": e.entity_id,
                    "entity_key": e.key,
                    "name": e.name,
                    "label": e.label,
                    "country_code": e.country_code,
                    "actor_code": e.actor_code,
                    "latitude": e.latitude,
                    "longitude": e.longitude,
                    "n_mentions": e.n_mentions,
                    "actor_code_valid_from": e.code_valid_from,
                    "actor_code_valid_until": e.code_valid_until,
                    "actor_code_source": e.code_source,
                }
            )
    mentions_frame = ENTITY_MENTIONS.joined(mention_rows.frames())
    entities_frame = ARTICLE_ENTITIES.joined(entity_rows.frames())
    if windowed:
        entities_frame = _merged_windows(entities_frame, windowed)
        # A long article failed in one window is left out whole, as any failed article is.
        dropped = pl.col("article_id").is_in(list(windowed & failed.reasons.keys()))
        mentions_frame, entities_frame = mentions_frame.filter(~dropped), entities_frame.filter(~dropped)
    return mentions_frame, entities_frame


def _merged_windows(entities: pl.DataFrame, windowed: set[str]) -> pl.DataFrame:
    """One row per entity of a long article coded in windows: the first window's, with the mentions
    of all its windows counted."""
    of_windows = pl.col("article_id").is_in(list(windowed))
    merged = (
        entities.filter(of_windows)
        .group_by("article_id", "entity_id", maintain_order=True)
        .agg(pl.exclude("n_mentions").first(), pl.col("n_mentions").sum())
    )
    return ARTICLE_ENTITIES.conform(pl.concat([entities.filter(~of_windows), merged.select(entities.columns)]))
