"""Where a warehouse keeps its files.

warehouse/newsfacts.duckdb            the contract relations, queried with SQL
warehouse/newsfacts_report.html       the analysts' report (`newsfacts report`, the `report` asset)
warehouse/newsfacts_batches/
    manifests/<batch>.json            what the planner put in each ingest batch
    parquet/<asset>/<batch>.parquet   each batch asset's rows (readable by any engine)
    failures/<layer>/<batch>.parquet  articles a layer could not process, and why
    dictionaries/<batch>.json         the dictionary set (files, SHA-256, problems) that coded a batch
    dictionaries/problems-<digest>.txt  every problem found in a dictionary set
    cache/dictionaries/               dictionary sets parsed once, by digest (safe to delete)
    locks/                            run, plan and publish locks
    dagster_home/                     the Dagster instance of this warehouse (runs, partitions)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class WarehouseLayout:
    duckdb_path: Path

    @classmethod
    def at(cls, duckdb_path: str | Path) -> WarehouseLayout:
        return cls(Path(duckdb_path).expanduser().resolve())

    @property
    def batches_dir(self) -> Path:
        return self.duckdb_path.parent / f"{self.duckdb_path.stem}_batches"

    @property
    def report_path(self) -> Path:
        return self.duckdb_path.parent / f"{self.duckdb_path.stem}_report.html"

    @property
    def manifests_dir(self) -> Path:
        return self.batches_dir / "manifests"

    def manifest_path(self, batch: str) -> Path:
        return self.manifests_dir / f"{batch}.json"

    def parquet_path(self, asset: str, batch: str) -> Path:
        return self.batches_dir / "parquet" / asset / f"{batch}.parquet"

    def failures_path(self, layer: str, batch: str) -> Path:
        return self.batches_dir / "failures" / layer / f"{batch}.parquet"

    def dictionary_record_path(self, batch: str) -> Path:
        return self.batches_dir / "dictionaries" / f"{batch}.json"

    def dictionary_problems_path(self, digest: str) -> Path:
        return self.batches_dir / "dictionaries" / f"problems-{digest[:12]}.txt"

    @property
    def dagster_home(self) -> Path:
        return self.batches_dir / "dagster_home"

    @property
    def warehouse_id_path(self) -> Path:
        """Which warehouse file the batch files belong to (its newsfacts_meta warehouse_id)."""
        return self.batches_dir / "warehouse_id"

    def lock_path(self, name: str) -> Path:
        return self.batches_dir / "locks" / f"{name}.lock"

    def ensure_dirs(self) -> None:
        for d in (self.manifests_dir, self.batches_dir / "parquet", self.batches_dir / "locks"):
            d.mkdir(parents=True, exist_ok=True)
