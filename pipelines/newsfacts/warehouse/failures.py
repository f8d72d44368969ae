"""Articles a layer could not process: kept beside the batch, published as rejections.

A layer that fails on one article (a bug, an input no rule foresaw) records
the article and the error here and goes on with the others; publishing turns
the article into a `rejected_articles` row (reason_code `internal_error`)
instead of letting it take its batch down.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

import polars as pl

from newsfacts.warehouse.layout import WarehouseLayout
from newsfacts.warehouse.parquet import write_atomic

SCHEMA = {"article_id": pl.Utf8, "layer": pl.Utf8, "error": pl.Utf8}
T = TypeVar("T")


def guarded(items: Iterable[T], article_id: Callable[[T], str], layer: str,
            failures: dict[str, str]) -> Iterator[tuple[T, Callable[[BaseException], None]]]:
    """Yield each item with a callback that records its failure."""
    for item in items:
        def fail(e: BaseException, aid=article_id(item)) -> None:
            failures[aid] = f"{layer} failed: {type(e).__name__}: {' '.join(str(e).split())[:300]}"
        yield item, fail


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
