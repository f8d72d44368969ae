"""The data-quality panel: what was ingested and turned away, and the asset checks' rules run over
the whole warehouse (the Dagster checks run them per batch)."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import polars as pl

from newsfacts.events.codebook import codebook
from newsfacts.quality import (
    entities_without_mentions,
    events_with_unknown_codes,
    events_with_unknown_entities,
    implausible_event_dates,
    out_of_range_goldstein,
)
from newsfacts.report.aggregates import query_frame
from newsfacts.warehouse.store import scalar

# The offsets checks block a batch before it is published, so every published row passed them.
BLOCKING_CHECKS = ("sentences: offsets_match_source", "entity_mentions: offsets_match_source")


@dataclass(frozen=True)
class CheckResult:
    name: str  # asset: check, as the Dagster UI names it
    failing: int | None  # None: enforced before publishing, not counted here


@dataclass(frozen=True)
class DataQuality:
    articles: int
    duplicates: int
    rejections: pl.DataFrame  # reason_code, n_files, example_reason
    checks: list[CheckResult]


EVENT_COLUMNS = (
    "event_id, article_id, cameo_code, goldstein, event_date, source_entity_id, target_entity_id, location_entity_id"
)


def data_quality(con: duckdb.DuckDBPyConnection) -> DataQuality:
    events = query_frame(con, f"SELECT {EVENT_COLUMNS} FROM events")
    known = query_frame(con, "SELECT article_id, entity_id FROM article_entities")
    mentioned = query_frame(
        con, "SELECT DISTINCT article_id, entity_id FROM entity_mentions WHERE entity_id IS NOT NULL"
    )
    published = query_frame(con, "SELECT article_id, published_date FROM articles")
    counted = {
        "article_entities: every_entity_has_a_mention": entities_without_mentions(mentioned, known),
        "events: source_and_target_entities_exist": events_with_unknown_entities(events, known),
        "events: codes_in_cameo_table": events_with_unknown_codes(events.drop_nulls("cameo_code"), codebook()),
        "events: goldstein_in_range": out_of_range_goldstein(events.drop_nulls("goldstein")),
        "events: dates_near_publication": implausible_event_dates(events, published),
    }
    return DataQuality(
        articles=scalar(con, "SELECT count(*) FROM articles"),
        duplicates=scalar(con, "SELECT count(duplicate_of) FROM articles"),
        rejections=query_frame(con, "SELECT reason_code, n_files, example_reason FROM v_rejections_by_reason"),
        checks=[CheckResult(name, None) for name in BLOCKING_CHECKS]
        + [CheckResult(name, frame.height) for name, frame in counted.items()],
    )
