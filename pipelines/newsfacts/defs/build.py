"""All Dagster definitions, assembled in one place from settings."""

from __future__ import annotations

import dagster as dg

from newsfacts.defs.export_assets import export_job, export_sensor, warehouse_export
from newsfacts.defs.io import BatchParquetIOManager
from newsfacts.defs.jobs import BATCH_ASSETS, ingest_batch_job, refresh_views_job
from newsfacts.defs.report_assets import refresh_report_job, report, report_after_publish
from newsfacts.defs.resources import DictionariesResource, NlpResource, WarehouseResource
from newsfacts.defs.sensors import seeds_sensor
from newsfacts.defs.warehouse_assets import warehouse_views
from newsfacts.settings import Settings


def build_definitions(settings: Settings) -> dg.Definitions:
    return dg.Definitions(
        assets=[*BATCH_ASSETS, warehouse_views, report, warehouse_export],
        jobs=[ingest_batch_job, refresh_views_job, refresh_report_job, export_job],
        sensors=[seeds_sensor, report_after_publish, export_sensor],
        resources={
            "warehouse": WarehouseResource(
                duckdb_path=str(settings.warehouse),
                seeds_dir=str(settings.seeds_dir),
                batch_size=settings.batch_size,
                max_article_bytes=settings.max_article_bytes,
                batch_root=settings.batch_root,
                as_of=settings.as_of,
                min_confidence=settings.min_confidence,
            ),
            "nlp": NlpResource(),
            "dictionaries": DictionariesResource(
                folders=list(settings.dictionaries),
                petrarch_compat=settings.coding.petrarch_compat,
                plover_readings=settings.coding.plover_readings,
            ),
            "batch_io": BatchParquetIOManager(duckdb_path=str(settings.warehouse), batch_root=settings.batch_root),
        },
    )
