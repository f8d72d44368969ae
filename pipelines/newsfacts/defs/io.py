"""Per-batch Parquet storage for the partitioned assets."""

from __future__ import annotations

import dagster as dg
import polars as pl

from newsfacts.warehouse.batch_files import parquet_key
from newsfacts.warehouse.layout import WarehouseLayout


class BatchParquetIOManager(dg.ConfigurableIOManager):
    """Each asset partition is one Parquet file: parquet/<asset>/<batch>.parquet under the batch files'
    root (<warehouse>_batches, or batch_root: a folder or an fsspec URL)."""

    duckdb_path: str
    batch_root: str | None = None

    def handle_output(self, context: dg.OutputContext, obj: pl.DataFrame) -> None:
        files = WarehouseLayout.at(self.duckdb_path, self.batch_root).files
        key = parquet_key(context.asset_key.path[-1], context.partition_key)
        files.write_frame(obj, key)
        location = files.location(key)
        context.add_output_metadata(
            {"path": dg.MetadataValue.path(location) if files.is_local else dg.MetadataValue.url(location)}
        )

    def load_input(self, context: dg.InputContext) -> pl.DataFrame:
        upstream = context.upstream_output
        assert upstream is not None  # an asset's input is always some asset's output
        files = WarehouseLayout.at(self.duckdb_path, self.batch_root).files
        key = parquet_key(upstream.asset_key.path[-1], context.partition_key)
        if not files.exists(key):
            raise FileNotFoundError(
                f"{files.location(key)} is missing: materialize {upstream.asset_key.to_user_string()} "
                f"for batch {context.partition_key} first"
            )
        return files.read_frame(key)
