"""Turning what changed in the seeds folder into ingest batches on disk.

Shared by `newsfacts run` and the seeds sensor. Planning holds a lock so two
planners never put the same file in two batches; files already in a batch
that is planned but not yet published are left to that batch.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from newsfacts.ingest.container_records import expand_containers
from newsfacts.ingest.files import hash_article
from newsfacts.ingest.planning import Plan, batch_key, parse_as_of, plan_ingest, with_as_of
from newsfacts.ingest.records import ColumnNames
from newsfacts.ingest.scan import scan_seeds
from newsfacts.warehouse.layout import WarehouseLayout
from newsfacts.warehouse.locks import FileLock
from newsfacts.warehouse.manifest import BatchManifest, manifest_batches, read_manifest, write_manifest
from newsfacts.warehouse.store import meta_value, published_state


class SeedsMismatch(RuntimeError):
    """The warehouse mirrors another seeds folder than the one given."""


@dataclass
class PlannedWork:
    plan: Plan
    pending: list[BatchManifest] = field(default_factory=list)  # planned earlier, not yet published
    created: list[BatchManifest] = field(default_factory=list)  # planned now
    unnamed: list[str] = field(default_factory=list)  # files left out: names not valid UTF-8
    as_of: dt.date | None = None  # the date the new batches code undated articles as of

    @property
    def batches(self) -> list[BatchManifest]:
        return self.pending + self.created


def retire_orphan_manifests(layout: WarehouseLayout) -> None:
    """When the warehouse file the manifests were planned for is gone (deleted, replaced), move them
    aside: its batches are not to be finished into a new file."""
    marker = layout.warehouse_id_path
    current = meta_value(layout, "warehouse_id")
    if marker.exists() and marker.read_text().strip() != (current or ""):
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
        if layout.files.exists("manifests"):
            layout.files.move("manifests", f"manifests-retired-{stamp}")
        layout.ensure_dirs()
        marker.unlink()  # the next write to the new warehouse file records its id


def own_paths(layout: WarehouseLayout) -> list[Path]:
    """The warehouse's files and the Dagster home this process uses (it may be elsewhere: $DAGSTER_HOME)."""
    home = os.environ.get("DAGSTER_HOME")
    return [*layout.own_paths(), *([Path(home)] if home else [])]


def resolve_as_of(option: str | None, layout: WarehouseLayout) -> dt.date | None:
    """The date undated articles are coded as of: the one given (--as-of, else $NEWSFACTS_AS_OF), else
    the one the warehouse last published with (newsfacts_meta `as_of`), else none. Never the clock.
    AsOfInvalid when the one given is no date."""
    if option is not None:
        return parse_as_of(option)
    recorded = meta_value(layout, "as_of")
    return parse_as_of(recorded) if recorded else None


def plan_batches(
    seeds_dir: Path,
    layout: WarehouseLayout,
    pipeline_version: str,
    batch_size: int,
    lock_timeout: float = 0.0,
    now: dt.datetime | None = None,
    replace_seeds: bool = False,
    columns: ColumnNames | None = None,
    as_of: str | None = None,
    parse_version: str | None = None,
) -> PlannedWork:
    """Write a manifest for each new batch and return them with the batches still pending.

    Raises LockBusy when another planner holds the lock past lock_timeout, and SeedsMismatch when
    the warehouse mirrors another seeds folder (unless replace_seeds: its articles then leave).
    `columns`: the table columns named with --column, else $NEWSFACTS_COLUMNS. `as_of`: the --as-of
    option (see resolve_as_of), recorded in each new manifest; articles coded as of another date are
    planned again. `parse_version`: the parse's version now, so articles whose parse still holds are
    re-coded from it (None parses again)."""
    columns = columns or ColumnNames.from_env()
    as_of_date = resolve_as_of(as_of, layout)
    mirrored = meta_value(layout, "seeds_dir")
    if mirrored and Path(mirrored) != Path(seeds_dir) and not replace_seeds:
        raise SeedsMismatch(
            f"{layout.duckdb_path} mirrors the seeds folder {mirrored}, not {seeds_dir}: "
            f"give --seeds {mirrored}, or --replace-seeds to make it mirror {seeds_dir} "
            f"(articles not in {seeds_dir} then leave the warehouse)"
        )
    layout.ensure_dirs()
    with FileLock(layout.lock_path("plan"), "planning ingest batches").acquire(timeout=lock_timeout):
        retire_orphan_manifests(layout)
        published, published_batches = published_state(layout)
        pending = [read_manifest(layout, b) for b in manifest_batches(layout) if b not in published_batches]
        # A batch planned as of another date leaves its articles to be planned again as of this one.
        in_flight = {e.key for m in pending if m.as_of == as_of_date for e in m.entries}
        unnamed: list[str] = []
        files = expand_containers(seeds_dir, scan_seeds(seeds_dir, unnamed, own_paths(layout)), published, columns)
        plan = plan_ingest(
            files,
            published,
            lambda p: hash_article(seeds_dir, p),
            with_as_of(pipeline_version, as_of_date),
            in_flight,
            parse_version,
        )
        now = now or dt.datetime.now(dt.UTC)
        created = []
        for i, entries in enumerate(plan.batches(batch_size)):
            stamp = f"{now:%Y%m%d-%H%M%S}-{i:04d}"
            manifest = BatchManifest(
                batch_key(entries, stamp),
                now.isoformat(timespec="seconds"),
                str(seeds_dir),
                tuple(entries),
                columns.to_json(),
                as_of_date,
            )
            write_manifest(layout, manifest)
            created.append(manifest)
    return PlannedWork(plan, pending, created, unnamed, as_of_date)
