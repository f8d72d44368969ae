"""Asset checks, each its own Dagster op over a batch's stored frames.

The offsets checks block: a batch whose sentences or mentions do not give back
their text from the file fails its run before `published_batch`, so nothing of
it reaches the warehouse. The others warn: the batch lands, and the UI shows
which rows broke which rule. The rules themselves are plain functions in
newsfacts.quality.
"""

import warnings

import dagster as dg
import polars as pl

from newsfacts.defs.metadata import markdown_preview
from newsfacts.defs.partitions import ingest_batches
from newsfacts.events.codebook import codebook
from newsfacts.quality import (
    entities_without_mentions,
    events_with_unknown_codes,
    events_with_unknown_entities,
    implausible_event_dates,
    mention_offset_mismatches,
    out_of_range_goldstein,
    sentence_offset_mismatches,
)

RAW_ARTICLES = {"raw_articles": dg.AssetIn("raw_articles")}
MENTIONS = {"entity_mentions": dg.AssetIn("entity_mentions")}
ENTITIES = {"article_entities": dg.AssetIn("article_entities")}


def batch_check(**kwargs):
    """`dg.asset_check` for one ingest batch. A check per partition is a preview feature of the pinned
    Dagster: it works, and its warning is not for the people running newsfacts."""

    def decorate(fn):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", dg.PreviewWarning)
            return dg.asset_check(partitions_def=ingest_batches, **kwargs)(fn)

    return decorate


EVENT_COLUMNS = ["article_id", "sentence_idx", "trigger", "cameo_code", "goldstein", "event_date"]


def _result(
    bad: pl.DataFrame,
    count_name: str,
    columns: list[str] | None = None,
    severity: dg.AssetCheckSeverity = dg.AssetCheckSeverity.WARN,
) -> dg.AssetCheckResult:
    return dg.AssetCheckResult(
        passed=bad.height == 0,
        severity=severity,
        metadata={count_name: bad.height, "examples": dg.MetadataValue.md(markdown_preview(bad, columns))},
    )


def _offsets_check(asset: str, mismatches, what: str) -> dg.AssetChecksDefinition:
    """A blocking check that each row's offsets give back its text from the file."""

    @batch_check(
        asset=asset,
        name="offsets_match_source",
        blocking=True,
        additional_ins=RAW_ARTICLES,
        description=f"each {what}'s offsets give back its text from the file",
    )
    def offsets_match_source(rows: pl.DataFrame, raw_articles: pl.DataFrame) -> dg.AssetCheckResult:
        return _result(mismatches(raw_articles, rows), "mismatches", severity=dg.AssetCheckSeverity.ERROR)

    return offsets_match_source


sentence_offsets = _offsets_check("sentences", sentence_offset_mismatches, "sentence")
mention_offsets = _offsets_check("entity_mentions", mention_offset_mismatches, "mention")


@batch_check(asset="article_entities", name="every_entity_has_a_mention", additional_ins=MENTIONS)
def entity_mentioned(article_entities: pl.DataFrame, entity_mentions: pl.DataFrame) -> dg.AssetCheckResult:
    """No entity without a mention in its article."""
    return _result(entities_without_mentions(entity_mentions, article_entities), "orphans")


@batch_check(asset="events", name="source_and_target_entities_exist", additional_ins=ENTITIES)
def event_entities_exist(events: pl.DataFrame, article_entities: pl.DataFrame) -> dg.AssetCheckResult:
    """Every source and target entity id is an entity of its article."""
    columns = EVENT_COLUMNS + ["source_entity_id", "target_entity_id"]
    return _result(events_with_unknown_entities(events, article_entities), "failing_rows", columns)


@batch_check(asset="events", name="codes_in_cameo_table")
def event_codes_known(events: pl.DataFrame) -> dg.AssetCheckResult:
    """Every CAMEO code is in the codebook."""
    return _result(events_with_unknown_codes(events, codebook()), "failing_rows", EVENT_COLUMNS)


@batch_check(asset="events", name="goldstein_in_range")
def goldstein_in_range(events: pl.DataFrame) -> dg.AssetCheckResult:
    """Every Goldstein value lies in -10..10."""
    return _result(out_of_range_goldstein(events), "failing_rows", EVENT_COLUMNS)


@batch_check(asset="events", name="dates_near_publication", additional_ins=RAW_ARTICLES)
def event_dates_plausible(events: pl.DataFrame, raw_articles: pl.DataFrame) -> dg.AssetCheckResult:
    """No event dated more than a year after, or ten years before, publication."""
    published = raw_articles.select("article_id", "published_date")
    return _result(implausible_event_dates(events, published), "failing_rows", EVENT_COLUMNS + ["date_text"])


BATCH_CHECKS = [
    sentence_offsets,
    mention_offsets,
    entity_mentioned,
    event_entities_exist,
    event_codes_known,
    goldstein_in_range,
    event_dates_plausible,
]
