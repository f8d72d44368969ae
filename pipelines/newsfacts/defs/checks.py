"""Asset checks of a batch's rows, evaluated in the step that made them.

The offsets checks block: a batch whose sentences or mentions do not give back
their text from the file fails its run before `published_batch`, so nothing of
it reaches the warehouse. The others warn: the batch lands, and the UI shows
which rows broke which rule. The rules themselves are plain functions in
newsfacts.quality.

Each asset declares its checks' specs and returns their results with its
outputs. As ops of their own, the seven checks would each read their frames back
from Parquet and add a step of ten-odd events to every batch run: a third of the
events, and a second, of a one-article run.
"""

import dagster as dg
import polars as pl

from newsfacts.defs.metadata import markdown_preview
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

EVENT_COLUMNS = ["article_id", "sentence_idx", "trigger", "cameo_code", "goldstein", "event_date"]
OFFSETS = "offsets_match_source"


def _offsets_spec(asset: str, what: str) -> dg.AssetCheckSpec:
    return dg.AssetCheckSpec(
        OFFSETS, asset=asset, blocking=True, description=f"each {what}'s offsets give back its text from the file"
    )


SENTENCE_CHECKS = [_offsets_spec("sentences", "sentence")]
ENTITY_CHECKS = [
    _offsets_spec("entity_mentions", "mention"),
    dg.AssetCheckSpec(
        "every_entity_has_a_mention", asset="article_entities", description="no entity without a mention in its article"
    ),
]
EVENT_CHECKS = [
    dg.AssetCheckSpec(
        "source_and_target_entities_exist",
        asset="events",
        description="every source and target entity id is an entity of its article",
    ),
    dg.AssetCheckSpec("codes_in_cameo_table", asset="events", description="every CAMEO code is in the codebook"),
    dg.AssetCheckSpec("goldstein_in_range", asset="events", description="every Goldstein value lies in -10..10"),
    dg.AssetCheckSpec(
        "dates_near_publication",
        asset="events",
        description="no event dated more than a year after, or ten years before, publication",
    ),
]


def _result(
    spec: dg.AssetCheckSpec,
    bad: pl.DataFrame,
    count_name: str,
    columns: list[str] | None = None,
    severity: dg.AssetCheckSeverity = dg.AssetCheckSeverity.WARN,
) -> dg.AssetCheckResult:
    return dg.AssetCheckResult(
        asset_key=spec.asset_key,
        check_name=spec.name,
        passed=bad.height == 0,
        severity=severity,
        metadata={count_name: bad.height, "examples": dg.MetadataValue.md(markdown_preview(bad, columns))},
    )


def sentence_checks(sentences: pl.DataFrame, raw_articles: pl.DataFrame) -> list[dg.AssetCheckResult]:
    (offsets,) = SENTENCE_CHECKS
    mismatches = sentence_offset_mismatches(raw_articles, sentences)
    return [_result(offsets, mismatches, "mismatches", severity=dg.AssetCheckSeverity.ERROR)]


def entity_checks(
    entity_mentions: pl.DataFrame, article_entities: pl.DataFrame, raw_articles: pl.DataFrame
) -> list[dg.AssetCheckResult]:
    offsets, mentioned = ENTITY_CHECKS
    mismatches = mention_offset_mismatches(raw_articles, entity_mentions)
    return [
        _result(offsets, mismatches, "mismatches", severity=dg.AssetCheckSeverity.ERROR),
        _result(mentioned, entities_without_mentions(entity_mentions, article_entities), "orphans"),
    ]


def event_checks(
    events: pl.DataFrame, article_entities: pl.DataFrame, raw_articles: pl.DataFrame
) -> list[dg.AssetCheckResult]:
    entities_exist, codes_known, goldstein, dates = EVENT_CHECKS
    published = raw_articles.select("article_id", "published_date")
    return [
        _result(
            entities_exist,
            events_with_unknown_entities(events, article_entities),
            "failing_rows",
            EVENT_COLUMNS + ["source_entity_id", "target_entity_id"],
        ),
        _result(codes_known, events_with_unknown_codes(events, codebook()), "failing_rows", EVENT_COLUMNS),
        _result(goldstein, out_of_range_goldstein(events), "failing_rows", EVENT_COLUMNS),
        _result(dates, implausible_event_dates(events, published), "failing_rows", EVENT_COLUMNS + ["date_text"]),
    ]
