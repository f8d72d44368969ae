"""The failure records of a batch's layers, kept beside the batch until it is published."""

from __future__ import annotations

import polars as pl

from newsfacts.contract.failures import SCHEMA
from newsfacts.warehouse.layout import WarehouseLayout
from newsfacts.warehouse.parquet import write_atomic


def write_failures(layout: WarehouseLayout, layer: str, batch: str, failures: dict[str, str]) -> None:
    frame = pl.DataFrame(
        {"article_id": list(failures), "layer": [layer] * len(failures), "error": list(failures.values())},
        schema=SCHEMA,
    )
    write_atomic(frame.sort("article_id"), layout.failures_path(layer, batch))


def read_failures(layout: WarehouseLayout, batch: str) -> dict[str, str]:
    """article_id -> first recorded error, over every layer of the batch."""
    out: dict[str, str] = {}
    for path in sorted(layout.batches_dir.glob(f"failures/*/{batch}.parquet")):
        for aid, error in pl.read_parquet(path).select("article_id", "error").iter_rows():
            out.setdefault(aid, error)
    return out
