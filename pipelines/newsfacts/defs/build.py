"""All Dagster definitions, assembled in one place from settings."""

from __future__ import annotations

import dagster as dg

from newsfacts.defs.checks import BATCH_CHECKS
from newsfacts.defs.export_assets import export_job, export_sensor, warehouse_export
from newsfacts.defs.io import BatchParquetIOManager
from newsfacts.defs.jobs import BATCH_ASSETS, ingest_batch_job, refresh_views_job
from newsfacts.defs.resources import DictionariesResource, NlpResource, WarehouseResource
from newsfacts.defs.sensors import seeds_sensor
from newsfacts.defs.warehouse_assets import warehouse_views
from newsfacts.settings import Settings


def build_definitions(settings: Settings) -> dg.Definitions:
    return dg.Definitions(
        assets=[*BATCH_ASSETS, warehouse_views, warehouse_export],
        asset_checks=BATCH_CHECKS,
        jobs=[ingest_batch_job, refresh_views_job, export_job],
        sensors=[seeds_sensor, export_sensor],
        resources={
            "warehouse": WarehouseResource(
                duckdb_path=str(settings.warehouse),
                seeds_dir=str(settings.seeds_dir),
                batch_size=settings.batch_size,
                max_article_bytes=settings.max_article_bytes,
            ),
            "nlp": NlpResource(),
            "dictionaries": DictionariesResource(folders=list(settings.dictionaries)),
            "batch_io": BatchParquetIOManager(duckdb_path=str(settings.warehouse)),
        },
    )
