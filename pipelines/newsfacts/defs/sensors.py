"""The seeds sensor: new or changed files become an ingest batch without a click."""

import dagster as dg

from newsfacts.defs.jobs import ingest_batch_job, refresh_views_job
from newsfacts.defs.partitions import INGEST_BATCHES, ingest_batches
from newsfacts.defs.resources import WarehouseResource
from newsfacts.defs.runs import sensor_requests, settled_dead_runs
from newsfacts.ingest.planning import AsOfInvalid
from newsfacts.orchestration import SeedsMismatch, plan_batches
from newsfacts.settings import sql_dir
from newsfacts.versions import parse_version, pipeline_version
from newsfacts.warehouse.locks import LockBusy
from newsfacts.warehouse.store import WarehouseBusy
from newsfacts.warehouse.views import threshold_text, views_digest, views_stale

SENSOR_INTERVAL_SECONDS = 30


@dg.sensor(
    jobs=[ingest_batch_job, refresh_views_job],
    minimum_interval_seconds=SENSOR_INTERVAL_SECONDS,
    default_status=dg.DefaultSensorStatus.RUNNING,
)
def seeds_sensor(context: dg.SensorEvaluationContext, warehouse: WarehouseResource):
    """Watches the seeds folder; each tick that finds new, changed or deleted files plans one batch
    run, and starts again any planned batch that is not running (retrying a failed one a few times)."""
    try:
        work = plan_batches(
            warehouse.seeds_path,
            warehouse.layout,
            pipeline_version(),
            warehouse.batch_size,
            as_of=warehouse.as_of,
            parse_version=parse_version(),
        )
        stale = warehouse.layout.duckdb_path.exists() and views_stale(
            warehouse.layout, sql_dir(), warehouse.min_confidence
        )
    except (LockBusy, WarehouseBusy) as e:
        return dg.SkipReason(f"warehouse busy, trying again next tick: {e}")
    except (FileNotFoundError, SeedsMismatch, AsOfInvalid) as e:
        return dg.SkipReason(str(e))
    for name in work.unnamed:
        context.log.warning(f"left out {name}: its file name is not valid UTF-8")
    dead_runs = settled_dead_runs(context.instance)  # of any batch: one may hold the publish slot
    requests = sensor_requests(context.instance, work.batches, dead_runs)
    for note in dead_runs:
        context.log.warning(note)
    if stale:
        key = f"views-{views_digest(sql_dir())}-{threshold_text(warehouse.min_confidence)}"
        requests.append(dg.RunRequest(run_key=key, job_name=refresh_views_job.name))
    new_keys = [
        r.partition_key
        for r in requests
        if r.partition_key and not context.instance.has_dynamic_partition(INGEST_BATCHES, r.partition_key)
    ]
    if not requests:
        return dg.SkipReason(
            f"no new or changed articles ({work.plan.n_unchanged} unchanged, "
            f"{work.plan.n_in_flight} in batches under way)"
        )
    plan = work.plan
    context.log.info(
        f"{plan.count('new')} new, {plan.count('changed')} changed, {plan.count('deleted')} deleted "
        f"articles in {len(work.created)} new batch(es); {len(requests)} run(s) requested"
    )
    return dg.SensorResult(
        run_requests=requests,
        dynamic_partitions_requests=[ingest_batches.build_add_request(new_keys)] if new_keys else [],
    )
