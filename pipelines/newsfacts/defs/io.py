"""Per-batch Parquet storage for the partitioned assets."""

from __future__ import annotations

import dagster as dg
import polars as pl

from newsfacts.warehouse.layout import WarehouseLayout
from newsfacts.warehouse.parquet import write_atomic


class BatchParquetIOManager(dg.ConfigurableIOManager):
    """Each asset partition is one Parquet file: <warehouse>_batches/parquet/<asset>/<batch>.parquet."""

    duckdb_path: str

    def _path(self, asset_key: dg.AssetKey, partition: str):
        return WarehouseLayout.at(self.duckdb_path).parquet_path(asset_key.path[-1], partition)

    def handle_output(self, context: dg.OutputContext, obj: pl.DataFrame) -> None:
        path = self._path(context.asset_key, context.partition_key)
        write_atomic(obj, path)
        context.add_output_metadata({"path": dg.MetadataValue.path(str(path))})

    def load_input(self, context: dg.InputContext) -> pl.DataFrame:
        upstream = context.upstream_output
        assert upstream is not None  # an asset's input is always some asset's output
        path = self._path(upstream.asset_key, context.partition_key)
        if not path.exists():
            raise FileNotFoundError(
                f"{path} is missing: materialize {upstream.asset_key.to_user_string()} "
                f"for batch {context.partition_key} first"
            )
        return pl.read_parquet(path)
