"""The export asset: the warehouse written as files in one of the export formats, and the sensor (off by
default) that writes them again after each publish."""

from pathlib import Path

import dagster as dg

from newsfacts.contract.values import ExportFormat
from newsfacts.defs.resources import WarehouseResource
from newsfacts.defs.warehouse_assets import warehouse_views
from newsfacts.warehouse.store import WarehouseBusy, connect, scalar


class ExportConfig(dg.Config):
    format: str = ExportFormat.GDELT.value  # gdelt, plover, parquet or csv
    out: str = ""  # folder; default: <warehouse>_batches/export/<format>


@dg.asset(deps=[warehouse_views], group_name="export", kinds={"duckdb"})
def warehouse_export(
    context: dg.AssetExecutionContext, config: ExportConfig, warehouse: WarehouseResource
) -> dg.MaterializeResult:
    """The warehouse as GDELT 2.0, PLOVER JSON lines, Parquet or CSV files, as `newsfacts export` writes them."""
    from newsfacts.export.run import export_warehouse  # here: every `newsfacts run` loads these definitions

    fmt = ExportFormat(config.format)
    out = Path(config.out) if config.out else warehouse.layout.batches_dir / "export" / fmt.value
    summary = export_warehouse(warehouse.layout.duckdb_path, fmt, out)
    context.log.info(f"exported {summary.line()} to {out}{summary.accounting()}")
    return dg.MaterializeResult(
        metadata={
            "format": fmt.value,
            "files": len(summary.files),
            "rows": summary.rows,
            "folder": dg.MetadataValue.path(str(out)),
        }
    )


export_job = dg.define_asset_job(
    "export_warehouse",
    selection=dg.AssetSelection.assets(warehouse_export),
    executor_def=dg.in_process_executor,
    description="Write the warehouse as export files (GDELT 2.0 by default).",
)


@dg.sensor(job=export_job, minimum_interval_seconds=60, default_status=dg.DefaultSensorStatus.STOPPED)
def export_sensor(context: dg.SensorEvaluationContext, warehouse: WarehouseResource):
    """Off by default: once turned on, writes the export files again after each published batch."""
    if not warehouse.layout.duckdb_path.exists():
        return dg.SkipReason("no warehouse yet")
    try:
        con = connect(warehouse.layout.duckdb_path, read_only=True, timeout=1)
    except WarehouseBusy as e:
        return dg.SkipReason(f"warehouse busy, trying again next tick: {e}")
    try:
        last = scalar(con, "SELECT count(*) || '@' || coalesce(max(published_at), '') FROM ingest_batches")
    finally:
        con.close()
    if last == context.cursor:
        return dg.SkipReason("no batch published since the last export")
    context.update_cursor(last)
    return dg.RunRequest(run_key=last)
