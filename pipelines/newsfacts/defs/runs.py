"""Running ingest batches on a Dagster instance: from the CLI in-process, and by the sensor.

Both ask the instance what a batch is doing, so the CLI never runs a batch the
UI's daemon is running, and the sensor retries a failed batch a few times.

A run killed with SIGKILL (or by the out-of-memory killer) cannot record its
end: it stays STARTED in the instance. So a run counts as under way only
while the process running it is alive: the CLI tags its runs with its pid,
host and start time, and a run the UI's daemon launched logs its worker's pid
when it starts. A run whose process is gone is marked failed, with the
reason, and its batch is run again.
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import cast

import dagster as dg
from dagster._core.launcher import DefaultRunLauncher

from newsfacts.defs.jobs import BATCH_ASSETS, ingest_batch_job
from newsfacts.defs.partitions import INGEST_BATCHES
from newsfacts.ingest.planning import with_as_of
from newsfacts.processes import is_running, own_start_time, this_host
from newsfacts.versions import pipeline_version
from newsfacts.warehouse.batch_files import parquet_key
from newsfacts.warehouse.layout import WarehouseLayout
from newsfacts.warehouse.manifest import BatchManifest

IN_PROGRESS = [
    dg.DagsterRunStatus.QUEUED,
    dg.DagsterRunStatus.NOT_STARTED,
    dg.DagsterRunStatus.STARTING,
    dg.DagsterRunStatus.STARTED,
    dg.DagsterRunStatus.CANCELING,
]
PUBLISHED_BATCH = dg.AssetKey("published_batch")
MAX_SENSOR_ATTEMPTS = 3
_INTERRUPTIONS = {"DagsterExecutionInterruptedError", "KeyboardInterrupt"}
PID_TAG, HOST_TAG, STARTED_TAG = "newsfacts/pid", "newsfacts/host", "newsfacts/process_started"
# The daemon beats every 30 s; three beats missed and nobody will launch a queued run.
DAEMON_SILENT_SECONDS = 120
LAUNCH_TIMEOUT_SECONDS = 300  # a run still STARTING after this never got a process
SETTLE_EVERY_SECONDS = 10.0  # how soon a publisher killed while others wait for its slot is found


def owner_tags() -> dict[str, str]:
    """Tags naming the process that runs a batch in-process, so a later run can tell if it died."""
    started = own_start_time()
    return {
        PID_TAG: str(os.getpid()),
        HOST_TAG: this_host(),
        **({STARTED_TAG: f"{started:.2f}"} if started is not None else {}),
    }


def batch_runs(instance: dg.DagsterInstance, batch: str) -> list[dg.RunRecord]:
    """Runs of a batch, newest first: of the ingest job, or of its Celery twin (defs/celery_runs.py)."""
    return list(instance.get_run_records(filters=dg.RunsFilter(tags={"dagster/partition": batch})))


def _run_process(instance: dg.DagsterInstance, record: dg.RunRecord) -> tuple[int, float | None] | None:
    """(pid, a moment the process was known to run) of the process running a run, if it has one."""
    tags = record.dagster_run.tags
    if PID_TAG in tags:
        return int(tags[PID_TAG]), float(tags[STARTED_TAG]) if STARTED_TAG in tags else None
    for entry in instance.all_logs(record.dagster_run.run_id, of_type=dg.DagsterEventType.ENGINE_EVENT):
        pid = entry.dagster_event.engine_event_data.metadata.get("pid") if entry.dagster_event else None
        if pid is not None:  # "Started process for run (pid: N)", logged by the run worker itself
            return int(cast(str | int, pid.value)), entry.timestamp  # Dagster logs it as text or a number
    return None


def _daemon_alive(instance: dg.DagsterInstance) -> bool:
    beats = instance.get_daemon_heartbeats().values()
    return any(time.time() - b.timestamp < DAEMON_SILENT_SECONDS for b in beats)


def why_dead(instance: dg.DagsterInstance, record: dg.RunRecord) -> str | None:
    """Why a run the instance shows under way will never finish, or None if it may."""
    run = record.dagster_run
    if run.status not in IN_PROGRESS:
        return None
    host = run.tags.get(HOST_TAG)
    if host is not None and host != this_host():
        return None  # another machine's process: Dagster's run monitoring speaks for it
    owner = _run_process(instance, record)
    if owner is not None:
        pid, known_at = owner
        if host is None and not isinstance(instance.run_launcher, DefaultRunLauncher):
            return None  # launched elsewhere (a container, a cluster): its pid means nothing here
        return (
            None
            if is_running(pid, known_at)
            else f"the process running it (pid {pid}) is gone, killed (kill -9, out of memory) "
            "before it could record an end"
        )
    if not isinstance(instance.run_launcher, DefaultRunLauncher):
        return None
    if not _daemon_alive(instance):
        return "no Dagster daemon is running to launch it"
    age = time.time() - record.create_timestamp.timestamp()
    if run.status == dg.DagsterRunStatus.STARTING and age > LAUNCH_TIMEOUT_SECONDS:
        return f"it got no process within {LAUNCH_TIMEOUT_SECONDS} s of being launched"
    return None


def settle_dead_runs(instance: dg.DagsterInstance, records: list[dg.RunRecord]) -> list[str]:
    """Mark every run that will never finish as failed (or canceled, if it was never started or was being
    canceled), so the instance and the UI tell the truth; returns one line per run marked."""
    notes = []
    for record in records:
        reason = why_dead(instance, record)
        if reason is None:
            continue
        run = record.dagster_run
        message = f"run {run.run_id[:8]} of batch {run.tags.get('dagster/partition')} is over: {reason}"
        if run.status in (dg.DagsterRunStatus.STARTED, dg.DagsterRunStatus.STARTING):
            instance.report_run_failed(run, message=message)
        else:
            instance.report_run_canceled(run, message=message)
        # A dead run's publish slot is freed here: without the daemon's run monitoring nobody else would.
        if instance.event_log_storage.supports_global_concurrency_limits:
            instance.event_log_storage.free_concurrency_slots_for_run(run.run_id)
        notes.append(message)
    return notes


def settled_batch_runs(instance: dg.DagsterInstance, batch: str) -> tuple[list[dg.RunRecord], list[str]]:
    """The batch's runs, newest first, after marking those found dead; and a line for each so marked."""
    records = batch_runs(instance, batch)
    notes = settle_dead_runs(instance, [r for r in records if r.dagster_run.status in IN_PROGRESS])
    return (batch_runs(instance, batch) if notes else records), notes


def settled_dead_runs(instance: dg.DagsterInstance) -> list[str]:
    """Mark every run of the instance found dead, whatever its batch; a line for each. Not only the runs
    of pending batches: a run killed after its publish committed leaves its batch done but its publish
    slot taken, and every later publish would wait for that slot."""
    return settle_dead_runs(instance, list(instance.get_run_records(filters=dg.RunsFilter(statuses=IN_PROGRESS))))


@contextmanager
def settling_dead_runs(
    instance: dg.DagsterInstance,
    every_seconds: float = SETTLE_EVERY_SECONDS,
    on_note: Callable[[str], None] = lambda _: None,
) -> Iterator[None]:
    """Mark dead runs now and every `every_seconds` while the block runs: a publisher killed while this
    process waits for its slot is then found, so the wait ends."""
    done = threading.Event()

    def settle() -> None:
        while not done.wait(every_seconds):
            try:
                notes = settled_dead_runs(instance)
            except Exception as e:  # the storage briefly unreachable: the next round tries again
                notes = [f"could not check for dead runs: {type(e).__name__}: {e}"]
            for note in notes:
                on_note(note)

    for note in settled_dead_runs(instance):
        on_note(note)
    settler = threading.Thread(target=settle, name="newsfacts-settle-dead-runs", daemon=True)
    settler.start()
    try:
        yield
    finally:
        done.set()
        settler.join()


def in_flight(instance: dg.DagsterInstance, batch: str) -> tuple[bool, list[str]]:
    """Whether a live run is processing the batch, and a line for each dead run marked on the way."""
    records, notes = settled_batch_runs(instance, batch)
    return any(r.dagster_run.status in IN_PROGRESS for r in records), notes


def output_assets() -> list[str]:
    return sorted(k.path[-1] for a in BATCH_ASSETS for k in a.keys if k != PUBLISHED_BATCH)


def outputs_ready(layout: WarehouseLayout, manifest: BatchManifest) -> bool:
    """Every batch asset before publishing has its file, built by the code that runs now."""
    batch = manifest.batch
    if not all(layout.files.exists(parquet_key(name, batch)) for name in output_assets()):
        return False
    versions = layout.files.read_frame(parquet_key("raw_articles", batch), columns=["pipeline_version"])
    return set(versions["pipeline_version"].unique()) <= {with_as_of(pipeline_version(), manifest.as_of)}


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
    rejected_new: int = 0  # of the rejected, those planned as new, and as changed
    rejected_changed: int = 0
    publish_only: bool = False
    notes: list[str] = field(default_factory=list)  # earlier runs of the batch found dead and marked so


def run_batch(
    instance: dg.DagsterInstance,
    job: dg.JobDefinition,
    layout: WarehouseLayout,
    manifest: BatchManifest,
    verbose: bool = False,
) -> BatchOutcome:
    """Execute one batch in this process; only its publish step when its outputs are already built."""
    t0 = time.perf_counter()
    n = len(manifest.entries)
    live, notes = in_flight(instance, manifest.batch)
    if live:
        return BatchOutcome(manifest.batch, n, 0.0, skipped="a run of the UI's daemon is processing it", notes=notes)
    if not instance.has_dynamic_partition(INGEST_BATCHES, manifest.batch):
        instance.add_dynamic_partitions(INGEST_BATCHES, [manifest.batch])
    publish_only = outputs_ready(layout, manifest)
    result = job.execute_in_process(
        instance=instance,
        partition_key=manifest.batch,
        raise_on_error=False,
        run_config={"loggers": {"console": {"config": {"log_level": "WARNING" if verbose else "CRITICAL"}}}},
        asset_selection=[PUBLISHED_BATCH] if publish_only else None,
        tags={"newsfacts/started_by": "cli", **owner_tags()},
    )
    outcome = BatchOutcome(
        manifest.batch, n, time.perf_counter() - t0, result.success, publish_only=publish_only, notes=notes
    )
    if not result.success:
        outcome.message, outcome.interrupted = failure(result)
        return outcome
    # the node also records warehouse_views' materialization when its publish created the views
    published = [m for m in result.asset_materializations_for_node("published_batch") if m.asset_key == PUBLISHED_BATCH]
    if published:
        counts = published[0].metadata  # counts we wrote
        outcome.rejected = int(cast(int, counts["articles_rejected"].value))
        outcome.rejected_new = int(cast(int, counts["articles_rejected_new"].value))
        outcome.rejected_changed = int(cast(int, counts["articles_rejected_changed"].value))
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
            first = re.sub(r"^[\w.]+\.(\w+: )", r"\1", lines[0]) if lines else err.cls_name  # no module path
            return f"step {event.step_key} failed: {first}", interrupted
    return "the run failed", False


def sensor_requests(
    instance: dg.DagsterInstance, pending: list[BatchManifest], notes: list[str] | None = None
) -> list[dg.RunRequest]:
    """Runs for planned batches that are not running: never run (a tick that stopped half way, a killed
    CLI run), failed fewer than MAX_SENSOR_ATTEMPTS times, or whose run's process died (marked failed
    here, which counts as an attempt). Lines about runs found dead go to `notes`."""
    requests = []
    for m in pending:
        records, dead = settled_batch_runs(instance, m.batch)
        if notes is not None:
            notes.extend(dead)
        statuses = [r.dagster_run.status for r in records]
        if any(s in IN_PROGRESS for s in statuses):
            continue
        failed = sum(1 for s in statuses if s in (dg.DagsterRunStatus.FAILURE, dg.DagsterRunStatus.CANCELED))
        if not records or (failed == len(records) and failed < MAX_SENSOR_ATTEMPTS):
            requests.append(
                dg.RunRequest(
                    run_key=f"{m.batch}:{len(records)}", partition_key=m.batch, job_name=ingest_batch_job.name
                )
            )
    return requests
