"""Batch assets of the entity layer: one parse of every sentence, then mentions and entities."""

import dagster as dg
import polars as pl

from newsfacts.contract.schema import ARTICLE_ENTITIES, ENTITY_MENTIONS, NER_SPANS, TOKENS
from newsfacts.defs.checks import ENTITY_CHECKS, entity_checks
from newsfacts.defs.metadata import (
    counts_markdown,
    dictionary_metadata,
    frame_metadata,
    markdown_preview,
    record_failures,
)
from newsfacts.defs.partitions import ingest_batches
from newsfacts.defs.resources import DictionariesResource, NlpResource, WarehouseResource
from newsfacts.events.batch_entities import batch_entity_frames
from newsfacts.nlp.parse import sentence_refs
from newsfacts.nlp.workers import ParseStats, parse_in_workers
from newsfacts.versions import code_version
from newsfacts.warehouse.dictionary_record import write_dictionary_record
from newsfacts.warehouse.manifest import read_manifest
from newsfacts.warehouse.stored_parse import parse_sources, stored_rows, with_stored


def batch_output(group: str, layer: str, description: str) -> dg.AssetOut:
    """One output of a batch multi-asset: Parquet per batch, versioned with its layer's code."""
    return dg.AssetOut(
        io_manager_key="batch_io",
        kinds={"polars", "parquet"},
        group_name=group,
        code_version=code_version(layer),
        description=description,
    )


@dg.multi_asset(
    partitions_def=ingest_batches,
    outs={
        "tokens": batch_output(
            "nlp",
            "parse",
            "Every token with lemma, part of speech, dependency and head: the "
            "one parse the entity and event layers read.",
        ),
        "ner_spans": batch_output("nlp", "parse", "Entity spans as spaCy's statistical NER found them."),
    },
)
def tokens_and_ner_spans(
    context: dg.AssetExecutionContext,
    raw_articles: pl.DataFrame,
    sentences: pl.DataFrame,
    nlp: NlpResource,
    warehouse: WarehouseResource,
):
    """spaCy over every sentence of the batch, in worker processes that hold the model; articles re-coded
    from a stored parse take its tokens and spans instead."""
    files = warehouse.layout.files
    sources = parse_sources(read_manifest(warehouse.layout, context.partition_key).entries)
    stored_tokens = stored_rows(files, "tokens", sources)
    taken = set(stored_tokens["article_id"].unique().to_list()) if stored_tokens is not None else set()
    stored_spans = stored_rows(files, "ner_spans", {b: [a for a in ids if a in taken] for b, ids in sources.items()})
    refs = sentence_refs(raw_articles, sentences.filter(~pl.col("article_id").is_in(list(taken))))

    def progress(done: int, total: int) -> None:
        context.log.info(f"parsed {done}/{total} sentences")

    stats = ParseStats()
    tokens, spans = parse_in_workers(refs, nlp.processes_for(len(refs)), nlp.batch_size, progress, stats)
    tokens, spans = (
        TOKENS.conform(with_stored(tokens, stored_tokens)),
        NER_SPANS.conform(with_stored(spans, stored_spans)),
    )
    labels = dict(spans.group_by("label").len().sort("len", descending=True).iter_rows())
    yield dg.Output(
        tokens,
        output_name="tokens",
        metadata={
            **frame_metadata(tokens, TOKENS, ["sentence_idx", "token_idx", "text", "lemma", "pos", "dep", "head_idx"]),
            "parse_workers": stats.workers,
            "parse_wall_seconds": round(stats.wall_seconds, 2),
            "parse_cpu_seconds": round(stats.cpu_seconds, 2),
            "parse_cpu_per_wall": round(stats.cpu_per_wall, 2),
            "articles_from_stored_parse": len(taken),
        },
    )
    yield dg.Output(
        spans,
        output_name="ner_spans",
        metadata={
            **frame_metadata(spans, NER_SPANS, ["sentence_idx", "text", "label"]),
            "by_label": dg.MetadataValue.md(counts_markdown(labels, "label", "spans")),
        },
    )


@dg.multi_asset(
    partitions_def=ingest_batches,
    outs={
        "entity_mentions": batch_output(
            "entities", "entities", "Mentions of entities, dates and numbers, with entity ids."
        ),
        "article_entities": batch_output(
            "entities", "entities", "Each entity as one article sees it: name, label, country, actor code, coordinates."
        ),
    },
    check_specs=ENTITY_CHECKS,
)
def mentions_and_entities(
    context: dg.AssetExecutionContext,
    raw_articles: pl.DataFrame,
    sentences: pl.DataFrame,
    tokens: pl.DataFrame,
    ner_spans: pl.DataFrame,
    warehouse: WarehouseResource,
    dictionaries: DictionariesResource,
    nlp: NlpResource,
):
    """Model spans corrected by lexicons and by the article itself, resolved to canonical entities."""
    # The first layer that reads the dictionaries records which set coded the batch.
    dictionary_set = dictionaries.report()
    write_dictionary_record(warehouse.layout, context.partition_key, dictionary_set)

    def progress(done: int, total: int) -> None:
        context.log.info(f"coded the entities of {done}/{total} articles")

    failures: dict[str, str] = {}
    mentions, ents = batch_entity_frames(
        raw_articles,
        sentences,
        tokens,
        ner_spans,
        dictionaries.choice(),
        read_manifest(warehouse.layout, context.partition_key).as_of,
        nlp.max_processes,
        failures,
        progress,
    )
    failed = record_failures(context, warehouse, "entities", failures)
    labels = dict(mentions.group_by("label").len().sort("len", descending=True).iter_rows())
    top = (
        ents.group_by("entity_id")
        .agg(pl.col("name").first(), pl.col("label").first(), pl.col("actor_code").first(), pl.col("n_mentions").sum())
        .sort(["n_mentions", "name"], descending=[True, False])
        .head(10)
    )
    yield dg.Output(
        mentions,
        output_name="entity_mentions",
        metadata={
            **frame_metadata(mentions, ENTITY_MENTIONS, ["sentence_idx", "text", "label", "mention_kind", "entity_id"]),
            "by_label": dg.MetadataValue.md(counts_markdown(labels, "label", "mentions")),
            **failed,
            **dictionary_metadata(dictionary_set),
        },
    )
    yield dg.Output(
        ents,
        output_name="article_entities",
        metadata={
            **frame_metadata(ents, ARTICLE_ENTITIES, ["name", "label", "country_code", "actor_code", "n_mentions"]),
            "top_entities": dg.MetadataValue.md(
                markdown_preview(top, ["name", "label", "actor_code", "n_mentions"], 10)
            ),
        },
    )
    yield from entity_checks(mentions, ents, raw_articles)
