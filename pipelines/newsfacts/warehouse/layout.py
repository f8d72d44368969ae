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

The manifests, Parquet, failure files and dictionary records (the batch files) may live under another
root instead, a local folder or an fsspec URL (see batch_files.py); the DuckDB file, the locks, the
problem reports and the Dagster home stay on the machine that publishes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from newsfacts.warehouse.batch_files import BatchFiles, is_url


@dataclass(frozen=True)
class WarehouseLayout:
    duckdb_path: Path
    # Where the batch files are when not in batches_dir: a folder or an fsspec URL.
    batch_root: str | None = None

    @classmethod
    def at(cls, duckdb_path: str | Path, batch_root: str | Path | None = None) -> WarehouseLayout:
        if batch_root is not None and not is_url(batch_root):
            batch_root = str(Path(batch_root).expanduser().resolve())
        return cls(Path(duckdb_path).expanduser().resolve(), str(batch_root) if batch_root else None)

    @property
    def batches_dir(self) -> Path:
        return self.duckdb_path.parent / f"{self.duckdb_path.stem}_batches"

    @property
    def report_path(self) -> Path:
        return self.duckdb_path.parent / f"{self.duckdb_path.stem}_report.html"

    @property
    def files(self) -> BatchFiles:
        return BatchFiles(self.batch_root or str(self.batches_dir))

    def dictionary_problems_path(self, digest: str) -> Path:
        return self.batches_dir / "dictionaries" / f"problems-{digest[:12]}.txt"

    @property
    def dagster_home(self) -> Path:
        return self.batches_dir / "dagster_home"

    def own_paths(self) -> list[Path]:
        """What the pipeline writes for this warehouse: never read as articles, even inside the seeds folder."""
        wal = self.duckdb_path.with_name(self.duckdb_path.name + ".wal")
        paths = [self.duckdb_path, wal, self.batches_dir, self.report_path]
        if self.batch_root and self.files.is_local:
            paths.append(Path(self.batch_root))
        return paths

    @property
    def warehouse_id_path(self) -> Path:
        """Which warehouse file the batch files belong to (its newsfacts_meta warehouse_id)."""
        return self.batches_dir / "warehouse_id"

    def lock_path(self, name: str) -> Path:
        return self.batches_dir / "locks" / f"{name}.lock"

    def ensure_dirs(self) -> None:
        self.lock_path("run").parent.mkdir(parents=True, exist_ok=True)
        if self.files.is_local:
            for d in ("manifests", "parquet"):
                (Path(self.files.root) / d).mkdir(parents=True, exist_ok=True)
