"""Running ingest batches on a Dagster instance: from the CLI in-process, and by the sensor.

Both ask the instance what a batch is doing, so the CLI never runs a batch the
UI's daemon is running, and the sensor retries a failed batch a few times.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import dagster as dg
import polars as pl

from newsfacts.defs.jobs import BATCH_ASSETS, ingest_batch_job
from newsfacts.defs.partitions import ingest_batches
from newsfacts.versions import pipeline_version
from newsfacts.warehouse.layout import WarehouseLayout
from newsfacts.warehouse.manifest import BatchManifest

IN_PROGRESS = [dg.DagsterRunStatus.QUEUED, dg.DagsterRunStatus.NOT_STARTED, dg.DagsterRunStatus.STARTING,
               dg.DagsterRunStatus.STARTED, dg.DagsterRunStatus.CANCELING]
PUBLISHED_BATCH = dg.AssetKey("published_batch")
MAX_SENSOR_ATTEMPTS = 3
_INTERRUPTIONS = {"DagsterExecutionInterruptedError", "KeyboardInterrupt"}


def batch_runs(instance: dg.DagsterInstance, batch: str) -> list[dg.DagsterRun]:
    """Runs of the ingest job for a batch, newest first."""
    return list(instance.get_runs(filters=dg.RunsFilter(job_name=ingest_batch_job.name,
                                                        tags={"dagster/partition": batch})))


def in_flight(instance: dg.DagsterInstance, batch: str) -> bool:
    return any(r.status in IN_PROGRESS for r in batch_runs(instance, batch))


def output_assets() -> list[str]:
    return sorted(k.path[-1] for a in BATCH_ASSETS for k in a.keys if k != PUBLISHED_BATCH)


def outputs_ready(layout: WarehouseLayout, batch: str) -> bool:
    """Every batch asset before publishing has its file, built by the code that runs now."""
    if not all(layout.parquet_path(name, batch).exists() for name in output_assets()):
        return False
    versions = pl.read_parquet(layout.parquet_path("raw_articles", batch), columns=["pipeline_version"])
    return set(versions["pipeline_version"].unique()) <= {pipeline_version()}


@dataclass
class BatchOutcome:
    batch: str
    articles: int
    seconds: float
    ok: bool = True
    skipped: str | None = None  # why the batch was not run here
    message: str | None = None  # why it failed
    interrupted: bool = False
    rejected: int = 0
    publish_only: bool = False


def run_batch(instance: dg.DagsterInstance, job: dg.JobDefinition, layout: WarehouseLayout,
              manifest: BatchManifest, verbose: bool = False) -> BatchOutcome:
    """Execute one batch in this process; only its publish step when its outputs are already built."""
    t0 = time.perf_counter()
    n = len(manifest.entries)
    if in_flight(instance, manifest.batch):
        return BatchOutcome(manifest.batch, n, 0.0, skipped="a run of the UI's daemon is processing it")
    if not instance.has_dynamic_partition(ingest_batches.name, manifest.batch):
        instance.add_dynamic_partitions(ingest_batches.name, [manifest.batch])
    publish_only = outputs_ready(layout, manifest.batch)
    result = job.execute_in_process(
        instance=instance, partition_key=manifest.batch, raise_on_error=False,
        run_config={"loggers": {"console": {"config": {"log_level": "WARNING" if verbose else "CRITICAL"}}}},
        asset_selection=[PUBLISHED_BATCH] if publish_only else None,
        tags={"newsfacts/started_by": "cli"})
    outcome = BatchOutcome(manifest.batch, n, time.perf_counter() - t0, result.success, publish_only=publish_only)
    if not result.success:
        outcome.message, outcome.interrupted = failure(result)
        return outcome
    published = result.asset_materializations_for_node("published_batch")
    if published:
        outcome.rejected = int(published[0].metadata["articles_rejected"].value)
    return outcome


def failure(result) -> tuple[str, bool]:
    """One line on why a run failed, and whether it was interrupted (Ctrl-C)."""
    for event in result.all_events:
        if event.is_step_failure:
            err = event.step_failure_data.error
            chain = [err]
            while err.cause is not None:  # the user code's own exception is at the bottom
                err = err.cause
                chain.append(err)
            lines = (err.message or "").strip().splitlines()
            interrupted = any(e.cls_name in _INTERRUPTIONS for e in chain)
            return f"step {event.step_key} failed: {lines[0] if lines else err.cls_name}", interrupted
    return "the run failed", False


def sensor_requests(instance: dg.DagsterInstance, pending: list[BatchManifest]) -> list[dg.RunRequest]:
    """Runs for planned batches that are not running: never run (a tick that stopped half way, a killed
    CLI run), or failed fewer than MAX_SENSOR_ATTEMPTS times."""
    requests = []
    for m in pending:
        runs = batch_runs(instance, m.batch)
        if any(r.status in IN_PROGRESS for r in runs):
            continue
        failed = sum(1 for r in runs if r.status in (dg.DagsterRunStatus.FAILURE, dg.DagsterRunStatus.CANCELED))
        if not runs or (failed == len(runs) and failed < MAX_SENSOR_ATTEMPTS):
            requests.append(dg.RunRequest(run_key=f"{m.batch}:{len(runs)}", partition_key=m.batch,
                                          job_name=ingest_batch_job.name))
    return requests
