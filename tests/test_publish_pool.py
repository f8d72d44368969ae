"""Publishing serialized by Dagster: the publish step's concurrency pool has one slot in the instance."""

import os
import subprocess
import sys
import time

import dagster as dg
import pytest
from dagster._core.test_utils import create_run_for_test

from newsfacts.defs.instance import ensure_dagster_home, open_instance
from newsfacts.defs.runs import PID_TAG, owner_tags
from newsfacts.defs.warehouse_assets import PUBLISH_POOL
from newsfacts.orchestration import plan_batches
from newsfacts.settings import Settings
from newsfacts.versions import pipeline_version

# One batch run in its own process, as a worker (the CLI, the daemon, a Celery worker) runs it.
RUN_ONE_BATCH = """
import sys
from newsfacts.defs.build import build_definitions
from newsfacts.defs.instance import open_instance
from newsfacts.defs.jobs import ingest_batch_job
from newsfacts.defs.runs import run_batch
from newsfacts.settings import Settings
from newsfacts.warehouse.manifest import read_manifest

settings = Settings.from_env()
job = build_definitions(settings).resolve_job_def(ingest_batch_job.name)
manifest = read_manifest(settings.layout, sys.argv[1])
outcome = run_batch(open_instance(settings.dagster_home), job, settings.layout, manifest)
sys.exit(0 if outcome.ok else outcome.message)
"""


def wait_for(condition, procs, what: str, timeout: float = 180):
    deadline = time.monotonic() + timeout
    while not condition():
        for p in procs:
            assert p.poll() is None, f"a batch run exited ({p.returncode}) before {what}: {p.stderr.read()}"
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.1)


@pytest.mark.slow  # two batch runs in their own processes
def test_two_publishers_started_at_once_one_waits_both_land(project):
    project.write("a.txt", "The minister met the envoy in Paris on Monday.")
    project.write("b.txt", "Police arrested two protesters in Cairo on Tuesday.")
    settings = Settings.from_env()
    instance = open_instance(ensure_dagster_home(settings.dagster_home))
    assert "default_limit: 1" in (settings.dagster_home / "dagster.yaml").read_text()
    batches = [m.batch for m in plan_batches(settings.seeds_dir, settings.layout, pipeline_version(), 1).created]
    assert len(batches) == 2
    instance.add_dynamic_partitions("ingest_batches", batches)
    storage = instance.event_log_storage
    # Publishing paused (no slot), so both runs are sure to reach the publish step before either publishes.
    storage.set_concurrency_slots(PUBLISH_POOL, 0)
    env = {**os.environ, **project.env}
    procs = [
        subprocess.Popen([sys.executable, "-c", RUN_ONE_BATCH, b], env=env, stderr=subprocess.PIPE, text=True)
        for b in batches
    ]
    try:
        wait_for(lambda: storage.get_concurrency_info(PUBLISH_POOL).pending_step_count == 2, procs, "both publishers")
        storage.set_concurrency_slots(PUBLISH_POOL, 1)
        # One publishes while the other waits for the slot.
        wait_for(
            lambda: (
                (info := storage.get_concurrency_info(PUBLISH_POOL)).active_slot_count == 1
                and info.pending_step_count == 1
            ),
            procs,
            "one publisher holding the slot while the other waits",
        )
        for p in procs:
            assert p.wait(timeout=180) == 0, p.stderr.read()
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
    assert project.sql("SELECT batch FROM ingest_batches ORDER BY 1") == [(b,) for b in sorted(batches)]
    assert project.sql("SELECT path FROM articles ORDER BY 1") == [("a.txt",), ("b.txt",)]
    assert storage.get_concurrency_info(PUBLISH_POOL).active_slot_count == 0


@pytest.mark.slow  # a CLI run
def test_a_dead_run_holding_the_publish_slot_is_found_and_the_next_run_lands(project):
    # A publisher killed after its batch landed: its batch is done, so no later run looks at it as
    # pending, yet the instance still shows it under way with the one publish slot taken.
    project.write("a.txt", "The minister met the envoy in Paris on Monday.")
    settings = Settings.from_env()
    instance = open_instance(ensure_dagster_home(settings.dagster_home))
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = create_run_for_test(
        instance,
        job_name="ingest_batch",
        status=dg.DagsterRunStatus.STARTED,
        tags={"dagster/partition": "an-earlier-batch", **owner_tags(), PID_TAG: gone.stdout.strip()},
    )
    instance.event_log_storage.initialize_concurrency_limit_to_default(PUBLISH_POOL)  # as a first claim does
    instance.event_log_storage.claim_concurrency_slot(PUBLISH_POOL, dead.run_id, "published_batch")
    assert instance.event_log_storage.get_concurrency_info(PUBLISH_POOL).active_slot_count == 1

    run = project.run_cli("run", timeout=120)  # without the fix it waits for the slot for ever

    assert f"run {dead.run_id[:8]} of batch an-earlier-batch is over: the process running it" in run.stderr
    assert instance.get_run_by_id(dead.run_id).status == dg.DagsterRunStatus.FAILURE
    assert project.sql("SELECT path FROM articles") == [("a.txt",)]
    assert instance.event_log_storage.get_concurrency_info(PUBLISH_POOL).active_slot_count == 0
