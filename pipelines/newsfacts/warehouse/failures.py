"""Articles a layer could not process: kept beside the batch, published as rejections.

A layer that fails on one article (a bug, an input no rule foresaw) records
the article and the error here and goes on with the others; publishing turns
the article into a `rejected_articles` row (reason_code `internal_error`)
instead of letting it take its batch down.
"""

from __future__ import annotations

import polars as pl

from newsfacts.warehouse.layout import WarehouseLayout
from newsfacts.warehouse.parquet import write_atomic

SCHEMA = {"article_id": pl.Utf8, "layer": pl.Utf8, "error": pl.Utf8}


def failure_reason(layer: str, error: BaseException) -> str:
    """The one line a rejected article gets for the exception a layer raised on it."""
    return f"{layer} failed: {type(error).__name__}: {' '.join(str(error).split())[:300]}"


def write_failures(layout: WarehouseLayout, layer: str, batch: str, failures: dict[str, str]) -> None:
    frame = pl.DataFrame({"article_id": list(failures), "layer": [layer] * len(failures),
                          "error": list(failures.values())}, schema=SCHEMA)
    write_atomic(frame.sort("article_id"), layout.failures_path(layer, batch))


def read_failures(layout: WarehouseLayout, batch: str) -> dict[str, str]:
    """article_id -> first recorded error, over every layer of the batch."""
    out: dict[str, str] = {}
    for path in sorted(layout.batches_dir.glob(f"failures/*/{batch}.parquet")):
        for aid, error in pl.read_parquet(path).select("article_id", "error").iter_rows():
            out.setdefault(aid, error)
    return out
