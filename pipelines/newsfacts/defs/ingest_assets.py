"""Batch assets of the foundation layer: files read from disk, then sentences."""

from functools import partial
from pathlib import Path
from typing import Any

import dagster as dg
import polars as pl

from newsfacts.contract.schema import RAW_ARTICLES, SENTENCES
from newsfacts.defs.checks import SENTENCE_CHECKS, sentence_checks
from newsfacts.defs.metadata import counts_markdown, frame_metadata, kinds_markdown, record_failures
from newsfacts.defs.partitions import ingest_batches
from newsfacts.defs.resources import DictionariesResource, NlpResource, WarehouseResource
from newsfacts.events.batch_coding import load_once, start_standby
from newsfacts.events.batch_entities import load_entity_coders
from newsfacts.events.batch_events import load_event_coders
from newsfacts.ingest.planning import with_as_of
from newsfacts.ingest.raw_articles import read_batch
from newsfacts.ingest.records import ColumnNames
from newsfacts.text.sentences import sentences_frame
from newsfacts.versions import code_version, pipeline_version
from newsfacts.warehouse.manifest import read_manifest
from newsfacts.warehouse.stored_parse import parse_sources, stored_rows, with_stored

# Any: the shared keyword arguments go to Dagster parameters of different types.
BATCH: dict[str, Any] = dict(partitions_def=ingest_batches, io_manager_key="batch_io", kinds={"polars", "parquet"})


@dg.asset(**BATCH, group_name="ingest", code_version=code_version("raw_articles"))
def raw_articles(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> pl.DataFrame:
    """The files and container records of one ingest batch, decoded with their front matter or
    extracted, or why they were rejected."""
    manifest = read_manifest(warehouse.layout, context.partition_key)
    skipped: dict[str, int] = {}
    frame = read_batch(
        Path(manifest.seeds_dir),
        list(manifest.entries),
        warehouse.max_article_bytes,
        with_as_of(pipeline_version(), manifest.as_of),
        ColumnNames(**manifest.columns),
        skipped,
    )
    status = dict(frame.group_by("status").len().sort("status").iter_rows())
    context.log.info(f"batch {context.partition_key}: {frame.height} files, {status}")
    context.add_output_metadata(
        {
            **frame_metadata(frame, RAW_ARTICLES, ["path", "status", "change", "reason", "title", "published_date"]),
            "by_status": dg.MetadataValue.md(counts_markdown(status, "status", "files")),
            "by_input_kind": dg.MetadataValue.md(kinds_markdown(frame, skipped)),
        }
    )
    return frame


@dg.asset(**BATCH, group_name="ingest", code_version=code_version("sentences"), check_specs=SENTENCE_CHECKS)
def sentences(
    context: dg.AssetExecutionContext,
    raw_articles: pl.DataFrame,
    nlp: NlpResource,
    warehouse: WarehouseResource,
    dictionaries: DictionariesResource,
):
    """Cleaned titles, headings and sentences with their offsets into the raw files."""
    # A small batch's coding worker starts now and loads the coders' data on the other core meanwhile.
    choice = dictionaries.choice()
    start_standby(
        raw_articles,
        nlp.max_processes,
        partial(load_once, partial(load_entity_coders, choice), partial(load_event_coders, choice)),
    )
    failures: dict[str, str] = {}
    # Articles re-coded from a stored parse take their sentences from the batch that stored them.
    manifest = read_manifest(warehouse.layout, context.partition_key)
    stored = stored_rows(warehouse.layout.files, "sentences", parse_sources(manifest.entries))
    taken = stored["article_id"].unique().to_list() if stored is not None else []
    fresh = sentences_frame(raw_articles.filter(~pl.col("article_id").is_in(taken)), nlp.split_paragraphs, failures)
    frame = SENTENCES.conform(with_stored(fresh, stored))
    failed = record_failures(context, warehouse, "sentences", failures)
    kinds = dict(frame.group_by("kind").len().sort("kind").iter_rows())
    yield dg.Output(
        frame,
        metadata={
            **frame_metadata(frame, SENTENCES, ["sentence_idx", "kind", "char_start", "char_end", "text"]),
            "by_kind": dg.MetadataValue.md(counts_markdown(kinds, "kind", "rows")),
            "articles_from_stored_parse": len(taken),
            **failed,
        },
    )
    yield from sentence_checks(frame, raw_articles)
