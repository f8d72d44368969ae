"""Turning what changed in the seeds folder into ingest batches on disk.

Shared by `newsfacts run` and the seeds sensor. Planning holds a lock so two
planners never put the same file in two batches; files already in a batch
that is planned but not yet published are left to that batch.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from newsfacts.ingest.planning import Plan, batch_key, plan_ingest
from newsfacts.ingest.scan import hash_file, scan_seeds
from newsfacts.warehouse.layout import WarehouseLayout
from newsfacts.warehouse.locks import FileLock
from newsfacts.warehouse.manifest import BatchManifest, manifest_batches, read_manifest, write_manifest
from newsfacts.warehouse.store import published_state


@dataclass
class PlannedWork:
    plan: Plan
    pending: list[BatchManifest] = field(default_factory=list)  # planned earlier, not yet published
    created: list[BatchManifest] = field(default_factory=list)  # planned now

    @property
    def batches(self) -> list[BatchManifest]:
        return self.pending + self.created


def plan_batches(seeds_dir: Path, layout: WarehouseLayout, pipeline_version: str, batch_size: int,
                 lock_timeout: float = 0.0, now: dt.datetime | None = None) -> PlannedWork:
    """Write a manifest for each new batch and return them with the batches still pending.

    Raises LockBusy when another planner holds the lock past lock_timeout."""
    layout.ensure_dirs()
    with FileLock(layout.lock_path("plan"), "planning ingest batches").acquire(timeout=lock_timeout):
        published, published_batches = published_state(layout)
        pending = [read_manifest(layout, b) for b in manifest_batches(layout) if b not in published_batches]
        in_flight = {e.key for m in pending for e in m.entries}
        plan = plan_ingest(scan_seeds(seeds_dir), published, lambda p: hash_file(seeds_dir / p),
                           pipeline_version, in_flight)
        now = now or dt.datetime.now(dt.timezone.utc)
        created = []
        for i, entries in enumerate(plan.batches(batch_size)):
            stamp = f"{now:%Y%m%d-%H%M%S}-{i:04d}"
            manifest = BatchManifest(batch_key(entries, stamp), now.isoformat(timespec="seconds"),
                                     str(seeds_dir), tuple(entries))
            write_manifest(layout, manifest)
            created.append(manifest)
    return PlannedWork(plan, pending, created)
