"""Assets that write the DuckDB warehouse: a batch's rows, and the views."""

from pathlib import Path

import dagster as dg
import polars as pl
from dagster._core.definitions.data_version import CODE_VERSION_TAG

from newsfacts.contract.schema import (
    ARTICLE_ENTITIES,
    ARTICLE_TEXTS,
    ARTICLES,
    DICTIONARY_PROBLEMS,
    DICTIONARY_SETS,
    ENTITY_MENTIONS,
    EVENTS,
    INGEST_BATCHES,
    QUOTES,
    REJECTED_ARTICLES,
    SENTENCES,
)
from newsfacts.defs.metadata import counts_markdown
from newsfacts.defs.partitions import ingest_batches
from newsfacts.defs.resources import WarehouseResource
from newsfacts.ingest.records import ColumnNames
from newsfacts.settings import sql_dir
from newsfacts.versions import code_version, parse_version
from newsfacts.warehouse.manifest import read_manifest
from newsfacts.warehouse.publishing import publish_ingest_batch
from newsfacts.warehouse.store import connect, scalar
from newsfacts.warehouse.views import ViewsRefresh, apply_views, views_digest

# Batch assets whose rows are published as DuckDB tables of the same name, keyed by article_id.
PUBLISHED = (SENTENCES, ENTITY_MENTIONS, ARTICLE_ENTITIES, EVENTS, QUOTES)
ALL_TABLES = (
    ARTICLES,
    REJECTED_ARTICLES,
    ARTICLE_TEXTS,
    *PUBLISHED,
    INGEST_BATCHES,
    DICTIONARY_SETS,
    DICTIONARY_PROBLEMS,
)
# The Dagster concurrency pool of the publish step: the instance's dagster.yaml gives it one slot, so one
# batch publishes at a time across every run of the instance, on any machine (see defs/instance.py).
PUBLISH_POOL = "newsfacts_publish"
WAREHOUSE_VIEWS = dg.AssetKey("warehouse_views")


@dg.asset(
    partitions_def=ingest_batches,
    group_name="warehouse",
    kinds={"duckdb"},
    code_version=code_version("publish"),
    pool=PUBLISH_POOL,
    ins={"raw_articles": dg.AssetIn(), **{t.name: dg.AssetIn() for t in PUBLISHED}},
)
def published_batch(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource, raw_articles: pl.DataFrame, **tables: pl.DataFrame
) -> dg.MaterializeResult:
    """The batch's rows in the DuckDB file, replacing those of its articles in one transaction."""
    manifest = read_manifest(warehouse.layout, context.partition_key)
    seeds_dir = Path(manifest.seeds_dir)  # what the batch read
    # A first run's views come with its first batch, so a user querying during a long run finds them.
    views = ViewsRefresh(sql_dir(), warehouse.min_confidence)
    summary = publish_ingest_batch(
        warehouse.layout,
        seeds_dir,
        context.partition_key,
        raw_articles,
        {t: tables[t.name] for t in PUBLISHED},
        ColumnNames(**manifest.columns),
        views,
        manifest.as_of,
        parse_version(),
    )
    context.log.info(f"published batch {context.partition_key}: {summary.as_counts()}")
    if views.error:  # the batch is published; the views step reports this again at the end
        context.log.warning(f"views not created yet: {views.error}")
    if views.created:  # the views asset's work, done here: the instance (and the UI) records it as its own
        context.log_event(
            dg.AssetMaterialization(
                WAREHOUSE_VIEWS,
                description=f"(re)created by the publish of batch {context.partition_key}",
                metadata={"views": _views_markdown(views.created), "by_batch": context.partition_key},
                tags={CODE_VERSION_TAG: views_digest(sql_dir())},  # as current as the asset's own run would be
            )
        )
    return dg.MaterializeResult(
        metadata={
            "articles_ingested": summary.ingested,
            "articles_rejected": summary.rejected,
            "articles_rejected_new": summary.rejected_new,
            "articles_rejected_changed": summary.rejected_changed,
            "articles_deleted": summary.deleted,
            "near_copies": summary.near_copies,
            "skipped_changed_again": summary.skipped_stale,
            "warehouse": dg.MetadataValue.path(str(warehouse.layout.duckdb_path)),
        }
    )


@dg.asset(deps=[published_batch], group_name="warehouse", kinds={"duckdb", "sql"}, code_version=views_digest(sql_dir()))
def warehouse_views(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    """The aggregated views in sql/, one CREATE VIEW per file, over the published tables."""
    created = apply_views(warehouse.layout, sql_dir(), ALL_TABLES, warehouse.min_confidence)
    con = connect(warehouse.layout.duckdb_path, read_only=True)
    try:
        counts = {
            name: scalar(con, f'SELECT count(*) FROM "{name}"') for name in [t.name for t in ALL_TABLES] + created
        }
    finally:
        con.close()
    return dg.MaterializeResult(
        metadata={
            "views": _views_markdown(created),
            "rows": dg.MetadataValue.md(counts_markdown(counts, "relation", "rows")),
            "articles": counts.get("articles", 0),
        }
    )


def _views_markdown(views: list[str]) -> dg.MetadataValue:
    return dg.MetadataValue.md("\n".join(f"- `{v}`" for v in views))
