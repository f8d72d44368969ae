"""The failure records of a batch's layers, kept beside the batch until it is published."""

from __future__ import annotations

import polars as pl

from newsfacts.contract.failures import SCHEMA
from newsfacts.warehouse.batch_files import failures_key
from newsfacts.warehouse.layout import WarehouseLayout


def write_failures(layout: WarehouseLayout, layer: str, batch: str, failures: dict[str, str]) -> None:
    frame = pl.DataFrame(
        {"article_id": list(failures), "layer": [layer] * len(failures), "error": list(failures.values())},
        schema=SCHEMA,
    )
    layout.files.write_frame(frame.sort("article_id"), failures_key(layer, batch))


def read_failures(layout: WarehouseLayout, batch: str) -> dict[str, str]:
    """article_id -> first recorded error, over every layer of the batch."""
    out: dict[str, str] = {}
    for key in layout.files.glob(failures_key("*", batch)):
        for aid, error in layout.files.read_frame(key).select("article_id", "error").iter_rows():
            out.setdefault(aid, error)
    return out
