"""Batch assets of the event layer: coded events and quotations."""

import dagster as dg
import polars as pl

from newsfacts.contract.schema import EVENTS, QUOTES
from newsfacts.defs.checks import EVENT_CHECKS, event_checks
from newsfacts.defs.entity_assets import batch_output
from newsfacts.defs.metadata import (
    counts_markdown,
    dictionary_metadata,
    frame_metadata,
    markdown_preview,
    record_failures,
)
from newsfacts.defs.partitions import ingest_batches
from newsfacts.defs.resources import DictionariesResource, NlpResource, WarehouseResource
from newsfacts.events.batch_events import batch_event_frames
from newsfacts.warehouse.manifest import read_manifest


@dg.multi_asset(
    partitions_def=ingest_batches,
    outs={
        "events": batch_output("events", "events", "Coded events: who did what to whom, when and where."),
        "quotes": batch_output("events", "events", "Direct quotations with their speakers."),
    },
    check_specs=EVENT_CHECKS,
)
def events_and_quotes(
    context: dg.AssetExecutionContext,
    raw_articles: pl.DataFrame,
    sentences: pl.DataFrame,
    tokens: pl.DataFrame,
    entity_mentions: pl.DataFrame,
    article_entities: pl.DataFrame,
    warehouse: WarehouseResource,
    dictionaries: DictionariesResource,
    nlp: NlpResource,
):
    """Triggers from the kept parse, arguments resolved to entities, CAMEO-coded with modality and dates."""
    dictionary_set = dictionaries.report()

    def progress(done: int, total: int) -> None:
        context.log.info(f"coded the events of {done}/{total} articles")

    failures: dict[str, str] = {}
    events, quotes = batch_event_frames(
        raw_articles,
        sentences,
        tokens,
        entity_mentions,
        article_entities,
        dictionaries.choice(),
        read_manifest(warehouse.layout, context.partition_key).as_of,
        nlp.max_processes,
        failures,
        progress,
    )
    failed = record_failures(context, warehouse, "events", failures)
    by_root = dict(events.group_by("cameo_root").len().sort("cameo_root").iter_rows())
    by_modality = dict(events.group_by("modality").len().sort("len", descending=True).iter_rows())
    dyads = (
        events.filter(pl.col("modality") == "asserted")
        .group_by("source_actor_code", "target_actor_code")
        .len()
        .sort(["len", "source_actor_code", "target_actor_code"], descending=[True, False, False], nulls_last=True)
        .head(10)
    )
    yield dg.Output(
        events,
        output_name="events",
        metadata={
            **frame_metadata(
                events,
                EVENTS,
                [
                    "sentence_idx",
                    "trigger",
                    "source_actor_code",
                    "cameo_code",
                    "target_actor_code",
                    "modality",
                    "event_date",
                ],
            ),
            "by_cameo_root": dg.MetadataValue.md(counts_markdown(by_root, "cameo_root", "events")),
            "by_modality": dg.MetadataValue.md(counts_markdown(by_modality, "modality", "events")),
            "top_dyads": dg.MetadataValue.md(markdown_preview(dyads, None, 10)),
            **failed,
            **dictionary_metadata(dictionary_set),
        },
    )
    yield dg.Output(
        quotes,
        output_name="quotes",
        metadata=frame_metadata(quotes, QUOTES, ["sentence_idx", "text", "speaker_text", "cue_verb"]),
    )
    yield from event_checks(events, article_entities, raw_articles)
