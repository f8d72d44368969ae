"""The seeds sensor: new or changed files become an ingest batch without a click."""

import dagster as dg

from newsfacts.defs.jobs import ingest_batch_job, refresh_views_job
from newsfacts.defs.partitions import ingest_batches
from newsfacts.defs.resources import WarehouseResource
from newsfacts.ingest.batching import plan_batches
from newsfacts.settings import sql_dir
from newsfacts.versions import pipeline_version
from newsfacts.warehouse.locks import LockBusy
from newsfacts.warehouse.store import WarehouseBusy, meta_value
from newsfacts.warehouse.views import views_digest

SENSOR_INTERVAL_SECONDS = 30


@dg.sensor(jobs=[ingest_batch_job, refresh_views_job], minimum_interval_seconds=SENSOR_INTERVAL_SECONDS,
           default_status=dg.DefaultSensorStatus.RUNNING)
def seeds_sensor(context: dg.SensorEvaluationContext, warehouse: WarehouseResource):
    """Watches the seeds folder; each tick that finds new, changed or deleted files starts one batch run."""
    try:
        work = plan_batches(warehouse.seeds_path, warehouse.layout, pipeline_version(), warehouse.batch_size)
    except (LockBusy, WarehouseBusy) as e:
        return dg.SkipReason(f"warehouse busy, trying again next tick: {e}")
    except FileNotFoundError as e:
        return dg.SkipReason(str(e))
    keys = [m.batch for m in work.created]
    requests = [dg.RunRequest(run_key=k, partition_key=k, job_name=ingest_batch_job.name) for k in keys]
    digest = views_digest(sql_dir())
    if warehouse.layout.duckdb_path.exists() and meta_value(warehouse.layout, "views_digest") != digest:
        requests.append(dg.RunRequest(run_key=f"views-{digest}", job_name=refresh_views_job.name))
    if not requests:
        return dg.SkipReason(f"no new or changed articles ({work.plan.n_unchanged} unchanged, "
                             f"{work.plan.n_in_flight} in batches under way)")
    plan = work.plan
    context.log.info(f"{plan.count('new')} new, {plan.count('changed')} changed, {plan.count('deleted')} deleted "
                     f"articles in {len(keys)} batch(es)")
    return dg.SensorResult(run_requests=requests,
                           dynamic_partitions_requests=[ingest_batches.build_add_request(keys)] if keys else [])
