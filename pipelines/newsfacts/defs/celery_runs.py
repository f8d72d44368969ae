"""Batch runs whose steps are Celery tasks (dagster-celery), executed by workers on any machine.

    celery -A dagster_celery.app -b $NEWSFACTS_CELERY_BROKER --result-backend $NEWSFACTS_CELERY_BROKER \\
        worker -Q dagster -P solo --prefetch-multiplier=1 -n w1@%h

A worker needs the same environment as the process launching the runs (NEWSFACTS_WAREHOUSE,
NEWSFACTS_SEEDS_DIR, NEWSFACTS_BATCH_ROOT, DAGSTER_HOME with an instance it can reach: PostgreSQL
across machines). `-P solo`: the parse step starts its own worker processes, which the children of
Celery's default prefork pool (daemonic) may not have; run one solo worker process per core instead.

Each step of a batch is one task; a run's steps follow each other, so batches run side by side (one
driver thread each) keep the workers busy. The publish step waits for the instance's publish pool.
"""

from __future__ import annotations

import argparse
import math
import os
import subprocess
import sys
import time
import warnings
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor

import dagster as dg
from celery.exceptions import DuplicateTaskNameWarning
from dagster_celery import celery_executor

from newsfacts.defs.build import build_definitions
from newsfacts.defs.instance import ensure_dagster_home, open_instance
from newsfacts.defs.jobs import BATCH_ASSETS
from newsfacts.defs.partitions import INGEST_BATCHES
from newsfacts.defs.runs import owner_tags, settling_dead_runs
from newsfacts.orchestration import plan_batches
from newsfacts.settings import Settings
from newsfacts.versions import parse_version, pipeline_version

BROKER_ENV = "NEWSFACTS_CELERY_BROKER"  # a Redis URL, also the result backend

celery_batch_job_def = dg.define_asset_job(
    "ingest_batch_celery",
    selection=dg.AssetSelection.assets(*BATCH_ASSETS),
    executor_def=celery_executor.configured({"broker": {"env": BROKER_ENV}, "backend": {"env": BROKER_ENV}}),
    description="Process one ingest batch with each step a Celery task.",
)


def celery_batch_job() -> dg.JobDefinition:
    """The job, as workers rebuild it from the environment (dg.reconstructable points here)."""
    defs = build_definitions(Settings.from_env())
    return dg.Definitions.merge(defs, dg.Definitions(jobs=[celery_batch_job_def])).resolve_job_def(
        celery_batch_job_def.name
    )


def run_batch_on_celery(instance: dg.DagsterInstance, batch: str) -> bool:
    """One batch's run: this process submits its steps to the workers and waits for them."""
    if not instance.has_dynamic_partition(INGEST_BATCHES, batch):
        instance.add_dynamic_partitions(INGEST_BATCHES, [batch])
    with dg.execute_job(
        dg.reconstructable(celery_batch_job),
        instance,
        tags={"dagster/partition": batch, "newsfacts/started_by": "celery", **owner_tags()},
        raise_on_error=False,
    ) as result:
        return result.success


# A batch run's driver in its own process: Dagster's run setup is not safe in threads side by side.
_RUN_ONE = "import sys\nfrom newsfacts.defs.celery_runs import run_one\nsys.exit(run_one(sys.argv[1]))"


def run_one(batch: str) -> int:
    # dagster-celery registers its one step task again for each step it submits (the same function),
    # and Celery warns every time.
    warnings.filterwarnings("ignore", category=DuplicateTaskNameWarning)
    settings = Settings.from_env()
    return 0 if run_batch_on_celery(open_instance(settings.dagster_home), batch) else 1


def run_batches_on_celery(
    instance: dg.DagsterInstance,
    batches: Iterable[str],
    side_by_side: int,
    on_done: Callable[[str, bool], None] | None = None,
) -> dict[str, bool]:
    """Every batch's run, `side_by_side` at a time, each driven by a child process; batch -> success."""
    if not os.environ.get(BROKER_ENV):
        raise RuntimeError(f"set {BROKER_ENV} to the Celery broker's URL (redis://host:6379/0)")

    def one(batch: str) -> tuple[str, bool]:
        ok = subprocess.run([sys.executable, "-c", _RUN_ONE, batch], check=False).returncode == 0
        if on_done is not None:
            on_done(batch, ok)
        return batch, ok

    # Runs of an earlier driver that died are marked failed and their publish slots freed, now and while
    # these run: a killed process may be found gone only after this driver has started.
    with settling_dead_runs(instance), ThreadPoolExecutor(max_workers=side_by_side) as pool:
        return dict(pool.map(one, batches))


def main(argv: list[str] | None = None) -> int:
    """Plan the seeds folder in --batches batches and run every pending batch on the Celery workers."""
    p = argparse.ArgumentParser(prog="python -m newsfacts.defs.celery_runs", description=main.__doc__)
    p.add_argument("--batches", type=int, default=10, help="how many batches to plan the seeds in")
    p.add_argument("--side-by-side", type=int, default=2, help="batch runs in flight at once (one per worker)")
    p.add_argument("--instance", help="PostgreSQL URL of the Dagster instance (default: $NEWSFACTS_INSTANCE)")
    args = p.parse_args(argv)
    settings = Settings.from_env()
    home = ensure_dagster_home(settings.dagster_home, args.instance or os.environ.get("NEWSFACTS_INSTANCE") or None)
    n_files = sum(1 for _ in settings.seeds_dir.rglob("*.txt"))
    size = max(1, math.ceil(n_files / args.batches))
    work = plan_batches(
        settings.seeds_dir,
        settings.layout,
        pipeline_version(),
        size,
        lock_timeout=60,
        as_of=settings.as_of,
        parse_version=parse_version(),
    )
    started = time.perf_counter()
    instance = open_instance(home)
    outcome = run_batches_on_celery(
        instance, [m.batch for m in work.batches], args.side_by_side, lambda b, ok: print(b, "ok" if ok else "FAILED")
    )
    minutes = (time.perf_counter() - started) / 60
    print(f"{len(outcome)} batches in {minutes * 60:.1f} s: {len(outcome) / minutes:.2f} batches per minute")
    return 0 if all(outcome.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
