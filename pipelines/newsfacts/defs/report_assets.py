"""The analysts' report as an asset: rebuilt after each publish, its charts shown in the UI."""

import base64

import dagster as dg

from newsfacts.defs.resources import WarehouseResource
from newsfacts.defs.warehouse_assets import published_batch, warehouse_views
from newsfacts.versions import report_version

# The charts the UI shows as images (the HTML file has them all); each is some 100 KB in the run history.
UI_CHARTS = ("events-per-day", "dyad-network", "event-map", "cameo-roots")


@dg.asset(deps=[warehouse_views], group_name="warehouse", kinds={"html"}, code_version=report_version())
def report(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    """One HTML file of charts and tables over the whole warehouse that opens offline
    (`newsfacts report` writes the same for a date range or an actor)."""
    # Imported here: every `newsfacts run` loads these definitions, and the charting library is a third
    # of a second of a one-article run's start.
    from newsfacts.report.build import build_report, chart_png

    built = build_report(warehouse.layout.duckdb_path, warehouse.layout.report_path)
    context.log.info(f"report of {built.n_events} events in {built.seconds} s -> {built.path}")
    charts = {
        f"chart: {name}": dg.MetadataValue.md(
            f"![{name}](data:image/png;base64,{base64.b64encode(chart_png(built.specs[name])).decode()})"
        )
        for name in UI_CHARTS
    }
    return dg.MaterializeResult(
        metadata={
            "html": dg.MetadataValue.path(str(built.path)),
            "size_mb": round(built.size_bytes / 1e6, 2),
            "events": built.n_events,
            "quotations": built.n_quotes,
            "build_seconds": built.seconds,
            **charts,
        }
    )


refresh_report_job = dg.define_asset_job(
    "refresh_report",
    selection=dg.AssetSelection.assets(report),
    executor_def=dg.in_process_executor,
    description="Rebuild the HTML report over the warehouse.",
)


@dg.asset_sensor(
    asset_key=published_batch.key,
    job=refresh_report_job,
    minimum_interval_seconds=10,
    default_status=dg.DefaultSensorStatus.RUNNING,
)
def report_after_publish(context: dg.SensorEvaluationContext, asset_event: dg.EventLogEntry):
    """A published batch asks for a new report; batches published between two ticks share one."""
    return dg.RunRequest(run_key=f"report-after-{asset_event.run_id}-{asset_event.timestamp}")
